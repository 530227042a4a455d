"use client";
// Setting up an authenticator app: the server makes a new seed and its QR code, the person scans it
// and proves it with a code, then sees their recovery codes once. Used at sign-in (when two-factor
// is required) and on the account page.
import { useState, useTransition } from "react";
import { callAction, type ActionAnswer } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SecondFactorCodeInput } from "@/lib/auth/account-schemas";
import { CodeForm } from "./code-form";
import { RecoveryCodes } from "./recovery-codes";

type Enrolment = { secret: string; qrSvg: string };

export function TwoFactorSetup({ start, confirm, finish }: {
  start: (input: Record<string, never>) => Promise<ActionAnswer<Enrolment>>;
  confirm: (input: SecondFactorCodeInput) => Promise<ActionAnswer<{ recoveryCodes: string[] }>>;
  /** Shown under the recovery codes once set up: a "Continue" button or a link. */
  finish: React.ReactNode;
}) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const begin = () =>
    startTransition(async () => {
      setProblem(null);
      const outcome = await callAction(() => start({}), "The help desk could not be reached. Check your connection and try again.");
      if (outcome.ok) setEnrolment(outcome.data);
      else setProblem(outcome.problem.message);
    });

  if (codes) {
    return (
      <div className="space-y-4">
        <Alert tone="success">Two-factor authentication is on.</Alert>
        <RecoveryCodes codes={codes} />
        {finish}
      </div>
    );
  }
  if (!enrolment) {
    return (
      <div className="space-y-3">
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <Button onClick={begin} disabled={pending}>{pending ? "Preparing…" : "Set up an authenticator app"}</Button>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Open an authenticator app on your phone (Microsoft Authenticator, Google Authenticator, 1Password…).</li>
        <li>Scan this QR code, or type the key below into the app.</li>
        <li>Enter the six-digit code the app shows.</li>
      </ol>
      <div className="flex flex-wrap items-start gap-4">
        {/* The SVG is made on the server by the qrcode library from our own otpauth address: paths only, no script. */}
        <div className="h-44 w-44 shrink-0 rounded border border-slate-200 bg-white p-1" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
        <div className="min-w-0 space-y-1 text-sm">
          <p className="font-medium text-slate-800">Key for typing in</p>
          <code className="block break-all rounded border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-xs" data-testid="totp-secret">{enrolment.secret.match(/.{1,4}/g)?.join(" ")}</code>
          <p className="text-xs text-slate-500">Time-based, six digits, every 30 seconds.</p>
        </div>
      </div>
      <CodeForm
        action={confirm}
        onDone={(data) => setCodes(data.recoveryCodes)}
        label="Code from the app"
        hint="Six digits."
        submitLabel="Turn on two-factor"
        id="enrol-code"
      />
    </div>
  );
}
