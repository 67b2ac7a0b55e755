import { CreateUserForm } from "@/components/admin/create-user-form";
import { UsersTable } from "@/components/admin/users-table";
import { db } from "@/lib/db";
import { getMerchantSettings } from "@/lib/services/settings";
import { listUsers } from "@/lib/services/users";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Users" };

export default async function Page() {
  const me = await requirePageRole("admin");
  const [users, { timeZone }] = await Promise.all([listUsers(db), getMerchantSettings(db)]);
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <UsersTable users={users} currentUserId={me.id} timeZone={timeZone} />
      <CreateUserForm />
    </section>
  );
}
