"use client";
import { CodeForm } from "@/components/account/code-form";
import { TwoFactorSetup } from "@/components/account/two-factor-setup";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { SecondFactorCodeInput } from "@/lib/auth/account-schemas";

/** A full navigation afterwards, so every server component sees the finished session. */
const go = (url: string) => window.location.assign(url);

export function SecondFactorStep({ mode, callbackUrl, verify, start, confirm }: {
  mode: "code" | "enrol";
  callbackUrl: string;
  verify: (input: SecondFactorCodeInput) => Promise<ActionResultLike>;
  start: Parameters<typeof TwoFactorSetup>[0]["start"];
  confirm: Parameters<typeof TwoFactorSetup>[0]["confirm"];
}) {
  if (mode === "enrol") return <TwoFactorSetup start={start} confirm={confirm} finish={<Button onClick={() => go(callbackUrl)}>I have saved my codes — continue</Button>} />;
  return <CodeForm action={verify} onDone={() => go(callbackUrl)} label="Code" hint="Six digits from your app, or a recovery code like ABCD-EFGH-IJKL-MNOP." submitLabel="Verify" allowRecovery />;
}
