// Entry point: `npm run sandbox` (the start command runs it beside the app).
import { createSandbox } from "./app";

const port = Number(process.env.SANDBOX_PORT ?? 4010);
const sandbox = await createSandbox({
  port,
  stateFile: process.env.SANDBOX_STATE_FILE || undefined,
  log: (line) => console.log(line),
});
console.log(`sandbox: gateways listening on ${sandbox.url} (bluepay, bepaid, roverpay, paycore)`);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
