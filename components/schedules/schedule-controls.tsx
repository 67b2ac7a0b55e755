"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { changeScheduleAction, scheduleStatusAction } from "@/app/(app)/schedules/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { ScheduleAction } from "@/lib/validation/recurring";

const CONFIRM: Record<ScheduleAction, string> = {
  pause: "Pause this schedule? Nothing is charged until it is resumed, and the payments due meanwhile are not charged later.",
  resume: "Resume this schedule? The next payment is the first due day from today on.",
  cancel: "Cancel this schedule? No further payment is charged. This cannot be undone.",
};
const LABELS: Record<ScheduleAction, string> = { pause: "Pause", resume: "Resume", cancel: "Cancel schedule" };

/** A manager's controls: pause, resume and cancel ask first; the amount and next date change from a small form. */
export function ScheduleControls({ scheduleId, status, amount, currency }: { scheduleId: string; status: string; amount: string; currency: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<ScheduleAction | null>(null);
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState({ amount, nextDate: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const actions: ScheduleAction[] = [
    ...(status === "active" || status === "past_due" ? (["pause"] as const) : []),
    ...(status === "paused" || status === "past_due" ? (["resume"] as const) : []),
    ...(status !== "cancelled" && status !== "completed" ? (["cancel"] as const) : []),
  ];
  const changeable = status === "active" || status === "paused" || status === "past_due";

  function act(a: ScheduleAction) {
    void action.run(() => scheduleStatusAction({ scheduleId, action: a }), () => {
      setConfirming(null);
      router.refresh();
    });
  }

  function save(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    void action.run(
      () => changeScheduleAction({ scheduleId, amount: values.amount === amount ? "" : values.amount, nextDate: values.nextDate }),
      () => {
        setEditing(false);
        router.refresh();
      },
      (f) => setErrors(f.fieldErrors ?? {}),
    );
  }

  if (actions.length === 0) return null;
  return (
    <div className="flex flex-col gap-3">
      {/* A message that belongs to a field is shown there only. */}
      {action.error && Object.keys(errors).length === 0 && <Alert tone="error">{action.error}</Alert>}
      {confirming ? (
        <div role="group" aria-label="Confirm" className="flex flex-wrap items-center gap-3">
          <span className="text-sm text-slate-800 dark:text-slate-200">{CONFIRM[confirming]}</span>
          <Button variant={confirming === "cancel" ? "danger" : "primary"} busy={action.busy} onClick={() => act(confirming)}>
            Yes, {LABELS[confirming].toLowerCase()}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(null)}>
            Keep as is
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {actions.map((a) => (
            <Button key={a} variant={a === "cancel" ? "secondary" : "primary"} onClick={() => setConfirming(a)}>
              {LABELS[a]}
            </Button>
          ))}
          {changeable && !editing && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Change amount or date
            </Button>
          )}
        </div>
      )}
      {editing && (
        <form onSubmit={save} noValidate className="flex flex-wrap items-end gap-3" aria-label="Change the schedule">
          <InputField label={`Amount (${currency})`} name="amount" inputMode="decimal" value={values.amount} onChange={(e) => setValues((v) => ({ ...v, amount: e.target.value }))} error={errors.amount} />
          <InputField label="Next payment on" name="nextDate" type="date" value={values.nextDate} onChange={(e) => setValues((v) => ({ ...v, nextDate: e.target.value }))} error={errors.nextDate} hint="Empty: unchanged" />
          <Button type="submit" busy={action.busy}>
            Save changes
          </Button>
          <Button variant="ghost" onClick={() => setEditing(false)}>
            Discard
          </Button>
        </form>
      )}
    </div>
  );
}
