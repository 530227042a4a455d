import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="max-w-sm text-sm text-slate-600">There is nothing here, or you do not have access to it.</p>
      <Link href="/" className="text-sm font-medium text-brand-700 underline">Go to the support page</Link>
    </main>
  );
}
