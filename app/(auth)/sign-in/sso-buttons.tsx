"use client";
// One button per configured single sign-on provider. next-auth's signIn posts to its own route
// with the CSRF token and then sends the browser to the provider (code flow with PKCE).
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SsoButtons({ providers, callbackUrl }: { providers: { id: string; label: string }[]; callbackUrl: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {providers.map((p) => (
        <Button
          key={p.id}
          variant="secondary"
          className="w-full"
          disabled={busy !== null}
          onClick={() => {
            setBusy(p.id);
            void signIn(p.id, { callbackUrl }).catch(() => setBusy(null));
          }}
        >
          {p.id === "entra" ? <MicrosoftLogo /> : null}
          {busy === p.id ? "Redirecting…" : `Sign in with ${p.label}`}
        </Button>
      ))}
    </div>
  );
}

function MicrosoftLogo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 21 21" className="h-4 w-4">
      <rect x="1" y="1" width="9" height="9" fill="#f25022" />
      <rect x="11" y="1" width="9" height="9" fill="#7fba00" />
      <rect x="1" y="11" width="9" height="9" fill="#00a4ef" />
      <rect x="11" y="11" width="9" height="9" fill="#ffb900" />
    </svg>
  );
}
