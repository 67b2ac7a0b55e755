import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, not prerendered: a page built ahead has no CSP nonce on its scripts, so
  // the browser refused them (proxy.ts sends a fresh nonce with every response).
  await connection();
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <Link href="/terminal" className="mt-6 inline-block text-brand-600 dark:text-brand-300 underline">
        Back to the terminal
      </Link>
    </main>
  );
}
