import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageRole } from "@/lib/session";

// Every page below needs a signed-in user; each page then asks for its own role.
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requirePageRole("clerk");
  return <AppShell user={user}>{children}</AppShell>;
}
