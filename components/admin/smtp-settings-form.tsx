"use client";

// The mail server receipts go out through, and a test email to check it. The saved password is never
// sent back to the browser: the field stays empty, and empty keeps it.
import { useState, useTransition } from "react";
import type { Path } from "react-hook-form";
import { saveSmtpSettingsAction, sendTestEmailAction } from "@/app/(app)/admin/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import type { SmtpSettingsView } from "@/lib/services/mail-settings";
import { smtpSettingsSchema, testEmailSchema, type SmtpSettingsInput } from "@/lib/validation/mail";

type Message = { tone: "success" | "error"; text: string } | null;

function Result({ message }: { message: Message }) {
  if (!message) return null;
  if (message.tone === "error") return <Alert tone="error">{message.text}</Alert>;
  return (
    <p role="alert" className="rounded-md border border-green-300 dark:border-green-800 bg-green-50 dark:bg-green-950 px-4 py-3 text-sm text-green-800 dark:text-green-200">
      {message.text}
    </p>
  );
}

export function SmtpSettingsForm({ initial, adminEmail }: { initial: SmtpSettingsView | null; adminEmail: string }) {
  const [saved, setSaved] = useState(initial);
  const defaults = { host: initial?.host ?? "", port: String(initial?.port ?? 587), security: initial?.security ?? "starttls", user: initial?.user ?? "", password: "", from: initial?.from ?? "" };
  const form = useZodForm(smtpSettingsSchema, { defaultValues: defaults });
  const { errors } = form.formState;
  const [message, setMessage] = useState<Message>(null);
  const [pending, startTransition] = useTransition();

  const test = useZodForm(testEmailSchema, { defaultValues: { to: adminEmail } });
  const [testMessage, setTestMessage] = useState<Message>(null);
  const [testing, startTest] = useTransition();

  const onSubmit = form.handleSubmit((values) => {
    setMessage(null);
    startTransition(async () => {
      const r = await saveSmtpSettingsAction(values);
      if (!r.ok) {
        setMessage({ tone: "error", text: r.error });
        for (const [name, msg] of Object.entries(r.fieldErrors ?? {})) form.setError(name as Path<SmtpSettingsInput>, { message: msg });
        return;
      }
      setSaved(r.data);
      form.reset({ ...values, port: String(r.data.port), password: "" });
      setMessage({ tone: "success", text: "Mail settings saved." });
    });
  });

  const onTest = test.handleSubmit((values) => {
    setTestMessage(null);
    startTest(async () => {
      const r = await sendTestEmailAction(values);
      if (!r.ok) {
        if (r.fieldErrors?.to) test.setError("to", { message: r.fieldErrors.to });
        else setTestMessage({ tone: "error", text: r.error });
        return;
      }
      setTestMessage(r.data.sent ? { tone: "success", text: `Test email sent to ${values.to}.` } : { tone: "error", text: `The test email was not sent: ${r.data.error}` });
    });
  });

  return (
    <div className="flex max-w-xl flex-col gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5">
      <h2 className="text-lg font-semibold">Email</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">The mail server receipts are sent through.</p>
      {saved?.sandbox && (
        <Alert tone="info">These are the demo&apos;s settings: mail goes to the gateway sandbox&apos;s mail catcher, not to real inboxes.</Alert>
      )}
      {!saved && <Alert tone="info">No mail server yet: receipts cannot be emailed until one is saved here.</Alert>}
      <form onSubmit={onSubmit} noValidate aria-label="Mail server" className="flex flex-col gap-4">
        <Result message={message} />
        <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
          <InputField label="SMTP host" placeholder="smtp.example.com" autoComplete="off" error={errors.host?.message} {...form.register("host")} />
          <InputField label="Port" inputMode="numeric" error={errors.port?.message} {...form.register("port")} />
        </div>
        <SelectField label="Security" error={errors.security?.message} {...form.register("security")}>
          <option value="starttls">STARTTLS (usually port 587)</option>
          <option value="tls">TLS from the start (usually port 465)</option>
          <option value="none">None — only for a server on this machine</option>
        </SelectField>
        <InputField label="User name" autoComplete="off" error={errors.user?.message} {...form.register("user")} />
        <InputField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={saved?.hasPassword ? "A password is saved; leave this empty to keep it." : undefined}
          error={errors.password?.message}
          {...form.register("password")}
        />
        <InputField label="Send from" type="email" placeholder="receipts@example.com" error={errors.from?.message} {...form.register("from")} />
        <div>
          <Button type="submit" busy={pending}>
            {pending ? "Saving…" : "Save mail settings"}
          </Button>
        </div>
      </form>
      {saved && (
        <form onSubmit={onTest} noValidate aria-label="Test email" className="flex flex-col gap-3 border-t border-slate-200 dark:border-slate-700 pt-4">
          <Result message={testMessage} />
          <InputField label="Send a test email to" type="email" error={test.formState.errors.to?.message} {...test.register("to")} />
          <div>
            <Button type="submit" variant="secondary" busy={testing}>
              {testing ? "Sending…" : "Send a test email"}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
