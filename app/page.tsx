import { redirect } from "next/navigation";
import { hasRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/session";

/** Where signing in lands: managers and admins on the dashboard, clerks on the terminal. */
export default async function Home() {
  const user = await requirePageRole("clerk");
  redirect(hasRole(user.role, "manager") ? "/dashboard" : "/terminal");
}
