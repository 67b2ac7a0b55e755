"use client";

// Whether single-key shortcuts are on, remembered in this browser. WCAG 2.1.4 asks that shortcuts
// of one character can be turned off: speech input can type them by accident.
import { useCallback, useSyncExternalStore } from "react";

const KEY = "keyed.shortcuts";
const CHANGED = "keyed:shortcuts-changed";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

export function useShortcutsOn(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(KEY) !== "off",
    () => true,
  );
  const set = useCallback((next: boolean) => {
    if (next) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, "off");
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  return [on, set];
}
