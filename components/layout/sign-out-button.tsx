"use client";
import { signOut } from "next-auth/react";

/** Signs out through next-auth, which ends the session on the server too (lib/auth/options.ts). */
export function SignOutButton({ className = "", label = "Sign out" }: { className?: string; label?: string }) {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/sign-in" })} className={`rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 ${className}`}>
      {label}
    </button>
  );
}
