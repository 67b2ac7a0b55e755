"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveCardAttemptsAction } from "@/app/(app)/admin/limits/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

/** The merchant-wide attempts per card per hour: against card testing through the terminal. */
export function CardAttemptsForm({ perHour }: { perHour: number | null }) {
  const router = useRouter();
  const [value, setValue] = useState(perHour === null ? "" : String(perHour));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setFieldError(undefined);
    setSaved(false);
    await run(
      () => saveCardAttemptsAction({ perHour: value }),
      () => {
        setSaved(true);
        router.refresh();
      },
      (failure) => setFieldError(failure.fieldErrors?.perHour),
    );
  }

  return (
    <form aria-label="Card attempts" onSubmit={(e) => void save(e)} noValidate className="flex flex-col gap-3">
      <InputField
        label="Attempts per card per hour"
        inputMode="numeric"
        wrapperClassName="max-w-md"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setSaved(false);
        }}
        hint={`Every sale or authorization on the same card counts, declines included, whoever keys it. Empty: no limit. In force now: ${perHour ?? "no limit"}.`}
        error={fieldError}
      />
      {error && !fieldError && <Alert tone="error">{error}</Alert>}
      {saved && <Alert tone="success">Saved. The next sale uses this limit.</Alert>}
      <div>
        <Button type="submit" busy={busy} variant="secondary">
          Save
        </Button>
      </div>
    </form>
  );
}
