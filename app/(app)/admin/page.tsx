import { Placeholder } from "@/components/shell/placeholder";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Administration" };

export default async function Page() {
  await requirePageRole("admin");
  return <Placeholder title="Administration" issue="Administration" />;
}
