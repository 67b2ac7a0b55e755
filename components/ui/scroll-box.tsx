import type { ReactNode } from "react";

/**
 * A box whose content may scroll sideways on a narrow screen while the page does not. It takes the
 * focus, so a keyboard can scroll it when nothing inside can be focused (WCAG 2.1.1).
 */
export function ScrollBox({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
