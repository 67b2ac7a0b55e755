"use client";
// What a person sees when a page fails on the server (a database that stopped answering, a bug):
// what happened, that loading a page moves no money, and the reference under which the server
// logged the cause — never a bare 500.
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { Button } from "@/components/ui/button";

export function ServerError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // The failure was on the server: ask it again for the page, not only re-render what the browser has.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <main className="mx-auto max-w-xl p-10" data-testid="server-error">
      <h1 className="text-2xl font-semibold">This page could not be loaded</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        The server ran into a problem while preparing it (for example, the database did not answer). Loading a page never charges or
        refunds anything.
      </p>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        Try again in a moment. If it keeps happening, give your administrator this reference: the cause is in the server log under it.
      </p>
      {error.digest && (
        <p className="mt-3 font-mono text-sm text-slate-600 dark:text-slate-400">
          Reference: <span data-testid="error-reference">{error.digest}</span>
        </p>
      )}
      <div className="mt-6 flex gap-3">
        <Button onClick={retry}>Try again</Button>
        {/* A full load, not the router: the failing layout may be the one a soft navigation keeps. */}
        <a href="/terminal" className="inline-flex items-center rounded-md border border-slate-300 dark:border-slate-600 px-4 py-2 text-sm">
          Go to the terminal
        </a>
      </div>
    </main>
  );
}
