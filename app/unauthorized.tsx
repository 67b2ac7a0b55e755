import Link from "next/link";

export default function Unauthorized() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">Signed out</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">Your session has ended. Sign in again to continue.</p>
      <Link href="/sign-in" className="mt-6 inline-block text-brand-600 dark:text-brand-300 underline">
        Sign in
      </Link>
    </main>
  );
}
