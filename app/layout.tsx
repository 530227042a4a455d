import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Help desk", template: "%s · Help desk" },
  description: "Open a support request and follow it to resolution.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page carries a fresh CSP nonce (proxy.ts), which Next can only add at request time: no
  // page may be prerendered, or its scripts would lack the nonce and not run.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
