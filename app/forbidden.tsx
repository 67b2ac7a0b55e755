import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">Your role does not give you access to this page. Ask an admin if you need it.</p>
      <Link href="/terminal" className="mt-6 inline-block text-brand-600 dark:text-brand-300 underline">
        Back to the terminal
      </Link>
    </main>
  );
}
