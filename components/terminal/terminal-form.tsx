"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { get, useWatch, type Path } from "react-hook-form";
import { runSaleAction } from "@/app/(app)/terminal/actions";
import { ModeBadge } from "@/components/payments/mode-badge";
import { fetchTransaction, transactionQueryKey } from "@/components/payments/transaction-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import { BRAND_LABELS, cvvLengthFor, detectBrand, formatCardNumber } from "@/lib/card";
import { formatMoney, parseMajor } from "@/lib/money";
import type { CustomerView } from "@/lib/services/customers";
import type { TransactionView } from "@/lib/services/transactions/detail";
import { saleSchema, type BillingInput, type SaleFormInput, type SaleFormOutput } from "@/lib/validation/payment";
import { BillingFields } from "./billing-fields";
import { formatExpiryInput } from "./card-input";
import { CustomerPicker } from "./customer-picker";
import { newIdempotencyKey } from "./idempotency";
import { InlineResult } from "./inline-result";
import { NEW_CARD, SavedCards } from "./saved-cards";
import type { TerminalAccount } from "./types";

type Values = SaleFormInput;

const EMPTY_BILLING: Required<BillingInput> = {
  firstName: "",
  lastName: "",
  address1: "",
  address2: "",
  city: "",
  state: "",
  postalCode: "",
  country: "US",
  email: "",
  phone: "",
};
const BILLING_KEYS = Object.keys(EMPTY_BILLING) as (keyof BillingInput)[];

function usableCard(customer: CustomerView | null, accountId: string): string | undefined {
  return customer?.cards.find((c) => !c.expired && c.gatewayAccount.id === accountId)?.id;
}

function holderOf(b: Partial<Pick<BillingInput, "firstName" | "lastName">>): string {
  return `${b.firstName ?? ""} ${b.lastName ?? ""}`.trim();
}

/** What a declined or failed payment leaves to retry with: everything but the card number and CVV. */
export interface RetrySource {
  view: TransactionView;
  /** The amount as the clerk typed it (major units). */
  amount: string;
}

// The form holds both payment shapes at once ({type, paymentMethodId, card}); the schema keeps the
// branch `type` names and drops the other, so a saved-card sale never sends a card number.
function initialValues(account: TerminalAccount, customer: CustomerView | null, retry: RetrySource | null): Values {
  const billing = retry?.view.billing ?? customer?.billing ?? EMPTY_BILLING;
  const retryCard = retry?.view.paymentMethodId && customer?.cards.some((c) => c.id === retry.view.paymentMethodId && !c.expired && c.gatewayAccount.id === account.id);
  const saved = retry ? (retryCard ? retry.view.paymentMethodId! : undefined) : usableCard(customer, account.id);
  return {
    idempotencyKey: newIdempotencyKey(),
    gatewayAccountId: account.id,
    customerId: customer?.id ?? "",
    intent: retry?.view.kind === "auth" ? "auth" : "sale",
    amount: retry?.amount ?? "",
    orderId: retry?.view.orderId ?? "",
    description: retry?.view.description ?? "",
    billing: { ...EMPTY_BILLING, ...billing },
    retryOf: retry?.view.id ?? "",
    acceptDoubleChargeRisk: false,
    payment: {
      type: saved ? "saved" : "new",
      paymentMethodId: saved ?? "",
      card: { number: "", expiry: "", cvv: "", holderName: holderOf(billing), save: true },
    } as unknown as Values["payment"],
  };
}

/**
 * The retried payment's account; else the admin's default, unless the customer we start with can
 * only pay with a card saved at another account ("new sale for …" after a sale there).
 */
function startingAccount(accounts: TerminalAccount[], customer: CustomerView | null, retry: RetrySource | null): TerminalAccount {
  const byId = (id: string | undefined) => accounts.find((a) => a.id === id);
  const fallback = accounts.find((a) => a.isDefault) ?? accounts[0]!;
  if (retry) return byId(retry.view.account.id) ?? fallback;
  if (!customer || usableCard(customer, fallback.id)) return fallback;
  const elsewhere = customer.cards.find((c) => !c.expired && byId(c.gatewayAccount.id));
  return byId(elsewhere?.gatewayAccount.id) ?? fallback;
}

interface Props {
  accounts: TerminalAccount[];
  initialCustomer: CustomerView | null;
  /** Set on /terminal?retry=<id>: that result is shown over the form, which is filled from it. */
  retry: RetrySource | null;
}

export function TerminalForm({ accounts, initialCustomer, retry }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const defaultAccount = startingAccount(accounts, initialCustomer, retry);
  const [accountId, setAccountId] = useState(defaultAccount.id);
  const account = accounts.find((a) => a.id === accountId) ?? defaultAccount;
  const schema = useMemo(() => saleSchema(account), [account]);
  const [customer, setCustomer] = useState<CustomerView | null>(initialCustomer);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A ref, not state: a second click in the same frame must see it before React re-renders.
  const inFlight = useRef(false);

  const form = useZodForm(schema, { defaultValues: initialValues(defaultAccount, initialCustomer, retry) });
  const { register, setValue, setFocus, setError, clearErrors, getValues, control } = form;
  const { errors } = form.formState;
  const err = (path: string) => (get(errors, path) as { message?: string } | undefined)?.message;

  const paymentType = useWatch({ control, name: "payment.type" });
  const paymentMethodId = useWatch({ control, name: "payment.paymentMethodId" as Path<Values> }) as string | undefined;
  const cardNumber = (useWatch({ control, name: "payment.card.number" as Path<Values> }) as string | undefined) ?? "";
  const amount = useWatch({ control, name: "amount" });
  const intent = useWatch({ control, name: "intent" });
  const choice = paymentType === "saved" && paymentMethodId ? paymentMethodId : NEW_CARD;
  const brand = detectBrand(cardNumber);
  const cvvLength = cvvLengthFor(brand);
  const parsedAmount = parseMajor(amount ?? "", account.currency);

  // The cardholder name follows the billing name until the clerk types one of their own.
  useEffect(() => {
    const sub = form.watch((values, { name }) => {
      if (name !== "billing.firstName" && name !== "billing.lastName") return;
      if (form.getFieldState("payment.card.holderName" as Path<Values>).isDirty) return;
      setValue("payment.card.holderName" as Path<Values>, holderOf(values.billing ?? {}));
    });
    return () => sub.unsubscribe();
  }, [form, setValue]);

  function choosePayment(value: string) {
    if (value === NEW_CARD) {
      setValue("payment.type", "new");
    } else {
      setValue("payment.type", "saved");
      setValue("payment.paymentMethodId" as Path<Values>, value);
    }
    clearErrors("payment");
  }

  function changeAccount(id: string) {
    const next = accounts.find((a) => a.id === id);
    if (!next) return;
    setAccountId(id);
    setValue("gatewayAccountId", id);
    if (!next.canAuthorize) setValue("intent", "sale");
    if (choice !== NEW_CARD && customer?.cards.find((c) => c.id === choice)?.gatewayAccount.id !== id) choosePayment(usableCard(customer, id) ?? NEW_CARD);
    clearErrors("amount");
  }

  function selectCustomer(c: CustomerView) {
    setCustomer(c);
    setValue("customerId", c.id);
    for (const key of BILLING_KEYS) setValue(`billing.${key}`, c.billing[key] ?? "");
    setValue("payment.card.holderName" as Path<Values>, holderOf(c.billing));
    choosePayment(usableCard(c, accountId) ?? NEW_CARD);
    clearErrors("billing");
    setFocus("amount");
  }

  function clearCustomer() {
    setCustomer(null);
    setValue("customerId", "");
    for (const key of BILLING_KEYS) setValue(`billing.${key}`, EMPTY_BILLING[key]);
    setValue("payment.card.holderName" as Path<Values>, "");
    choosePayment(NEW_CARD);
  }

  // Back from a decline, the clerk's next move is the card number (re-keyed) or the amount; with the
  // customer already chosen ("new sale for …"), the amount. Otherwise the customer search has focus.
  useEffect(() => {
    if (retry) setFocus(getValues("payment.type") === "new" ? ("payment.card.number" as Path<Values>) : "amount");
    else if (initialCustomer) setFocus("amount");
  }, [retry, initialCustomer, setFocus, getValues]);

  async function submit(values: SaleFormOutput) {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setFormError(null);
    let navigating = false;
    try {
      const result = await runSaleAction(values);
      if (!result.ok) {
        setFormError(result.error);
        const fields = Object.entries(result.fieldErrors ?? {});
        fields.forEach(([path, message], i) => setError(path as Path<Values>, { type: "server", message }, { shouldFocus: i === 0 }));
        return;
      }
      const id = result.data.transactionId;
      const view = await queryClient.fetchQuery({ queryKey: transactionQueryKey(id), queryFn: () => fetchTransaction(id), staleTime: 0 });
      // A decline comes back to this form (filled from the transaction, with a fresh key); anything else gets the result screen.
      navigating = true;
      router.push(view.status === "declined" || view.status === "error" ? `/terminal?retry=${id}` : `/terminal/result/${id}`);
    } catch {
      // The same key is still in the form: pressing the button again returns this payment's result, never a second charge.
      setFormError("The server could not be reached, so we cannot tell yet whether this went through. Press the button again: it will not charge twice.");
    } finally {
      if (!navigating) {
        inFlight.current = false;
        setBusy(false);
      }
    }
  }

  const actionLabel = intent === "auth" ? "Authorize" : "Charge";
  const submitLabel = parsedAmount.ok && parsedAmount.minor > 0 ? `${actionLabel} ${formatMoney(parsedAmount.minor, account.currency)}` : actionLabel;
  const usesNewCard = paymentType !== "saved";

  return (
    <form onSubmit={(e) => void form.handleSubmit(submit)(e)} noValidate className="flex flex-col gap-6" aria-busy={busy}>
      <p className="flex items-center gap-2 text-sm text-slate-600" data-testid="terminal-account">
        <ModeBadge mode={account.mode} /> Through {account.label} ({account.kindLabel}, {account.currency})
      </p>
      {retry && <InlineResult view={retry.view} />}
      {formError && <Alert tone="error">{formError}</Alert>}

      <section aria-labelledby="customer-heading" className="flex flex-col gap-3">
        <h2 id="customer-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Customer
        </h2>
        <CustomerPicker selected={customer} onSelect={selectCustomer} onClear={clearCustomer} />
      </section>

      <section aria-labelledby="amount-heading" className="grid gap-3 sm:grid-cols-6">
        <h2 id="amount-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500 sm:col-span-6">
          Payment
        </h2>
        <InputField
          label={`Amount (${account.currency})`}
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.00"
          hint={<AmountPreview parsed={parsedAmount} limit={formatMoney(account.maxAmount, account.currency)} currency={account.currency} />}
          wrapperClassName="sm:col-span-2"
          className="text-lg tabular-nums"
          error={err("amount")}
          {...register("amount")}
        />
        <InputField label="Order / invoice number" autoComplete="off" wrapperClassName="sm:col-span-2" error={err("orderId")} {...register("orderId")} />
        <InputField label="Description" autoComplete="off" wrapperClassName="sm:col-span-2" error={err("description")} {...register("description")} />
      </section>

      <section aria-label="Card" className="flex flex-col gap-3">
        {customer && customer.cards.length > 0 && (
          <SavedCards
            cards={customer.cards}
            account={account}
            accounts={accounts}
            value={choice}
            onChange={choosePayment}
            onSwitchAccount={changeAccount}
            error={err("payment.paymentMethodId")}
          />
        )}
        {usesNewCard && (
          <div className="grid gap-3 sm:grid-cols-6" data-testid="new-card">
            <InputField
              label="Card number"
              inputMode="numeric"
              autoComplete="off"
              placeholder="1234 5678 9012 3456"
              wrapperClassName="sm:col-span-3"
              className="font-mono tracking-wider"
              hint={brand !== "unknown" ? <span data-testid="card-brand">{BRAND_LABELS[brand]}</span> : "Brand is detected as you type"}
              error={err("payment.card.number")}
              {...register("payment.card.number" as Path<Values>, {
                onChange: (e) => setValue("payment.card.number" as Path<Values>, formatCardNumber(e.target.value)),
              })}
            />
            <InputField
              label="Expiry (MM/YY)"
              inputMode="numeric"
              autoComplete="off"
              placeholder="MM/YY"
              maxLength={5}
              wrapperClassName="sm:col-span-1"
              error={err("payment.card.expiry")}
              {...register("payment.card.expiry" as Path<Values>, {
                onChange: (e) => setValue("payment.card.expiry" as Path<Values>, formatExpiryInput(e.target.value)),
              })}
            />
            <InputField
              label={`CVV (${cvvLength} digits)`}
              inputMode="numeric"
              autoComplete="off"
              maxLength={4}
              wrapperClassName="sm:col-span-2"
              hint={account.sendsCvv ? undefined : `${account.kindLabel} does not check the security code`}
              error={err("payment.card.cvv")}
              {...register("payment.card.cvv" as Path<Values>)}
            />
            <InputField label="Cardholder name" autoComplete="off" wrapperClassName="sm:col-span-4" error={err("payment.card.holderName")} {...register("payment.card.holderName" as Path<Values>)} />
            <label className="flex items-center gap-2 self-end pb-2 text-sm sm:col-span-2">
              <input type="checkbox" {...register("payment.card.save" as Path<Values>)} />
              Save card to this customer
            </label>
          </div>
        )}
      </section>

      <section aria-labelledby="billing-heading" className="flex flex-col gap-3">
        <h2 id="billing-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Billing details
        </h2>
        <BillingFields register={register} errors={errors} prefix="billing" />
      </section>

      <section aria-label="Gateway" className="flex flex-wrap items-end gap-4 rounded-md border border-slate-200 bg-white p-4">
        <SelectField
          label="Gateway account"
          wrapperClassName="min-w-64"
          error={err("gatewayAccountId")}
          {...register("gatewayAccountId", { onChange: (e) => changeAccount(e.target.value) })}
        >
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label} — {a.kindLabel}, {a.currency}, {a.mode === "live" ? "LIVE" : "TEST"}
              {a.isDefault ? " (default)" : ""}
            </option>
          ))}
        </SelectField>
        <div className="pb-2">
          <ModeBadge mode={account.mode} />
        </div>
        {account.canAuthorize && (
          <fieldset className="flex gap-4 pb-2 text-sm">
            <legend className="sr-only">Transaction type</legend>
            <label className="flex items-center gap-1.5">
              <input type="radio" value="sale" {...register("intent")} /> Sale
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" value="auth" {...register("intent")} /> Authorize only
            </label>
          </fieldset>
        )}
        {err("intent") && <p className="text-xs font-medium text-red-700">{err("intent")}</p>}
        {retry?.view.status === "unknown" && (
          <div className="w-full" data-testid="rerun-risk">
            <label className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              <input type="checkbox" className="mt-0.5" {...register("acceptDoubleChargeRisk")} />
              <span>
                We don&apos;t know whether the first attempt charged the card. If it did, running it again charges the customer{" "}
                <strong>twice</strong>. I have checked with the gateway or the customer and accept this risk.
              </span>
            </label>
            {err("acceptDoubleChargeRisk") && <p className="mt-1 text-xs font-medium text-red-700">{err("acceptDoubleChargeRisk")}</p>}
          </div>
        )}
        <Button type="submit" busy={busy} className="ml-auto min-w-44 py-3 text-base" data-testid="submit-payment">
          {busy ? "Processing…" : submitLabel}
        </Button>
      </section>
    </form>
  );
}

/**
 * What the button will charge, read back as the clerk types, next to the field: a misread amount
 * ("12,50" taken as 1,250) is caught here, not below the fold on the button.
 */
function AmountPreview({ parsed, limit, currency }: { parsed: ReturnType<typeof parseMajor>; limit: string; currency: string }) {
  const text = parsed.ok
    ? parsed.minor > 0
      ? `Will charge ${formatMoney(parsed.minor, currency)} · up to ${limit}`
      : `Up to ${limit}`
    : parsed.error === "decimal_comma"
      ? "Use a dot for cents, e.g. 12.50"
      : `Up to ${limit}`;
  return (
    <span data-testid="amount-preview" aria-live="polite">
      {text}
    </span>
  );
}

