"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Path } from "react-hook-form";
import { saveGatewayAccountAction, testGatewayDraftAction } from "@/app/(app)/admin/gateways/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import type { ActionResult } from "@/lib/action-result";
import type { ConnectionTestResult, GatewayKind } from "@/lib/gateways/types";
import { CURRENCIES, toMajorString } from "@/lib/money";
import type { GatewayAccountView, GatewayKindOption } from "@/lib/services/gateway-accounts";
import { gatewayAccountSchema, type GatewayAccountFormValues } from "@/lib/validation/admin";
import { ConnectionResult } from "./connection-result";
import { formatDateTime } from "@/lib/time";

interface Props {
  kinds: GatewayKindOption[];
  /** Absent when creating. Carries secret status only, never a secret. */
  account?: GatewayAccountView;
  /** The merchant's, for when a secret was set. */
  timeZone: string;
}

function initialValues(kinds: GatewayKindOption[], account?: GatewayAccountView): GatewayAccountFormValues {
  if (account) {
    return {
      label: account.label,
      kind: account.kind,
      mode: account.mode,
      baseUrl: account.baseUrl,
      currency: account.currency as GatewayAccountFormValues["currency"],
      maxAmount: toMajorString(account.maxAmount, account.currency),
      confirmAbove: account.confirmAbove === null ? "" : toMajorString(account.confirmAbove, account.currency),
      timeoutSeconds: String(Math.round(account.timeoutMs / 1000)),
      isDefault: account.isDefault,
      credentials: { ...account.settings },
      confirmLive: false,
    };
  }
  const first = kinds[0]!;
  return {
    label: "",
    kind: first.kind,
    mode: "test",
    baseUrl: first.defaultBaseUrls.test,
    currency: "USD",
    maxAmount: "10000.00",
    confirmAbove: "",
    timeoutSeconds: "15",
    isDefault: false,
    credentials: {},
    confirmLive: false,
  };
}

export function GatewayAccountForm({ kinds, account, timeZone }: Props) {
  const router = useRouter();
  const form = useZodForm(gatewayAccountSchema, { defaultValues: initialValues(kinds, account) });
  const { errors } = form.formState;
  const [error, setError] = useState<string | null>(null);
  const [testResult, setTestResult] = useState<ConnectionTestResult | null>(null);
  /** Once the admin has tested, saving tests what was saved, so the list shows whether it works. */
  const [tested, setTested] = useState(false);
  const [saving, startSaving] = useTransition();
  const [testing, startTesting] = useTransition();

  const kind = form.watch("kind");
  const mode = form.watch("mode");
  const option = kinds.find((k) => k.kind === kind) ?? kinds[0]!;
  const allDefaults = new Set(kinds.flatMap((k) => Object.values(k.defaultBaseUrls)));
  const needsLiveConfirmation = mode === "live" && account?.mode !== "live";

  /** Proposes the default base URL unless the admin typed their own. */
  function proposeBaseUrl(nextKind: GatewayKind, nextMode: "test" | "live") {
    const current = form.getValues("baseUrl").trim();
    if (current === "" || allDefaults.has(current)) {
      const next = kinds.find((k) => k.kind === nextKind)?.defaultBaseUrls[nextMode] ?? "";
      form.setValue("baseUrl", next, { shouldValidate: form.formState.isSubmitted });
    }
  }

  function showFailure(result: Extract<ActionResult<unknown>, { ok: false }>) {
    const fields = Object.entries(result.fieldErrors ?? {});
    // A message already shown next to its field is not repeated at the top.
    setError(fields.some(([, m]) => m === result.error) ? null : result.error);
    for (const [name, message] of fields) form.setError(name as Path<GatewayAccountFormValues>, { message });
    if (fields[0]) form.setFocus(fields[0][0] as Path<GatewayAccountFormValues>);
  }

  // Validated in the browser first; the action parses the same raw values with the same schema.
  const onSubmit = form.handleSubmit(() => {
    setError(null);
    startSaving(async () => {
      const result = await saveGatewayAccountAction(account?.id ?? null, form.getValues(), tested);
      if (!result.ok) return showFailure(result);
      router.push("/admin/gateways");
      router.refresh();
    });
  });

  const onTest = form.handleSubmit(() => {
    setError(null);
    setTestResult(null);
    startTesting(async () => {
      const result = await testGatewayDraftAction(account?.id ?? null, form.getValues());
      if (!result.ok) return showFailure(result);
      setTested(true);
      setTestResult(result.data);
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-3xl flex-col gap-6" aria-label="Gateway account">
      {error && <Alert tone="error">{error}</Alert>}

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">Account</legend>
        <InputField label="Label" autoFocus error={errors.label?.message} {...form.register("label")} />
        {account ? (
          <div className="flex flex-col gap-1">
            <span className="text-sm font-medium text-slate-700 dark:text-slate-300">Gateway</span>
            <span className="py-2 text-sm">{option.label}</span>
            <span className="text-xs text-slate-500 dark:text-slate-400">An account&apos;s gateway cannot change.</span>
          </div>
        ) : (
          <SelectField
            label="Gateway"
            error={errors.kind?.message}
            {...form.register("kind", { onChange: (e) => proposeBaseUrl(e.target.value as GatewayKind, form.getValues("mode")) })}
          >
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          label="Mode"
          error={errors.mode?.message}
          {...form.register("mode", { onChange: (e) => proposeBaseUrl(form.getValues("kind"), e.target.value as "test" | "live") })}
        >
          <option value="test">Test</option>
          <option value="live">Live</option>
        </SelectField>
        <InputField
          label="Base URL"
          inputMode="url"
          error={errors.baseUrl?.message}
          hint={
            <>
              Test: the local sandbox ({option.defaultBaseUrls.test})
              {option.vendorBaseUrls.live ? `. Vendor: ${option.vendorBaseUrls.live}` : ""}
            </>
          }
          {...form.register("baseUrl")}
        />
        <SelectField label="Currency" error={errors.currency?.message} {...form.register("currency")}>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <InputField label="Per-transaction maximum" inputMode="decimal" hint="In the account currency, e.g. 5000.00" error={errors.maxAmount?.message} {...form.register("maxAmount")} />
        <InputField
          label="Confirm sales above"
          inputMode="decimal"
          placeholder="(never)"
          hint="A sale above this amount needs a second Enter in the terminal. Empty: never."
          error={errors.confirmAbove?.message}
          {...form.register("confirmAbove")}
        />
        <InputField label="Request timeout (seconds)" inputMode="numeric" error={errors.timeoutSeconds?.message} {...form.register("timeoutSeconds")} />
        <div className="flex flex-col gap-1 self-end">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" {...form.register("isDefault")} />
            Default account for the terminal
          </label>
          {errors.isDefault?.message && (
            <p role="alert" className="text-xs font-medium text-red-700 dark:text-red-300">
              {errors.isDefault.message}
            </p>
          )}
        </div>
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">{option.label} credentials</legend>
        {option.fields.map((field) => {
          const name = `credentials.${field.name}` as const;
          const status = field.secret ? account?.kind === kind && account.secrets[field.name] : undefined;
          const fieldError = (errors.credentials as Record<string, { message?: string }> | undefined)?.[field.name]?.message;
          return (
            <InputField
              key={`${kind}-${field.name}`}
              label={field.label}
              type={field.secret ? "password" : "text"}
              autoComplete={field.secret ? "new-password" : "off"}
              spellCheck={false}
              placeholder={status ? "•••• (unchanged)" : field.optional ? "(optional)" : undefined}
              error={fieldError}
              hint={
                <>
                  {status && (
                    <span className="block font-medium text-slate-700 dark:text-slate-300">
                      •••• set {formatDateTime(status.setAt, { timeZone })} by {status.setBy}. Leave empty to keep it.
                    </span>
                  )}
                  {field.help}
                </>
              }
              {...form.register(name)}
            />
          );
        })}
      </fieldset>

      {needsLiveConfirmation && (
        <div className="rounded-lg border border-amber-300 dark:border-amber-800 bg-amber-50 dark:bg-amber-950 p-4 text-sm text-amber-900 dark:text-amber-200">
          <p className="font-semibold">Live mode moves real money.</p>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" className="size-4" {...form.register("confirmLive")} />
            I confirm this account should process live payments.
          </label>
          {errors.confirmLive?.message && (
            <p role="alert" className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">
              {errors.confirmLive.message}
            </p>
          )}
        </div>
      )}

      <div aria-live="polite">{testResult && <ConnectionResult result={testResult} />}</div>

      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={saving} disabled={testing}>
          {saving ? "Saving…" : account ? "Save changes" : "Create account"}
        </Button>
        <Button type="button" variant="secondary" busy={testing} disabled={saving} onClick={() => void onTest()}>
          {testing ? "Testing…" : "Test connection"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.push("/admin/gateways")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
