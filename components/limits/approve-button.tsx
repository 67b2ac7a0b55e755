"use client";

import { useRouter } from "next/navigation";
import { approveOverrideAction } from "@/app/(app)/approvals/actions";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";

/** Approves one refused sale; the clerk then submits it again. */
export function ApproveButton({ overrideId, label }: { overrideId: string; label: string }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  return (
    <div className="flex flex-col items-start gap-1">
      <Button type="button" busy={busy} aria-label={label} onClick={() => void run(() => approveOverrideAction({ overrideId }), () => router.refresh())}>
        Approve
      </Button>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
