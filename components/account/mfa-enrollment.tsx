"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Path } from "react-hook-form";
import { confirmMfaAction } from "@/app/setup/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import { totpCodeSchema } from "@/lib/validation/auth";

/** Scan (or type) the secret, confirm with a code, then keep the recovery codes shown once. */
export function MfaEnrollment({ qrDataUrl, secret }: { qrDataUrl: string; secret: string }) {
  const form = useZodForm(totpCodeSchema, { defaultValues: { code: "" } });
  const { errors } = form.formState;
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  const onSubmit = form.handleSubmit((values) => {
    setError(null);
    startTransition(async () => {
      const r = await confirmMfaAction(values);
      if (!r.ok) {
        const fields = Object.entries(r.fieldErrors ?? {});
        if (!fields.length) setError(r.error);
        for (const [name, msg] of fields) form.setError(name as Path<{ code: string }>, { message: msg });
        form.setFocus("code");
        return;
      }
      setRecoveryCodes(r.data.recoveryCodes);
    });
  });

  if (recoveryCodes) {
    return (
      <section aria-label="Recovery codes" className="flex flex-col gap-4">
        <Alert tone="success">Two-step sign-in is on.</Alert>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Keep these recovery codes somewhere safe (not on the phone with the app). Each one signs you in once if you lose the phone. They
          are shown only now.
        </p>
        <ul data-testid="recovery-codes" className="grid grid-cols-2 gap-2 rounded-md bg-slate-50 dark:bg-slate-800 p-4 font-mono text-sm">
          {recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <div>
          <Button type="button" autoFocus onClick={() => router.replace("/")}>
            I have saved them — continue
          </Button>
        </div>
      </section>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Set up two-step sign-in" className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      <ol className="list-decimal space-y-3 pl-5 text-sm text-slate-700 dark:text-slate-300">
        <li>
          Scan this code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…).
          {/* A data: URL made on the server; next/image would add nothing for it. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={qrDataUrl} alt="QR code for your authenticator app" width={192} height={192} className="mt-2 rounded border border-slate-200 dark:border-slate-700" />
        </li>
        <li>
          Or type this key into the app:{" "}
          <code data-testid="totp-secret" className="break-all rounded bg-slate-100 dark:bg-slate-800 px-1 font-mono">
            {secret}
          </code>
        </li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <InputField label="Code from the app" inputMode="numeric" autoComplete="one-time-code" autoFocus error={errors.code?.message} {...form.register("code")} />
      <div>
        <Button type="submit" busy={pending}>
          {pending ? "Checking…" : "Turn on two-step sign-in"}
        </Button>
      </div>
    </form>
  );
}
