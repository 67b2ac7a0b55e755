// Preloaded into every `lib/cli/serve.ts` worker: a worker whose primary is gone (crashed, killed)
// has no listening socket left, so it exits instead of lingering with open database connections.
process.on("disconnect", () => process.exit(0));

// The connection's address, for lib/client-ip.ts, in a header no client can set: Next.js hands route
// handlers and server actions the request's headers, not its socket. Any value the client sent is
// overwritten.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) has no import
const http = require("node:http");
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, ...rest) {
  if (event === "request" && req && req.headers) req.headers["x-keyed-peer"] = (req.socket && req.socket.remoteAddress) || "";
  return emit.call(this, event, req, ...rest);
};
