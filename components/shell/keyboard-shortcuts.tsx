"use client";

// Single-key shortcuts for people who key orders all day: `/` to the page's search (the terminal's
// customer search), `n` for a new sale, `?` for this list. They never fire while typing in a field,
// with a modifier held, or while a dialog is open, and they can be turned off (see shortcut-setting).
// The control `/` focuses is marked data-shortcut="search".
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useShortcutsOn } from "./shortcut-setting";

const SHORTCUTS = [
  { key: "/", does: "Find a customer on the terminal; search on the customers and transactions pages" },
  { key: "n", does: "New sale" },
  { key: "?", does: "Show these shortcuts" },
] as const;

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest("input, textarea, select") !== null);
}

export function KeyboardShortcuts() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [on, setOn] = useShortcutsOn();

  useEffect(() => {
    if (!on) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || typing(e.target)) return;
      if (document.querySelector("dialog[open]")) return;
      if (e.key === "?") {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === "/") {
        const search = document.querySelector<HTMLElement>('[data-shortcut="search"]');
        // A search folded away (the history's filter drawer on a phone) cannot take the focus.
        if (!search || search.offsetParent === null) return;
        e.preventDefault();
        search.focus();
      } else if (e.key === "n") {
        e.preventDefault();
        router.push("/terminal");
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [on, router]);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="hidden rounded-md px-2 py-1 text-sm text-slate-600 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800 lg:inline-flex"
      >
        Shortcuts
      </button>
      <Dialog open={open} title="Keyboard shortcuts" onClose={() => setOpen(false)}>
        <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.map((s) => (
            <div key={s.key} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 dark:border-slate-600 bg-slate-50 dark:bg-slate-800 px-2 py-0.5 font-mono text-sm">{s.key}</kbd>
              </dt>
              <dd>{s.does}</dd>
            </div>
          ))}
        </dl>
        <p className="text-xs text-slate-600 dark:text-slate-400">They do nothing while you type in a field.</p>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
          Single-key shortcuts on
        </label>
        <div className="flex justify-end">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Close
          </Button>
        </div>
      </Dialog>
    </>
  );
}
