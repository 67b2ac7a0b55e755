"use client";

import { useState, useTransition } from "react";
import { signInAction } from "@/app/sign-in/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import { signInSchema } from "@/lib/validation/auth";

/**
 * Email and password; for a user with a second factor, the server answers the right password with
 * `askCode` and the form then asks for the code, keeping the password (in memory only) to send both.
 */
export function SignInForm({ next }: { next?: string }) {
  const form = useZodForm(signInSchema, { defaultValues: { email: "", password: "", code: "" } });
  const [error, setError] = useState<string | null>(null);
  const [askCode, setAskCode] = useState(false);
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setError(null);
    startTransition(async () => {
      const result = await signInAction(values, next);
      // Success redirects on the server; only failures come back.
      if (!result || result.ok) return;
      if ("askCode" in result) {
        const first = !askCode;
        setAskCode(true);
        form.setValue("code", "");
        if (first) return; // the code field mounts with the focus
        setError(result.error);
        form.setFocus("code");
        return;
      }
      setError(result.error);
      setAskCode(false);
      form.setValue("code", "");
      form.setValue("password", "");
      form.setFocus("password");
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      <InputField label="Email" type="email" autoComplete="username" autoFocus readOnly={askCode} error={errors.email?.message} {...form.register("email")} />
      <InputField
        label="Password"
        type="password"
        autoComplete="current-password"
        readOnly={askCode}
        error={errors.password?.message}
        {...form.register("password")}
      />
      {askCode && (
        <InputField
          label="Authentication code"
          hint="The 6-digit code from your authenticator app, or a recovery code."
          autoComplete="one-time-code"
          autoFocus
          spellCheck={false}
          error={errors.code?.message}
          {...form.register("code")}
        />
      )}
      <Button type="submit" busy={pending}>
        {pending ? "Signing in…" : askCode ? "Verify" : "Sign in"}
      </Button>
      {askCode && (
        <button
          type="button"
          className="text-sm text-brand-700 dark:text-brand-300 underline"
          onClick={() => {
            setAskCode(false);
            setError(null);
            form.setValue("password", "");
            form.setFocus("password");
          }}
        >
          Use another account
        </button>
      )}
    </form>
  );
}
