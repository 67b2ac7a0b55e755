export function Placeholder({ title, issue }: { title: string; issue: string }) {
  return (
    <section>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-2 rounded-md border border-dashed border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 p-6 text-slate-600 dark:text-slate-400">
        Not built yet: this page arrives with the “{issue}” work. The navigation and permissions for it are already in place.
      </p>
    </section>
  );
}
