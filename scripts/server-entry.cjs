// The production server process: Next's standalone server, with one thing added before any
// request reaches it. Next does not tell the app which address a request came from (its own
// X-Forwarded-For is whatever the client sent), so the socket's peer address is written into an
// internal header here, replacing any copy a client sent. lib/server/client-address.ts decides the
// client address from it (and, for trusted proxies only, from X-Forwarded-For).
// Usage: node scripts/server-entry.cjs STANDALONE_DIR
const http = require("node:http");
const path = require("node:path");
const { installRequestGuard } = require("./request-guard.cjs");

const PEER_HEADER = "x-helpdesk-peer";
const standaloneDir = path.resolve(process.argv[2] ?? path.join(__dirname, "..", ".next", "standalone"));

const createServer = http.createServer;
http.createServer = function helpdeskCreateServer(...args) {
  const server = createServer.apply(this, args);
  server.prependListener("request", (req) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  });
  installRequestGuard(server);
  return server;
};

require(path.join(standaloneDir, "server.js"));
