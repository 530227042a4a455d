"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CodeForm } from "@/components/account/code-form";
import { RecoveryCodes } from "@/components/account/recovery-codes";
import { TwoFactorSetup } from "@/components/account/two-factor-setup";
import { FormFeedback, SubmitRow, TextField, useAdminForm } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { confirmTwoFactorAction, newRecoveryCodesAction, startTwoFactorAction, turnOffTwoFactorAction } from "@/lib/auth/account-actions";
import { ZTurnOffTwoFactor, type TurnOffTwoFactorInput } from "@/lib/auth/account-schemas";

type Status = { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number; required: boolean };

export function TwoFactorPanel({ status, hasPassword }: { status: Status; hasPassword: boolean }) {
  const router = useRouter();
  const [panel, setPanel] = useState<"none" | "codes" | "off">("none");
  const [codes, setCodes] = useState<string[] | null>(null);

  if (!hasPassword) return <p className="text-sm text-slate-700">Not needed: you sign in without a password here.</p>;
  if (!status.enabled) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-700">
          Two-factor authentication is <strong>off</strong>.{status.required ? " This help desk requires it for your account: you will be asked to set it up at your next sign-in." : ""}
        </p>
        <TwoFactorSetup start={startTwoFactorAction} confirm={confirmTwoFactorAction} finish={<Button onClick={() => router.refresh()}>Done</Button>} />
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" data-testid="two-factor-status">
        Two-factor authentication is <strong>on</strong>{status.enabledAt ? <> since <LocalTime value={status.enabledAt} /></> : null}. {status.recoveryCodesLeft} of 10 recovery codes left.
      </p>
      {codes ? <RecoveryCodes codes={codes} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setPanel(panel === "codes" ? "none" : "codes")} aria-expanded={panel === "codes"}>New recovery codes</Button>
        {status.required ? null : <Button variant="secondary" onClick={() => setPanel(panel === "off" ? "none" : "off")} aria-expanded={panel === "off"}>Turn off</Button>}
      </div>
      {panel === "codes" ? (
        <CodeForm
          action={newRecoveryCodesAction}
          onDone={(data) => {
            setCodes(data.recoveryCodes);
            setPanel("none");
            // The panel stays mounted (two-factor stays on), so the new codes stay on screen.
            router.refresh();
          }}
          label="Code from your app"
          hint="Your old recovery codes stop working."
          submitLabel="Make new codes"
          id="regenerate-code"
        />
      ) : null}
      {panel === "off" ? <TurnOffForm /> : null}
    </div>
  );
}

function TurnOffForm() {
  const { form, problem, done, submit } = useAdminForm<TurnOffTwoFactorInput>(ZTurnOffTwoFactor, { password: "" });
  return (
    <form noValidate aria-label="Turn off two-factor authentication" className="space-y-3" onSubmit={form.handleSubmit((v) => submit(() => turnOffTwoFactorAction(v), "Two-factor authentication is off."))}>
      <FormFeedback problem={problem} done={done} />
      <TextField form={form} name="password" label="Your password" type="password" autoComplete="current-password" />
      <SubmitRow label="Turn off two-factor" pending={form.formState.isSubmitting} />
    </form>
  );
}
