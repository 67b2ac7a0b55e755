"use client";

// "Email receipt…": the customer's billing email prefilled, any other address allowed; the answer
// (sent, or the mail server's reason) shows in the dialog and on the transaction's timeline.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { InputField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import type { ActionResult } from "@/lib/action-result";
import { receiptEmailSchema } from "@/lib/validation/mail";
import type { EmailReceiptResult } from "@/lib/receipt-rules";

type Action = (input: unknown) => Promise<ActionResult<EmailReceiptResult>>;

export function EmailReceipt({ transactionId, defaultTo, action, className }: { transactionId: string; defaultTo: string; action: Action; className?: string }) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<EmailReceiptResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const form = useZodForm(receiptEmailSchema, { defaultValues: { transactionId, to: defaultTo } });

  const onSubmit = form.handleSubmit((values) => {
    setError(null);
    setResult(null);
    startTransition(async () => {
      const answer = await action(values);
      if (!answer.ok) {
        if (answer.fieldErrors?.to) form.setError("to", { message: answer.fieldErrors.to });
        else setError(answer.error);
        return;
      }
      setResult(answer.data);
      router.refresh();
    });
  });

  const close = () => {
    setOpen(false);
    setResult(null);
    setError(null);
  };

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={className}>
        Email receipt…
      </button>
      <Dialog open={open} title="Email the receipt" onClose={close}>
        {result?.status === "sent" ? (
          <>
            <p role="status" className="text-sm" data-testid="receipt-email-result" data-status="sent">
              The receipt was sent to <strong>{result.to}</strong>.
            </p>
            <div className="flex justify-end">
              <Button onClick={close}>Done</Button>
            </div>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            <InputField label="Send to" type="email" autoComplete="off" {...form.register("to")} error={form.formState.errors.to?.message} />
            {result?.status === "failed" && (
              <Alert tone="error" title={`The receipt could not be sent to ${result.to}`}>
                <p data-testid="receipt-email-result" data-status="failed">
                  {result.error}
                </p>
                <p>
                  {result.retried
                    ? "Keyed tries again in a minute, and for a quarter of an hour after; the timeline shows how it went. If the address is wrong, correct it and send again."
                    : "It is on the transaction's timeline. Check the address, or ask an admin to check the mail server, then try again."}
                </p>
              </Alert>
            )}
            {error && <Alert tone="error">{error}</Alert>}
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" busy={pending}>
                {result?.status === "failed" ? "Try again" : "Send receipt"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
