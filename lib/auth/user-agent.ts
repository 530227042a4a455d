// A short, human description of a browser for the sessions list ("Chrome 131 on Windows"), from the
// User-Agent header through bowser (a maintained parser) rather than hand-written patterns.
import Bowser from "bowser";

const MAX_LENGTH = 80;

export function describeUserAgent(header: string | null | undefined): string {
  const ua = (header ?? "").slice(0, 1000).trim();
  if (!ua) return "Unknown browser";
  const { browser, os } = Bowser.parse(ua);
  const major = browser.version?.split(".")[0];
  const name = browser.name ? `${browser.name}${major ? ` ${major}` : ""}` : "";
  const system = os.name ? `${os.name}${os.versionName && os.name === "Windows" ? ` ${os.versionName}` : ""}` : "";
  // Programs (curl, scripts) have no browser name: keep the first word of their own description.
  const described = name && system ? `${name} on ${system}` : name || system || ua.split(/[\s;(]/)[0];
  return described.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, MAX_LENGTH) || "Unknown browser";
}
