import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, logLevel } from "./log";
import { withLogContext } from "./log-context";

/** A logger at `level` whose lines are kept, parsed, and also returned as the raw text. */
function capture(level = "debug") {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(chunk.toString("utf8"));
      done();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    text: () => raw.join(""),
    lines: () =>
      raw
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const flush = () => new Promise((r) => setImmediate(r));

// Visa, Mastercard and Amex test numbers, each as the digits alone.
const PANS = ["4111111111111111", "5454545454545454", "378282246310005"];
const FULL_WIDTH = "４１１１１１１１１１１１１１１１";

/** Any of the test card numbers' digits in a row, whatever separates them. */
function leaks(text: string): string[] {
  const digits = text.normalize("NFKC").replace(/[^0-9]/g, " ");
  const squeezed = text.normalize("NFKC").replace(/[^0-9]/g, "");
  return PANS.filter((pan) => squeezed.includes(pan) || digits.includes(pan));
}

describe("the logger's redaction", () => {
  it("masks card numbers in messages, fields, keys, numbers, printf arguments and child bindings, keeping the last 4", async () => {
    const { logger, text, lines } = capture();
    logger.info(`card 4111 1111 1111 1111 keyed`);
    logger.info({ note: "4111-1111-1111-1111", dotted: "5454.5454.5454.5454", tabbed: "3782\t822463\t10005", glued: "ref_4111111111111111" }, "fields");
    logger.info({ fullWidth: `card ${FULL_WIDTH}` }, "full-width digits");
    logger.info({ asNumber: 4111111111111111, ["4111111111111111"]: "a key" }, "a number and a key");
    logger.info("card %s and %j", "5454 5454 5454 5454", { nested: { text: "4111111111111111" } });
    logger.child({ bound: "4111 1111 1111 1111" }).warn("from a child");
    await flush();

    expect(leaks(text())).toEqual([]);
    expect(text()).not.toContain(FULL_WIDTH);
    const [message, fields, fullWidth, number] = lines();
    expect(message!.msg).toBe("card **** **** **** 1111 keyed");
    expect(fields).toMatchObject({ note: "****-****-****-1111", dotted: "****.****.****.5454", glued: "ref_************1111" });
    expect(fullWidth!.fullWidth).toMatch(/１１１１$/);
    expect(number!.asNumber).toBe("************1111");
    expect(Object.keys(number!)).toContain("************1111");
  });

  it("hides CVVs, secrets, tokens, passwords, cookies and the Authorization header, whatever their key's case", async () => {
    const { logger, text, lines } = capture();
    logger.info(
      {
        cvv: "123",
        CVV2: "4567",
        cardCvv: "999",
        securityCode: "321",
        card: { number: "4111111111111111", cvc: "123", expMonth: 12 },
        headers: { Authorization: "Bearer eyJhbGciOi.secret.sig", cookie: "authjs.session-token=abc", "x-api-key": "k-123", accept: "application/json" },
        secretKey: "sk_live_abcdef",
        clientSecret: "cs_abcdef",
        password: "hunter2hunter2",
        totpSecret: "KEYEDDEMOSANDBOXONLYDEMOSANDBOX2",
        accessToken: "at_abcdef",
        token: "tok_abcdef",
        credentials: { shopId: "361", secretKey: "x" },
        code: "492039",
        amount: 1250,
        last4: "1111",
      },
      "hostile",
    );
    await flush();
    const [line] = lines();
    for (const key of ["cvv", "CVV2", "cardCvv", "securityCode", "secretKey", "clientSecret", "password", "totpSecret", "accessToken", "token", "credentials", "code"]) {
      expect(line![key], key).toBe("[REDACTED]");
    }
    expect(line!.card).toEqual({ number: "************1111", cvc: "[REDACTED]", expMonth: 12 });
    expect(line!.headers).toEqual({ Authorization: "[REDACTED]", cookie: "[REDACTED]", "x-api-key": "[REDACTED]", accept: "application/json" });
    expect(line).toMatchObject({ amount: 1250, last4: "1111" });
    for (const secret of ["eyJhbGciOi", "session-token=abc", "k-123", "sk_live", "cs_abcdef", "hunter2", "KEYEDDEMO", "at_abcdef", "tok_abcdef", "492039", '"4567"', '"999"', '"321"']) {
      expect(text()).not.toContain(secret);
    }
  });

  it("scrubs an error's message and stack, also when pino would copy the message into the line itself", async () => {
    const { logger, text, lines } = capture();
    const err = new Error("gateway echoed 4111 1111 1111 1111 back");
    logger.error(err);
    logger.error({ err }, "a sale failed");
    await flush();
    expect(leaks(text())).toEqual([]);
    const [bare, wrapped] = lines();
    expect(bare!.msg).toBe("gateway echoed **** **** **** 1111 back");
    expect(bare!.err).toMatchObject({ type: "Error", message: "gateway echoed **** **** **** 1111 back" });
    expect(String((bare!.err as { stack: string }).stack)).toContain("**** **** **** 1111");
    expect(wrapped).toMatchObject({ msg: "a sale failed", err: { type: "Error" } });
  });

  it("keeps an error's own code (a library's, such as Prisma's P2002), while a field named code is hidden", async () => {
    const { logger, lines } = capture();
    logger.error({ err: Object.assign(new Error("Unique constraint failed"), { code: "P2002" }), code: "492039" }, "insert failed");
    await flush();
    const [line] = lines();
    expect(line).toMatchObject({ code: "[REDACTED]", err: { code: "P2002", message: "Unique constraint failed" } });
  });

  it("names the request, user and transaction from the log context; the line's own fields win", async () => {
    const { logger, lines } = capture();
    withLogContext({ requestId: "req-12345678", userId: "u1" }, () => {
      withLogContext({ transactionId: "t1", gateway: "bepaid" }, () => logger.info("inside"));
      logger.info({ userId: "explicit" }, "overridden");
    });
    logger.info("outside");
    await flush();
    const [inside, overridden, outside] = lines();
    expect(inside).toMatchObject({ requestId: "req-12345678", userId: "u1", transactionId: "t1", gateway: "bepaid", level: "info" });
    expect(overridden).toMatchObject({ requestId: "req-12345678", userId: "explicit" });
    expect(overridden!.transactionId).toBeUndefined();
    expect(outside!.requestId).toBeUndefined();
  });
});

describe("the log context's ids", () => {
  // This UUID holds a Luhn-valid stretch that redact() alone would mask: "*b*****b-**c*-**c*-****-****6e5e7a26".
  it("are kept whole, digits and all, unless one holds a card number (a request id may come from outside)", async () => {
    const { logger, lines } = capture();
    const ids = { requestId: "3b68251b-49c4-47c7-8277-98376e5e7a26", userId: "cmx6b2f5y0000e97dgczdzgut", transactionId: "cm3k9x0a10002x1y2z3w4v5u6" };
    withLogContext(ids, () => logger.info("ok"));
    withLogContext({ requestId: "4111-1111-1111-1111" }, () => logger.info("hostile"));
    await flush();
    const [ok, hostile] = lines();
    expect(ok).toMatchObject(ids);
    expect(hostile!.requestId).toBe("****-****-****-1111");
  });
});

describe("the log level", () => {
  it("comes from LOG_LEVEL, with info by default, silence under tests and info for a level pino does not know", () => {
    expect(logLevel({ LOG_LEVEL: "debug" })).toBe("debug");
    expect(logLevel({ LOG_LEVEL: " WARN " })).toBe("warn");
    expect(logLevel({})).toBe("info");
    expect(logLevel({ NODE_ENV: "test" })).toBe("silent");
    expect(logLevel({ LOG_LEVEL: "verbose" })).toBe("info");
  });

  it("drops lines below the level", async () => {
    const { logger, lines } = capture("warn");
    logger.info("quiet");
    logger.warn("loud");
    await flush();
    expect(lines().map((l) => l.msg)).toEqual(["loud"]);
  });
});
