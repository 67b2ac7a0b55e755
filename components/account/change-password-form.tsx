"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Path } from "react-hook-form";
import { changePasswordAction } from "@/app/(app)/account/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import { changePasswordSchema, PASSWORD_MIN_LENGTH, type ChangePasswordInput } from "@/lib/validation/account";

const EMPTY: ChangePasswordInput = { currentPassword: "", newPassword: "", confirmPassword: "" };

/** `continueTo`: where to go once the password is changed (the sign-in setup's next step); else stay and say so. */
export function ChangePasswordForm({ continueTo }: { continueTo?: string }) {
  const router = useRouter();
  const form = useZodForm(changePasswordSchema, { defaultValues: EMPTY });
  const { errors } = form.formState;
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit((values) => {
    setMessage(null);
    startTransition(async () => {
      const r = await changePasswordAction(values);
      if (!r.ok) {
        const fields = Object.entries(r.fieldErrors ?? {});
        setMessage(fields.some(([, m]) => m === r.error) ? null : { tone: "error", text: r.error });
        for (const [name, msg] of fields) form.setError(name as Path<ChangePasswordInput>, { message: msg });
        if (fields[0]) form.setFocus(fields[0][0] as Path<ChangePasswordInput>);
        return;
      }
      form.reset(EMPTY);
      if (continueTo) return router.replace(continueTo);
      setMessage({ tone: "success", text: "Your password was changed." });
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Change password" className="flex flex-col gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5">
      <h2 className="text-lg font-semibold">Change password</h2>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <InputField label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword?.message} {...form.register("currentPassword")} />
      <InputField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters, not a common password.`}
        error={errors.newPassword?.message}
        {...form.register("newPassword")}
      />
      <InputField label="Repeat the new password" type="password" autoComplete="new-password" error={errors.confirmPassword?.message} {...form.register("confirmPassword")} />
      <div>
        <Button type="submit" busy={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
