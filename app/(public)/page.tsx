import { Card } from "@/components/ui/card";

export default function SupportHome() {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">How can we help?</h1>
        <p className="mt-2 text-slate-600">Open a support request and follow it until it is solved. No account needed.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold">Open a new ticket</h2>
          <p className="mt-1 text-sm text-slate-600">Tell us what you need; you will get a private link to follow your request.</p>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">Check a ticket&apos;s status</h2>
          <p className="mt-1 text-sm text-slate-600">Use the private link from your confirmation to see replies and answer them.</p>
        </Card>
      </div>
    </div>
  );
}
