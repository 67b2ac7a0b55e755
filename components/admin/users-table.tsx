"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Path } from "react-hook-form";
import { changeUserRoleAction, resetUserMfaAction, resetUserPasswordAction, setUserActiveAction } from "@/app/(app)/admin/users/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable, EmptyState } from "@/components/ui/data-table";
import { useZodForm } from "@/components/ui/use-zod-form";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import type { UserSummary } from "@/lib/services/users";
import { resetPasswordSchema } from "@/lib/validation/admin";
import { formatDateTime } from "@/lib/time";
import { PasswordChoice, TemporaryPassword } from "./password-choice";

/** `timeZone`: the merchant's (getMerchantSettings), as on every other page. */
export function UsersTable({ users, currentUserId, timeZone }: { users: UserSummary[]; currentUserId: string; timeZone: string }) {
  if (users.length === 0) return <EmptyState>No users yet.</EmptyState>;
  return (
    <DataTable
      label="Users"
      head={
        <tr>
          <th className="px-4 py-2">Name</th>
          <th className="px-4 py-2">Email</th>
          <th className="px-4 py-2">Role</th>
          <th className="px-4 py-2">Status</th>
          <th className="px-4 py-2">Password changed</th>
          <th className="px-4 py-2">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      }
    >
      {users.map((u) => (
        <UserRow key={u.id} user={u} isMe={u.id === currentUserId} timeZone={timeZone} />
      ))}
    </DataTable>
  );
}

function UserRow({ user, isMe, timeZone }: { user: UserSummary; isMe: boolean; timeZone: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const [pending, startTransition] = useTransition();

  const run = (action: () => Promise<{ ok: boolean; error?: string }>, success?: string) =>
    startTransition(async () => {
      setError(null);
      setDone(null);
      const r = await action();
      if (!r.ok) setError(r.error ?? "That did not work.");
      else if (success) setDone(success);
      router.refresh();
    });

  const changeRole = (role: Role) => {
    const change = `${ROLE_LABELS[user.role]} to ${ROLE_LABELS[role]}`;
    if (!window.confirm(`Change the role of ${user.email} from ${change}? It applies from their next request.`)) return;
    run(() => changeUserRoleAction({ userId: user.id, role }), `The role of ${user.email} was changed from ${change}.`);
  };
  const resetMfa = () => {
    if (!window.confirm(`Reset two-step sign-in for ${user.email}? They will be signed out and set up a new authenticator at their next sign-in.`)) return;
    run(() => resetUserMfaAction({ userId: user.id }), `Two-step sign-in of ${user.email} was reset.`);
  };
  const toggleActive = () => {
    if (user.active && !window.confirm(`Deactivate ${user.email}? They will be signed out at their next request.`)) return;
    run(() => setUserActiveAction({ userId: user.id, active: !user.active }));
  };

  return (
    <>
      <tr className={`border-t border-slate-100 dark:border-slate-800 ${user.active ? "" : "text-slate-500 dark:text-slate-400"}`} data-testid={`user-${user.email}`}>
        <td className="px-4 py-2 font-medium">
          {user.name}
          {isMe && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">(you)</span>}
        </td>
        <td className="px-4 py-2">{user.email}</td>
        <td className="px-4 py-2">
          <label className="sr-only" htmlFor={`role-${user.id}`}>
            Role of {user.email}
          </label>
          <select
            id={`role-${user.id}`}
            value={user.role}
            disabled={pending}
            onChange={(e) => changeRole(e.target.value as Role)}
            className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-1 text-sm"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </td>
        <td className="px-4 py-2">
          {user.active ? "Active" : "Deactivated"}
          {user.lockedUntil && new Date(user.lockedUntil) > new Date() && <span className="ml-2 text-xs text-amber-700 dark:text-amber-300">locked</span>}
          <span className="block text-xs text-slate-500 dark:text-slate-400">{user.totpEnabledAt ? "Two-step sign-in on" : "No second factor yet"}</span>
        </td>
        <td className="px-4 py-2">{formatDateTime(user.passwordChangedAt, { timeZone })}</td>
        <td className="px-4 py-2">
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" className="px-3 py-1" onClick={() => setResetting((v) => !v)} aria-expanded={resetting}>
              Reset password
            </Button>
            {user.totpEnabledAt && (
              <Button type="button" variant="secondary" className="px-3 py-1" busy={pending} onClick={resetMfa}>
                Reset two-step
              </Button>
            )}
            {!isMe && (
              <Button type="button" variant={user.active ? "ghost" : "secondary"} className="px-3 py-1" busy={pending} onClick={toggleActive}>
                {user.active ? "Deactivate" : "Reactivate"}
              </Button>
            )}
          </div>
        </td>
      </tr>
      {(error || done || resetting) && (
        <tr>
          <td colSpan={6} className="px-4 pb-3">
            {error && <Alert tone="error">{error}</Alert>}
            {done && <Alert tone="success">{done}</Alert>}
            {resetting && <ResetPasswordPanel user={user} onDone={() => router.refresh()} />}
          </td>
        </tr>
      )}
    </>
  );
}

function ResetPasswordPanel({ user, onDone }: { user: UserSummary; onDone: () => void }) {
  const form = useZodForm(resetPasswordSchema, { defaultValues: { userId: user.id, passwordMode: "generate", password: "" } });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ temporaryPassword?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit(() => {
    setError(null);
    startTransition(async () => {
      const r = await resetUserPasswordAction(form.getValues());
      if (!r.ok) {
        setError(r.error);
        for (const [name, message] of Object.entries(r.fieldErrors ?? {})) form.setError(name as Path<{ password: string }>, { message });
        return;
      }
      setDone(r.data);
      form.reset({ userId: user.id, passwordMode: "generate", password: "" });
      onDone();
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Reset password of ${user.email}`} className="mt-2 flex flex-col gap-3 rounded-md border border-slate-200 dark:border-slate-700 p-4">
      {error && <Alert tone="error">{error}</Alert>}
      {done &&
        (done.temporaryPassword ? (
          <TemporaryPassword email={user.email} password={done.temporaryPassword} />
        ) : (
          <Alert tone="success">The password of {user.email} was changed.</Alert>
        ))}
      <PasswordChoice form={form} idPrefix={`reset-${user.id}`} />
      <div>
        <Button type="submit" busy={pending}>
          Reset password
        </Button>
      </div>
    </form>
  );
}
