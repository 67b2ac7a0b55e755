// Entry point: `npm run sandbox` (the start command runs it beside the app).
import { createSandbox } from "./app";
import { mailCatcherPort } from "./mail";

const port = Number(process.env.SANDBOX_PORT ?? 4010);
const sandbox = await createSandbox({
  port,
  stateFile: process.env.SANDBOX_STATE_FILE || undefined,
  smtpPort: mailCatcherPort(port),
  log: (line) => console.log(line),
});
console.log(`sandbox: gateways listening on ${sandbox.url} (bluepay, bepaid, roverpay, paycore); mail catcher on SMTP port ${sandbox.mail?.port}, caught mail at ${sandbox.url}/_sandbox/mail`);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
