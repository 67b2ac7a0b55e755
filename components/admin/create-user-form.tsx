"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createUserAction } from "@/app/(app)/admin/users/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { createUserSchema, type CreateUserFormValues } from "@/lib/validation/admin";
import { PasswordChoice, TemporaryPassword } from "./password-choice";
import type { Path } from "react-hook-form";

const EMPTY: CreateUserFormValues = { name: "", email: "", role: "clerk", passwordMode: "generate", password: "" };

export function CreateUserForm() {
  const router = useRouter();
  const form = useZodForm(createUserSchema, { defaultValues: EMPTY });
  const { errors } = form.formState;
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; temporaryPassword?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit(() => {
    setError(null);
    setCreated(null);
    startTransition(async () => {
      const result = await createUserAction(form.getValues());
      if (!result.ok) {
        const fields = Object.entries(result.fieldErrors ?? {});
        setError(fields.some(([, m]) => m === result.error) ? null : result.error);
        for (const [name, message] of fields) form.setError(name as Path<CreateUserFormValues>, { message });
        return;
      }
      setCreated(result.data);
      form.reset(EMPTY);
      router.refresh();
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="New user" className="flex max-w-3xl flex-col gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5">
      <h2 className="text-lg font-semibold">New user</h2>
      {error && <Alert tone="error">{error}</Alert>}
      {created &&
        (created.temporaryPassword ? (
          <TemporaryPassword email={created.email} password={created.temporaryPassword} />
        ) : (
          <Alert tone="success">{created.email} can now sign in with the password you set.</Alert>
        ))}
      <div className="grid gap-4 sm:grid-cols-3">
        <InputField label="Name" autoComplete="off" error={errors.name?.message} {...form.register("name")} />
        <InputField label="Email" type="email" autoComplete="off" error={errors.email?.message} {...form.register("email")} />
        <SelectField label="Role" error={errors.role?.message} {...form.register("role")}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
      </div>
      <PasswordChoice form={form} idPrefix="new-user" />
      <div>
        <Button type="submit" busy={pending}>
          {pending ? "Creating…" : "Create user"}
        </Button>
      </div>
    </form>
  );
}
