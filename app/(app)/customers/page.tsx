import { Placeholder } from "@/components/shell/placeholder";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Customers" };

export default async function Page() {
  await requirePageRole("clerk");
  return <Placeholder title="Customers" issue="Virtual terminal" />;
}
