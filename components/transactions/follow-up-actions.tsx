"use client";

// Void, refund and capture buttons for managers. Each dialog makes its idempotency key when it
// opens (a double click or a retried request cannot move money twice), asks for confirmation
// naming the amount and customer, and then shows the gateway's answer.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { InputField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import type { ActionResult } from "@/lib/action-result";
import { formatMoney, parseMajor, toMajorString } from "@/lib/money";
import type { FollowUpOutcome } from "@/lib/services/payments/follow-ups";
import type { TransactionView } from "@/lib/services/transactions/detail";
import { amountSchema, refundReasonSchema } from "@/lib/validation/payment";
import * as z from "zod/mini";
import type { Offers } from "./offers";
import { transactionKeys } from "./query-keys";

type Action = (input: unknown) => Promise<ActionResult<FollowUpOutcome>>;
type Kind = "void" | "refund" | "capture";

export interface FollowUpActionsProps {
  view: TransactionView;
  offers: Offers;
  actions: Record<Kind, Action>;
}

const TITLES: Record<Kind, string> = { void: "Void this payment", refund: "Refund this payment", capture: "Capture this authorization" };
const VERBS: Record<Kind, string> = { void: "Void", refund: "Refund", capture: "Capture" };

export function FollowUpActions({ view, offers, actions }: FollowUpActionsProps) {
  const [open, setOpen] = useState<Kind | null>(null);
  const [key, setKey] = useState("");
  const start = (kind: Kind) => {
    setKey(crypto.randomUUID());
    setOpen(kind);
  };
  const any = offers.void || offers.refund || offers.capture;
  return (
    <div className="flex flex-col gap-3" data-testid="follow-up-actions">
      {any && (
        <div className="flex flex-wrap gap-2">
          {offers.capture && <Button onClick={() => start("capture")}>Capture…</Button>}
          {offers.void && (
            <Button variant="danger" onClick={() => start("void")}>
              Void…
            </Button>
          )}
          {offers.refund && (
            <Button variant="secondary" onClick={() => start("refund")}>
              Refund…
            </Button>
          )}
        </div>
      )}
      {offers.voidNote && <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="void-note">{offers.voidNote}</p>}
      {open && (
        <FollowUpDialog key={key} kind={open} idempotencyKey={key} view={view} action={actions[open]} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}

const formSchema = (view: TransactionView, kind: Kind) =>
  z
    .object({
      amount: amountSchema({ currency: view.currency, maxAmount: Number.MAX_SAFE_INTEGER }),
      reason: kind === "refund" ? refundReasonSchema : z.optional(z.string()),
    })
    .check(
      z.superRefine((v, ctx) => {
        const parsed = parseMajor(v.amount, view.currency);
        if (parsed.ok && parsed.minor > view.remaining)
          ctx.addIssue({ code: "custom", path: ["amount"], message: `At most ${formatMoney(view.remaining, view.currency)} can be ${kind === "refund" ? "refunded" : "captured"}.` });
      }),
    );

function FollowUpDialog({ kind, idempotencyKey, view, action, onClose }: { kind: Kind; idempotencyKey: string; view: TransactionView; action: Action; onClose: () => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [step, setStep] = useState<"form" | "confirm" | "result">(kind === "void" ? "confirm" : "form");
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<FollowUpOutcome | null>(null);
  const form = useZodForm(formSchema(view, kind), { defaultValues: { amount: toMajorString(view.remaining, view.currency), reason: "" } });
  const [values, setValues] = useState<{ amount: string; reason?: string } | null>(null);

  const amountMinor = kind === "void" ? view.amount : values ? (parseMajor(values.amount, view.currency) as { minor: number }).minor : 0;
  const who = view.customer?.name ?? "this customer";
  const card = view.card.last4 ? ` (card ending ${view.card.last4})` : "";

  const submit = () =>
    startTransition(async () => {
      setError(null);
      const result = await action({ idempotencyKey, transactionId: view.id, ...(kind === "void" ? {} : { amount: values?.amount, reason: values?.reason }) });
      void queryClient.invalidateQueries({ queryKey: transactionKeys.all });
      if (result.ok) {
        setOutcome(result.data);
        setStep("result");
        return;
      }
      const fieldErrors = result.fieldErrors ?? {};
      const field = (["amount", "reason"] as const).find((f) => fieldErrors[f]);
      if (field && kind !== "void") {
        form.setError(field, { message: fieldErrors[field] });
        setStep("form");
      } else setError(result.error);
    });

  const close = () => {
    if (outcome) router.refresh();
    onClose();
  };

  return (
    <Dialog open title={TITLES[kind]} onClose={close}>
      {step === "form" && (
        <form
          noValidate
          className="flex flex-col gap-3"
          onSubmit={form.handleSubmit((v) => {
            setValues(v);
            setStep("confirm");
          })}
        >
          <InputField
            label={`Amount (${view.currency})`}
            inputMode="decimal"
            autoFocus
            hint={`Up to ${formatMoney(view.remaining, view.currency)}`}
            error={form.formState.errors.amount?.message}
            {...form.register("amount")}
          />
          {kind === "refund" && <InputField label="Reason" error={form.formState.errors.reason?.message} {...form.register("reason")} />}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={close}>
              Cancel
            </Button>
            <Button type="submit">Review</Button>
          </div>
        </form>
      )}
      {step === "confirm" && (
        <div className="flex flex-col gap-3">
          <p className="text-sm" data-testid="confirm-text">
            {kind === "void" && (
              <>
                Void the payment of <strong>{formatMoney(amountMinor, view.currency)}</strong> from <strong>{who}</strong>
                {card}? It will not be charged. This cannot be undone.
              </>
            )}
            {kind === "refund" && (
              <>
                Refund <strong>{formatMoney(amountMinor, view.currency)}</strong> to <strong>{who}</strong>
                {card}? The money goes back to the card. This cannot be undone.
              </>
            )}
            {kind === "capture" && (
              <>
                Capture <strong>{formatMoney(amountMinor, view.currency)}</strong> of the {formatMoney(view.amount, view.currency)} authorized for <strong>{who}</strong>
                {card}?
              </>
            )}
          </p>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={kind === "void" ? close : () => setStep("form")} disabled={pending}>
              {kind === "void" ? "Keep the payment" : "Back"}
            </Button>
            <Button type="button" variant={kind === "void" ? "danger" : "primary"} busy={pending} onClick={submit} autoFocus>
              {VERBS[kind]} {formatMoney(amountMinor, view.currency)}
            </Button>
          </div>
        </div>
      )}
      {step === "result" && outcome && (
        <div className="flex flex-col gap-3" data-testid="follow-up-result" data-status={outcome.status}>
          <OutcomeAlert kind={kind} outcome={outcome} />
          <div className="flex justify-end">
            <Button type="button" onClick={close} autoFocus>
              Done
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function OutcomeAlert({ kind, outcome }: { kind: Kind; outcome: FollowUpOutcome }) {
  const noun = { void: "Void", refund: "Refund", capture: "Capture" }[kind];
  const replay = outcome.replayed ? " (this request had already been sent; nothing was repeated)" : "";
  if (outcome.status === "approved")
    return (
      <Alert tone="success" title={`${noun} approved${replay}`}>
        {outcome.message}
      </Alert>
    );
  if (outcome.status === "declined")
    return (
      <Alert tone="error" title={`${noun} declined`}>
        {outcome.message}
      </Alert>
    );
  if (outcome.status === "pending")
    return (
      <Alert tone="info" title={`${noun} pending`}>
        The gateway is still processing it. {outcome.message}
      </Alert>
    );
  return (
    <Alert tone="warning" title={outcome.status === "unknown" ? `${noun} outcome unknown` : `${noun} failed`}>
      {outcome.message}
      {outcome.status === "unknown" && " We will ask the gateway what happened; check this page again before trying again."}
    </Alert>
  );
}
