"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { get, useWatch, type Path } from "react-hook-form";
import { runSaleAction, saveCardAction } from "@/app/(app)/terminal/actions";
import { ACCOUNT_NOT_WORKING } from "@/components/payments/fault";
import { BillingBlock } from "@/components/payments/billing-block";
import { ModeBadge } from "@/components/payments/mode-badge";
import { fetchTransaction, transactionQueryKey } from "@/components/payments/transaction-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import { accountLabel } from "@/lib/account-label";
import { formatMoney, parseMajor } from "@/lib/money";
import type { CustomerView } from "@/lib/services/customers";
import type { CardNotSaved, SavedCard } from "@/lib/services/payments/save-card";
import type { TransactionView } from "@/lib/services/transactions/detail";
import { saleSchema, type Billing, type BillingInput, type SaleFormInput, type SaleFormOutput } from "@/lib/validation/payment";
import { BillingFields } from "./billing-fields";
import { CardFields } from "./card-fields";
import { ACCOUNT_FAILING_OPTION, AccountFailingBadge } from "./account-failing-badge";
import { useAmountConfirmation } from "./confirm-amount";
import { CustomerPicker } from "./customer-picker";
import { DuplicateWarning } from "./duplicate-warning";
import { newIdempotencyKey } from "./idempotency";
import { InlineResult } from "./inline-result";
import { Level23Fields, level23Initial } from "./level23-fields";
import { SavedCardResult } from "./saved-card-result";
import { NEW_CARD, SavedCards } from "./saved-cards";
import type { TerminalAccount } from "./types";

type Values = SaleFormInput;

function emptyBilling(account: TerminalAccount): Required<BillingInput> {
  return { firstName: "", lastName: "", address1: "", address2: "", city: "", state: "", postalCode: "", country: account.defaultCountry, email: "", phone: "" };
}
const BILLING_KEYS = ["firstName", "lastName", "address1", "address2", "city", "state", "postalCode", "country", "email", "phone"] as const satisfies (keyof BillingInput)[];

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
  const empty = emptyBilling(account);
  const billing = retry?.view.billing ?? customer?.billing ?? empty;
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
    billing: { ...empty, ...billing },
    retryOf: retry?.view.id ?? "",
    acceptDoubleChargeRisk: false,
    level23: level23Initial(account.level23 ? retry?.view.level23 : null, account.currency) as unknown as Values["level23"],
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

/**
 * A failure that is neither the card's nor the details' (the account's configuration, the gateway's
 * trouble) keeps the form as typed, card included: re-keying a card that was never the problem
 * costs the customer on the phone time and invites typos. So does a failed save of the card, which
 * stopped the sale before it was attempted. Not when the card was already saved to the vault (the
 * retry flow offers the saved card instead).
 */
function keepsCard(view: TransactionView): boolean {
  const failed = view.status === "error" || view.status === "declined";
  return failed && !view.paymentMethodId && (view.saveFailed || view.fault === "merchant" || view.fault === "gateway");
}

/** A failed save may be skipped: not when the account itself is not working (the sale would fail the same way). */
const canChargeWithoutSaving = (view: TransactionView) => view.saveFailed && view.fault !== "merchant";

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
  /** A failure shown over the form that kept what was typed (see keepsCard). */
  const [failure, setFailure] = useState<TransactionView | null>(null);
  const [saveFailure, setSaveFailure] = useState<CardNotSaved | null>(null);
  const [savedCard, setSavedCard] = useState<SavedCard | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  // A ref, not state: a second click in the same frame must see it before React re-renders.
  const inFlight = useRef(false);
  /** The server held this sale as a repeat of a recent one (lib/services/payments/risk.ts): its question. */
  const [repeatHold, setRepeatHold] = useState<string | null>(null);
  /** Set by "Charge again" for the one submit it starts. */
  const repeatConfirmed = useRef(false);

  const form = useZodForm(schema, { defaultValues: initialValues(defaultAccount, initialCustomer, retry) });
  const { register, radio, setValue, setFocus, setError, clearErrors, getValues, control } = form;
  const { errors } = form.formState;
  const err = (path: string) => (get(errors, path) as { message?: string } | undefined)?.message;

  const paymentType = useWatch({ control, name: "payment.type" });
  const paymentMethodId = useWatch({ control, name: "payment.paymentMethodId" as Path<Values> }) as string | undefined;
  const amount = useWatch({ control, name: "amount" });
  const intent = useWatch({ control, name: "intent" });
  const billing = useWatch({ control, name: "billing" });
  const country = billing.country;
  const [firstName, lastName, email, phone] = useWatch({ control, name: ["billing.firstName", "billing.lastName", "billing.email", "billing.phone"] });
  const choice = paymentType === "saved" && paymentMethodId ? paymentMethodId : NEW_CARD;
  const [editingBilling, setEditingBilling] = useState(false);
  // A saved card's customer has an address on file: it is shown, not asked for again (Edit opens the
  // fields). Not when coming back from a failure, whose cause may be in the details.
  const billingOnFile = !!customer && choice !== NEW_CARD && !retry && !editingBilling && !errors.billing;
  const parsedAmount = parseMajor(amount ?? "", account.currency);
  const confirmation = useAmountConfirmation(account, parsedAmount.ok ? parsedAmount.minor : null, intent ?? "sale");

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
    if (!customer && !form.getFieldState("billing.country").isDirty) setValue("billing.country", next.defaultCountry);
    if (!next.canAuthorize) setValue("intent", "sale");
    // Kept as typed, but not sent through a gateway that does not take it.
    if (!next.level23) setValue("level23.include" as Path<Values>, false as never);
    if (choice !== NEW_CARD && customer?.cards.find((c) => c.id === choice)?.gatewayAccount.id !== id) choosePayment(usableCard(customer, id) ?? NEW_CARD);
    clearErrors("amount");
  }

  function selectCustomer(c: CustomerView) {
    setCustomer(c);
    setEditingBilling(false);
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
    const empty = emptyBilling(account);
    for (const key of BILLING_KEYS) setValue(`billing.${key}`, empty[key]);
    setValue("payment.card.holderName" as Path<Values>, "");
    choosePayment(NEW_CARD);
  }

  // Back from a decline, the clerk's next move is the card number (re-keyed) or the amount; with the
  // customer already chosen ("new sale for …"), the amount. Otherwise the customer search has focus.
  useEffect(() => {
    if (retry) setFocus(getValues("payment.type") === "new" ? ("payment.card.number" as Path<Values>) : "amount");
    else if (initialCustomer) setFocus("amount");
  }, [retry, initialCustomer, setFocus, getValues]);

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  useEffect(() => {
    if (editingBilling) setFocus("billing.firstName");
  }, [editingBilling, setFocus]);

  /** Stays on the form after a failure that keeps the card, with a fresh key for the next submit (a failed attempt wrote no customer). */
  function keepForm(view: TransactionView) {
    setFailure(view);
    setValue("idempotencyKey", newIdempotencyKey());
    // The chooser learns that the account is now flagged; the form's state survives a refresh.
    router.refresh();
  }

  /** The card stays in the form's memory only; this submit sends it once more, for the sale alone. */
  function chargeWithoutSaving() {
    setValue("payment.card.save" as Path<Values>, false as never);
    void form.handleSubmit(submit)();
  }

  /** The postal code is checked against the country when either is left or changed (once there is a code). */
  function checkPostal() {
    if (getValues("billing.postalCode")) void form.trigger("billing.postalCode");
  }

  async function submit(values: SaleFormOutput) {
    if (inFlight.current) return;
    const amountMinor = parseMajor(values.amount, account.currency);
    const gate = confirmation.gate(amountMinor.ok ? amountMinor.minor : null, values.intent);
    // Armed: the message by the button asks for the second Enter; focus stays where it was.
    if (gate === "armed") return;
    inFlight.current = true;
    setBusy(true);
    setFormError(null);
    setRepeatHold(null);
    const confirmRepeat = repeatConfirmed.current;
    repeatConfirmed.current = false;
    let navigating = false;
    try {
      // Level 2/3 data as typed: the schema's output (minor units) is not its input, and the server parses the input.
      const level23 = getValues("level23" as Path<Values>);
      const result = await runSaleAction({ ...values, level23, amountConfirmed: gate === "confirmed", repeatConfirmed: confirmRepeat });
      if (!result.ok) {
        if (result.fieldErrors?.repeatConfirmed) return setRepeatHold(result.fieldErrors.repeatConfirmed);
        setFormError(result.error);
        const fields = Object.entries(result.fieldErrors ?? {});
        fields.forEach(([path, message], i) => setError(path as Path<Values>, { type: "server", message }, { shouldFocus: i === 0 }));
        return;
      }
      const id = result.data.transactionId;
      const view = await queryClient.fetchQuery({ queryKey: transactionQueryKey(id), queryFn: () => fetchTransaction(id), staleTime: 0 });
      if (keepsCard(view)) return keepForm(view);
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

  /** "Charge again": the clerk confirms a sale the server held as a repeat; the confirmation is audited. */
  function chargeAgain() {
    repeatConfirmed.current = true;
    void form.handleSubmit(submit)();
  }

  /** "Save card only": the card and billing details are checked, not the amount; no payment is made. */
  async function saveOnly() {
    if (inFlight.current) return;
    if (!(await form.trigger(["gatewayAccountId", "customerId", "billing", "payment.card" as Path<Values>], { shouldFocus: true }))) return;
    inFlight.current = true;
    setBusy(true);
    setFormError(null);
    setSaveFailure(null);
    try {
      const v = getValues();
      const { card } = v.payment as Extract<Values["payment"], { type: "new" }>;
      const result = await saveCardAction({ idempotencyKey: v.idempotencyKey, gatewayAccountId: v.gatewayAccountId, customerId: v.customerId, billing: v.billing, card });
      if (!result.ok) {
        setFormError(result.error);
        // The action names the card's fields "card.…"; the form holds them under "payment.card.…".
        Object.entries(result.fieldErrors ?? {}).forEach(([path, message], i) =>
          setError((path.startsWith("card.") ? `payment.${path}` : path) as Path<Values>, { type: "server", message }, { shouldFocus: i === 0 }),
        );
      } else if (result.data.status === "failed") {
        setSaveFailure(result.data);
        setValue("idempotencyKey", newIdempotencyKey());
        router.refresh();
      } else setSavedCard(result.data);
    } catch {
      setFormError("The server could not be reached, so we cannot tell yet whether the card was saved. Press Save card only again: it will not save it twice.");
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  /** After "Save card only": a fresh form (another URL's form is a fresh one already). */
  function newSale() {
    if (retry || initialCustomer) return router.push("/terminal");
    setSavedCard(null);
    setSaveFailure(null);
    setFailure(null);
    setCustomer(null);
    form.reset(initialValues(account, null, null));
  }

  const actionLabel = intent === "auth" ? "Authorize" : "Charge";
  const submitLabel = parsedAmount.ok && parsedAmount.minor > 0 ? `${actionLabel} ${formatMoney(parsedAmount.minor, account.currency)}` : actionLabel;
  const usesNewCard = paymentType !== "saved";

  if (savedCard) return <SavedCardResult card={savedCard} account={account} onNewSale={newSale} />;

  return (
    <form onSubmit={(e) => void form.handleSubmit(submit)(e)} noValidate className="flex flex-col gap-6" aria-busy={busy}>
      <p className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400" data-testid="terminal-account">
        <ModeBadge mode={account.mode} /> Through {accountLabel(account.label, account.kindLabel)}, {account.currency} {account.failing && <AccountFailingBadge />}
      </p>
      {failure ? (
        <div ref={failureRef} tabIndex={-1} className="outline-none">
          <InlineResult view={failure} cardKept onChargeWithoutSaving={canChargeWithoutSaving(failure) && !busy ? chargeWithoutSaving : undefined} chargeLabel={submitLabel} />
        </div>
      ) : (
        retry && <InlineResult view={retry.view} />
      )}
      {formError && <Alert tone="error">{formError}</Alert>}
      {saveFailure && (
        <Alert tone="error" title="The card was not saved; nothing was charged">
          <span data-testid="save-failed">
            {saveFailure.fault === "merchant" ? `${ACCOUNT_NOT_WORKING} ` : ""}
            {saveFailure.message}
          </span>{" "}
          The card you typed is still in the form.
        </Alert>
      )}

      <section aria-labelledby="customer-heading" className="flex flex-col gap-3">
        <h2 id="customer-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
          Customer
        </h2>
        <CustomerPicker selected={customer} onSelect={selectCustomer} onClear={clearCustomer} />
      </section>

      <section aria-labelledby="amount-heading" className="grid gap-3 sm:grid-cols-6">
        <h2 id="amount-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400 sm:col-span-6">
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
        {account.level23 && <Level23Fields form={form} account={account} intent={intent ?? "sale"} />}
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
        {usesNewCard && <CardFields form={form} account={account} />}
      </section>

      <section aria-labelledby="billing-heading" className="flex flex-col gap-3">
        <h2 id="billing-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
          Billing details
        </h2>
        {billingOnFile ? (
          <div className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-slate-200 bg-white px-4 py-3 dark:border-slate-700 dark:bg-slate-900" data-testid="billing-on-file">
            <BillingBlock billing={billing as Billing} />
            <div className="flex flex-col items-end gap-1 text-right">
              <span className="text-xs text-slate-500 dark:text-slate-400">On file for this customer</span>
              <button type="button" className="text-sm text-brand-700 underline dark:text-brand-300" onClick={() => setEditingBilling(true)}>
                Edit billing details
              </button>
            </div>
          </div>
        ) : (
          <BillingFields register={register} errors={errors} prefix="billing" country={country} onPostalCheck={checkPostal} />
        )}
        {!customer && <DuplicateWarning who={{ firstName: firstName ?? "", lastName: lastName ?? "", email: email ?? "", phone: phone ?? "" }} onUse={selectCustomer} />}
      </section>

      <section aria-label="Gateway" className="flex flex-wrap items-end gap-4 rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4">
        <SelectField
          label="Gateway account"
          wrapperClassName="min-w-64"
          error={err("gatewayAccountId")}
          {...register("gatewayAccountId", { onChange: (e) => changeAccount(e.target.value) })}
        >
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {accountLabel(a.label, a.kindLabel)} — {a.currency}, {a.mode === "live" ? "LIVE" : "TEST"}
              {a.isDefault ? " (default)" : ""}
              {a.failing ? ACCOUNT_FAILING_OPTION : ""}
            </option>
          ))}
        </SelectField>
        <div className="flex items-center gap-2 pb-2" data-testid="chosen-account-badges">
          <ModeBadge mode={account.mode} />
          {account.failing && <AccountFailingBadge />}
        </div>
        {account.canAuthorize && (
          <fieldset className="flex gap-4 pb-2 text-sm">
            <legend className="sr-only">Transaction type</legend>
            <label className="flex items-center gap-1.5">
              <input type="radio" {...radio("intent", "sale")} /> Sale
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" {...radio("intent", "auth")} /> Authorize only
            </label>
          </fieldset>
        )}
        {err("intent") && <p className="text-xs font-medium text-red-700 dark:text-red-300">{err("intent")}</p>}
        {retry?.view.status === "unknown" && (
          <div className="w-full" data-testid="rerun-risk">
            <label className="flex items-start gap-2 rounded-md border border-amber-300 dark:border-amber-800 bg-amber-50 dark:bg-amber-950 p-3 text-sm text-amber-900 dark:text-amber-200">
              <input type="checkbox" className="mt-0.5" {...register("acceptDoubleChargeRisk")} />
              <span>
                We don&apos;t know whether the first attempt charged the card. If it did, running it again charges the customer{" "}
                <strong>twice</strong>. I have checked with the gateway or the customer and accept this risk.
              </span>
            </label>
            {err("acceptDoubleChargeRisk") && <p className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">{err("acceptDoubleChargeRisk")}</p>}
          </div>
        )}
        {repeatHold && (
          <div role="alert" className="w-full rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="repeat-hold">
            <p className="font-semibold">{repeatHold}</p>
            <p className="mt-1">If the customer really wants to pay twice, charge again; otherwise cancel and check History first.</p>
            <div className="mt-3 flex flex-wrap gap-3">
              <Button type="button" autoFocus busy={busy} onClick={chargeAgain} data-testid="repeat-confirm">
                Charge again
              </Button>
              <Button type="button" variant="secondary" disabled={busy} onClick={() => setRepeatHold(null)}>
                Cancel
              </Button>
            </div>
          </div>
        )}
        <div className="ml-auto flex flex-col items-end gap-1">
          <div className="flex flex-wrap justify-end gap-3">
            {usesNewCard && account.saveCardOnly && (
              <Button type="button" variant="secondary" disabled={busy} className="py-3 text-base" onClick={() => void saveOnly()} data-testid="save-card-only">
                Save card only
              </Button>
            )}
            <Button type="submit" busy={busy} className="min-w-44 py-3 text-base" data-testid="submit-payment">
              {busy ? "Processing…" : submitLabel}
            </Button>
          </div>
          <p role="status" className="text-sm font-semibold text-amber-800" data-testid="confirm-amount">
            {confirmation.armed && !busy ? `Press Enter again to ${actionLabel.toLowerCase()} ${formatMoney(parsedAmount.ok ? parsedAmount.minor : 0, account.currency)}` : ""}
          </p>
        </div>
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

