// Preloaded into every `lib/cli/serve.ts` worker: a worker whose primary is gone (crashed, killed)
// has no listening socket left, so it exits instead of lingering with open database connections.
process.on("disconnect", () => process.exit(0));
