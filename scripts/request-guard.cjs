// The raw-request guard of the production server (installed by scripts/server-entry.cjs on the HTTP
// server before Next sees a request). It refuses, cheaply and with a short clear answer:
//  - a body larger than its route allows, before reading it: Next would otherwise read up to its
//    30 MB server-action limit into memory for any page, then fail with a server error. Upload
//    forms get the settings' total attachment size (published by the app, lib/server/request-limits.ts)
//    plus room for the text; every other form 1 MB. The API routes keep their own limits.
//  - a form post (server action) from another site, or without an Origin: Next lets an Origin-less
//    action through and answers a cross-site one with a server error; here both get 403.
// It also marks the process so lib/server/client-address.ts believes the x-helpdesk-peer header,
// which only the server entry can have written.
"use strict";

const EDGE = Symbol.for("helpdesk.edge");
const MB = 1024 * 1024;
/** Next's own ceiling for server actions (next.config.js serverActions.bodySizeLimit). */
const ACTION_CEILING = 30 * MB;
/** Text-only forms: the longest text field is 50,000 characters. */
const FORM_LIMIT = 1 * MB;
/** Before the app has published the settings' limit: the settings' default total (25 MB) plus room for the text. */
const DEFAULT_UPLOAD = { limitBytes: 26 * MB, maxTotalMb: 25 };

/** Pages whose forms carry files (open a ticket, a requester's reply, an agent's reply or note). */
const UPLOAD_PAGES = [/^\/open\/?$/, /^\/t\/[^/]+\/[^/]+\/?$/, /^\/agent\/tickets\/[^/]+\/?$/];
/** Route handlers that read their bodies with limits of their own. */
const OWN_LIMITS = /^\/api\/(?!auth\/)/;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function edgeState() {
  globalThis[EDGE] ??= {};
  return globalThis[EDGE];
}

function pathOf(url) {
  const path = (url ?? "/").split("?")[0];
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The body limit for a request: { bytes, upload }; null when the route keeps its own. */
function bodyLimitFor(method, url, uploads = edgeState().uploads ?? DEFAULT_UPLOAD) {
  if (SAFE_METHODS.has(method)) return { bytes: 0, upload: false };
  const path = pathOf(url);
  if (OWN_LIMITS.test(path)) return null;
  if (UPLOAD_PAGES.some((re) => re.test(path))) return { bytes: Math.min(uploads.limitBytes, ACTION_CEILING), upload: true, maxTotalMb: uploads.maxTotalMb };
  return { bytes: FORM_LIMIT, upload: false };
}

function first(value) {
  return Array.isArray(value) ? value[0] : value;
}

/** host[:port] as the URL parser writes it for this scheme (default ports dropped), or null. */
function hostFor(protocol, host) {
  try {
    return new URL(`${protocol}//${host.trim()}`).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Is this unsafe request from a page of this site? The browser's Origin must name APP_URL, or the
 * host the request was sent to (Host, or X-Forwarded-Host from a proxy: a browser cannot set that
 * header on another site's behalf). No Origin, "null" or a cross-site fetch is refused.
 */
function sameOrigin(headers, appUrl) {
  if (first(headers["sec-fetch-site"]) === "cross-site") return false;
  const origin = first(headers.origin);
  if (!origin || origin === "null") return false;
  let parsed;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (appUrl) {
    try {
      if (new URL(appUrl).origin === parsed.origin) return true;
    } catch {
      // an unusable APP_URL: fall back to the hosts
    }
  }
  const hosts = [first(headers["x-forwarded-host"]), first(headers.host)].filter(Boolean).flatMap((h) => String(h).split(","));
  const own = parsed.host.toLowerCase();
  return hosts.some((h) => hostFor(parsed.protocol, h) === own);
}

function sizeText(bytes) {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

/**
 * What to refuse, before any of the body is read: { status, message } or null. Pure, for tests.
 * Messages start "Refused:" or "Too large to send:": the staff forms show such a text as it is
 * (components/tickets/use-action-form.ts).
 */
function refusalFor(req, env = process.env) {
  const method = (req.method ?? "GET").toUpperCase();
  if (SAFE_METHODS.has(method)) return null;
  const limit = bodyLimitFor(method, req.url);
  if (!limit) return null;
  if (!pathOf(req.url).startsWith("/api/") && !sameOrigin(req.headers, env.APP_URL)) {
    return { status: 403, message: "Refused: this form was sent from another site, or without saying where from. Open the page on this site and send it from there." };
  }
  const length = Number(first(req.headers["content-length"]));
  if (Number.isFinite(length) && length > limit.bytes) return tooLarge(limit);
  return null;
}

function tooLarge(limit) {
  return {
    status: 413,
    message:
      limit.upload && limit.maxTotalMb > 0
        ? `Too large to send: the files of one message may add up to ${limit.maxTotalMb} MB. Remove some files and send it again.`
        : `Too large to send: this form takes at most ${sizeText(limit.bytes)}${limit.upload ? ", and files are not accepted" : ""}.`,
  };
}

/** The page the form was on, as a same-site path (never "//host"). */
function backPath(url) {
  const path = (url ?? "/").split("?")[0];
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A server action called by the page's script shows a text/plain answer as the form's error (Next
 * turns it into the rejected call's message); a plain form post or a browser gets a small page.
 */
function refuse(req, res, refusal) {
  const wantsPage = !req.headers["next-action"] && /text\/html/.test(first(req.headers.accept) ?? "");
  const body = wantsPage
    ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Not sent</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#0f172a"><h1 style="font-size:1.25rem">Not sent</h1><p>${escapeHtml(refusal.message)}</p><p><a href="${escapeHtml(backPath(req.url))}" style="color:#1d4ed8">Back to the page</a></p></body></html>`
    : refusal.message;
  // A reverse proxy (ARR, nginx) asks for "Connection: close" and is still sending the body when this
  // answer is ready. Node would then close the socket as soon as the answer is written, with the
  // rest of the body unread: the kernel resets the connection and the proxy shows its own 502
  // instead of this answer. Keeping the connection open lets the rest be read and dropped (below).
  const bodyComing = !req.complete && (Number(first(req.headers["content-length"])) > 0 || req.headers["transfer-encoding"] !== undefined);
  res.writeHead(refusal.status, {
    "Content-Type": wantsPage ? "text/html; charset=utf-8" : "text/plain",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    ...(bodyComing ? { Connection: "keep-alive" } : {}),
  });
  res.end(body);
  // What the client is still sending is discarded as it arrives (never kept), so it reads this
  // answer instead of a reset; a client still sending after 10 seconds is cut off.
  req.resume();
  const timer = setTimeout(() => {
    if (!req.complete) req.socket?.destroy();
  }, 10_000);
  timer.unref?.();
  req.once("end", () => clearTimeout(timer));
}

/**
 * A body sent without Content-Length (chunked) is counted as it arrives; past the limit the
 * connection is cut. Browsers always send the length, so this only meets scripts.
 */
function limitChunkedBody(req, res, limit) {
  const push = req.push;
  let seen = 0;
  req.push = function countedPush(chunk, encoding) {
    if (chunk) {
      seen += chunk.length;
      if (seen > limit.bytes) {
        req.push = push;
        if (!res.headersSent) {
          const refusal = tooLarge(limit);
          res.writeHead(refusal.status, { "Content-Type": "text/plain", "Content-Length": Buffer.byteLength(refusal.message), Connection: "close" });
          res.end(refusal.message, () => req.socket?.destroy());
          // Whatever the app does next with this response goes nowhere.
          for (const name of ["writeHead", "setHeader", "write", "end", "appendHeader"]) res[name] = () => res;
        } else req.socket?.destroy();
        return false;
      }
    }
    return push.call(this, chunk, encoding);
  };
}

/** Installs the guard on the server: every request meets it before any other listener. */
function installRequestGuard(server) {
  edgeState().peerHeader = true;
  const emit = server.emit;
  server.emit = function guardedEmit(event, req, res) {
    if (event === "request") {
      const refusal = refusalFor(req);
      if (refusal) {
        refuse(req, res, refusal);
        return true;
      }
      const limit = bodyLimitFor((req.method ?? "GET").toUpperCase(), req.url);
      if (limit && limit.bytes && req.headers["content-length"] === undefined && req.headers["transfer-encoding"]) limitChunkedBody(req, res, limit);
    }
    return emit.apply(this, arguments);
  };
  return server;
}

module.exports = { installRequestGuard, refusalFor, bodyLimitFor, sameOrigin, ACTION_CEILING, FORM_LIMIT };
