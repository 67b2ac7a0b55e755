// `npm run demo:code`: the current two-step sign-in code of the demo users (their key is published
// in prisma/demo-users.ts; sandbox only). Saves reaching for a phone while trying Keyed out.
import { DEMO_TOTP_SECRET } from "../../prisma/demo-users";
import { codeAt, timeStep } from "../auth/totp";

const now = Date.now();
const step = timeStep(now);
const left = 30 - Math.floor(now / 1000) % 30;
console.log(`${codeAt(DEMO_TOTP_SECRET, step)}  (demo users, valid for ${left} more seconds; then ${codeAt(DEMO_TOTP_SECRET, step + 1)})`);
