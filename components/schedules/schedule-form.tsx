"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createScheduleAction } from "@/app/(app)/schedules/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export interface ScheduleCardOption {
  id: string;
  label: string;
  currency: string;
  expired: boolean;
}

interface Values {
  paymentMethodId: string;
  amount: string;
  startDate: string;
  unit: "week" | "month" | "year";
  every: string;
  endKind: "never" | "count" | "until";
  endCount: string;
  endDate: string;
  description: string;
}

const UNIT_WORDS = { week: "week(s)", month: "month(s)", year: "year(s)" } as const;

/**
 * Sets up a schedule on one of the customer's saved cards. The server checks everything (the start in
 * the merchant's time zone, the card's expiry, the account's limit) and answers next to the field;
 * what was typed stays. The idempotency key is made with the form, so a double submit sets up one.
 */
export function ScheduleForm({ customerId, cards, initial, today }: { customerId: string; cards: ScheduleCardOption[]; initial: Partial<Values>; today: string }) {
  const router = useRouter();
  const [key] = useState(() => crypto.randomUUID());
  const [values, setValues] = useState<Values>({
    paymentMethodId: initial.paymentMethodId ?? cards.find((c) => !c.expired)?.id ?? "",
    amount: initial.amount ?? "",
    startDate: initial.startDate ?? today,
    unit: "month",
    every: "1",
    endKind: "never",
    endCount: "12",
    endDate: "",
    description: initial.description ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const set = <K extends keyof Values>(k: K) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value as Values[K] }));
  const currency = cards.find((c) => c.id === values.paymentMethodId)?.currency ?? "";

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    void action.run(
      () => createScheduleAction({ ...values, idempotencyKey: key, customerId }),
      ({ id }) => router.push(`/schedules/${id}`),
      (f) => setErrors(f.fieldErrors ?? {}),
    );
  }

  if (cards.length === 0) return <Alert tone="info">This customer has no saved card. Save one from the terminal first (“Save card to this customer”).</Alert>;

  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-4" aria-label="Set up recurring payments">
      {/* A message that belongs to a field is shown there only. */}
      {action.error && Object.keys(errors).length === 0 && <Alert tone="error">{action.error}</Alert>}
      <SelectField label="Saved card" name="paymentMethodId" value={values.paymentMethodId} onChange={set("paymentMethodId")} error={errors.paymentMethodId}>
        {cards.map((c) => (
          <option key={c.id} value={c.id} disabled={c.expired}>
            {c.label}
            {c.expired ? " (expired)" : ""}
          </option>
        ))}
      </SelectField>
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label={`Amount${currency ? ` (${currency})` : ""}`} name="amount" inputMode="decimal" autoComplete="off" value={values.amount} onChange={set("amount")} error={errors.amount} />
        <InputField label="First payment" name="startDate" type="date" value={values.startDate} onChange={set("startDate")} error={errors.startDate} hint="Charged at 9:00 in the merchant's time zone" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label="Every" name="every" inputMode="numeric" value={values.every} onChange={set("every")} error={errors.every} />
        <SelectField label="Interval" name="unit" value={values.unit} onChange={set("unit")} error={errors.unit} hint={values.unit === "month" ? "On the first payment's day; the 29th–31st fall on the last day of shorter months" : undefined}>
          {(["week", "month", "year"] as const).map((u) => (
            <option key={u} value={u}>
              {UNIT_WORDS[u]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Ends" name="endKind" value={values.endKind} onChange={set("endKind")} error={errors.endKind}>
          <option value="never">Never (until cancelled)</option>
          <option value="count">After a number of payments</option>
          <option value="until">On a date</option>
        </SelectField>
        {values.endKind === "count" && <InputField label="Number of payments" name="endCount" inputMode="numeric" value={values.endCount} onChange={set("endCount")} error={errors.endCount} />}
        {values.endKind === "until" && <InputField label="Last date" name="endDate" type="date" value={values.endDate} onChange={set("endDate")} error={errors.endDate} />}
      </div>
      <InputField label="Description (optional)" name="description" value={values.description} onChange={set("description")} error={errors.description} />
      <div>
        <Button type="submit" busy={action.busy}>
          Set up recurring payments
        </Button>
      </div>
    </form>
  );
}
