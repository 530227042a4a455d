"use client";
// An outcome that must outlive the control that caused it. A one-click action often changes the very
// section its button sits in (ending an agent's last session removes "End all sessions";
// deactivating turns the button into "Reactivate"), and the refreshed page would take the button's
// "done" message with it. The staff layouts hold one message here, shown in the corner of the page.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { Alert } from "./alert";

type Flash = (message: string) => void;

const FlashContext = createContext<Flash | null>(null);

/** How long a message stays; it is announced at once (role="status"), and the page shows the new state. */
const SHOWN_MS = 12_000;

export function FlashProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; id: number } | null>(null);
  const flash = useCallback<Flash>((text) => setMessage((m) => ({ text, id: (m?.id ?? 0) + 1 })), []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <FlashContext.Provider value={flash}>
      {children}
      {/* In a corner, and never in the way: clicks go through to the page beneath. */}
      <div className="pointer-events-none fixed bottom-4 right-4 z-40 w-[min(24rem,calc(100%-2rem))]">
        {message ? (
          <div key={message.id} className="shadow-lg" data-testid="flash">
            <Alert tone="success">{message.text}</Alert>
          </div>
        ) : null}
      </div>
    </FlashContext.Provider>
  );
}

/** Shows a success message that survives the refresh after an action; null outside the staff layouts. */
export function useFlash(): Flash | null {
  return useContext(FlashContext);
}
