"use client";

import { InputField } from "@/components/ui/field";
import type { ZodForm } from "@/components/ui/use-zod-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/validation/account";

type WithPassword = { passwordMode: "generate" | "set"; password?: string };

/** "Generate a temporary password" or "Set a password", for new users and resets. */
export function PasswordChoice<T extends WithPassword>({ form, idPrefix }: { form: ZodForm<T>; idPrefix: string }) {
  const f = form as unknown as ZodForm<WithPassword>;
  const mode = f.watch("passwordMode");
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Password</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" {...f.radio("passwordMode", "generate")} />
        Generate a temporary password (shown once)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" {...f.radio("passwordMode", "set")} />
        Set a password
      </label>
      {mode === "set" && (
        <InputField
          id={`${idPrefix}-password`}
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters, not a common password.`}
          error={f.formState.errors.password?.message}
          {...f.register("password")}
        />
      )}
    </fieldset>
  );
}

/** A generated password, shown once with a note that it will not be shown again. */
export function TemporaryPassword({ email, password }: { email: string; password: string }) {
  return (
    <div role="status" className="rounded-md border border-green-300 dark:border-green-800 bg-green-50 dark:bg-green-950 px-4 py-3 text-sm text-green-900 dark:text-green-100">
      <p className="font-semibold">Temporary password for {email}</p>
      <p className="mt-1">
        <code data-testid="temporary-password" className="rounded bg-white dark:bg-slate-900 px-2 py-1 font-mono text-base select-all">
          {password}
        </code>
      </p>
      <p className="mt-1">Give it to them now: it is not shown again. They can change it under Account.</p>
    </div>
  );
}
