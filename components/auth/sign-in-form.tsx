"use client";

import { useState, useTransition } from "react";
import { signInAction } from "@/app/sign-in/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import { signInSchema } from "@/lib/validation/auth";

export function SignInForm({ next }: { next?: string }) {
  const form = useZodForm(signInSchema, { defaultValues: { email: "", password: "" } });
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setError(null);
    startTransition(async () => {
      const result = await signInAction(values, next);
      // Success redirects on the server; only failures come back.
      if (result && !result.ok) {
        setError(result.error);
        form.setValue("password", "");
        form.setFocus("password");
      }
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      <InputField label="Email" type="email" autoComplete="username" autoFocus error={errors.email?.message} {...form.register("email")} />
      <InputField label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...form.register("password")} />
      <Button type="submit" busy={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
