import { Placeholder } from "@/components/shell/placeholder";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Transactions" };

export default async function Page() {
  await requirePageRole("clerk");
  return <Placeholder title="Transactions" issue="Transaction history" />;
}
