// Row ids for rows inserted in SQL rather than through Prisma: the same shape as Prisma's
// @default(cuid()) (a "c", then time, counter, process fingerprint and randomness, base 36), so ids stay
// one format and, like cuids, sort roughly by creation time.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

const BASE = 36;
const pad = (s: string, size: number) => s.padStart(size, "0").slice(-size);

const fingerprint = pad(process.pid.toString(BASE), 2) + pad([...hostname()].reduce((sum, ch) => sum + ch.charCodeAt(0), hostname().length + BASE).toString(BASE), 2);
let counter = randomBytes(4).readUInt32BE() % BASE ** 4;

// Randomness drawn in bulk: a sale makes two ids, and each small randomBytes call has a fixed cost.
let pool = randomBytes(4096);
let offset = 0;

function randomBlock(): string {
  if (offset + 4 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const value = pool.readUInt32BE(offset);
  offset += 4;
  return pad(value.toString(BASE), 4);
}

export function newId(): string {
  counter = (counter + 1) % BASE ** 4;
  return `c${pad(Date.now().toString(BASE), 8)}${pad(counter.toString(BASE), 4)}${fingerprint}${randomBlock()}${randomBlock()}`;
}
