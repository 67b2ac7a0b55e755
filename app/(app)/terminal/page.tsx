import { Placeholder } from "@/components/shell/placeholder";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Terminal" };

export default async function Page() {
  await requirePageRole("clerk");
  return <Placeholder title="Terminal" issue="Virtual terminal" />;
}
