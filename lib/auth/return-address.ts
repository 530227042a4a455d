// Where to go after signing in: only a page of this site. The check parses the address the way a
// browser does, against the app's own origin, and keeps it only if it stays on that origin, so no
// spelling gets through that a string test would miss: browsers drop tabs and newlines inside
// "//" and read "\" as "/", so "/\tevil.example" or "/\evil.example" lead to another host. Pure and
// browser-safe: the sign-in page checks on the server, the sign-in form again before navigating.

/** Control characters are refused outright: no real return address has one, and browsers drop some. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The path (with query and fragment) on `origin` that `value` leads to, or `fallback`. */
export function safeReturnPath(value: string | null | undefined, origin: string, fallback: string): string {
  if (!value || CONTROL.test(value) || value.includes("\\")) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin || target.username || target.password) return fallback;
  const path = target.pathname + target.search + target.hash;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as another host.
  return path.startsWith("//") ? fallback : path;
}
