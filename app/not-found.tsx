import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <Link href="/terminal" className="mt-6 inline-block text-brand-600 underline">
        Back to the terminal
      </Link>
    </main>
  );
}
