import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../sandbox/bepaid/accounts";
import { ciphertextKeyId, currentKey, decrypt, generateKeyBase64, keyFromBase64 } from "../crypto";
import type { Db } from "../db";
import { createUser, resetDatabase, testDb } from "../testing/db";
import { gatewayAccountSchema, type GatewayAccountFormValues } from "../validation/admin";
import type { Actor } from "./audit";
import { ServiceError } from "./errors";
import {
  CredentialsError,
  createGatewayAccount,
  gatewayKindOptions,
  getGatewayAccount,
  listGatewayAccounts,
  reencryptSecrets,
  setGatewayAccountActive,
  testGatewayAccountDraft,
  testSavedGatewayAccount,
  updateGatewayAccount,
} from "./gateway-accounts";

let db: Db;
let sandbox: Sandbox;
let admin: Actor;

const WRONG_SECRET = "0".repeat(63) + "1";

function input(over: Partial<GatewayAccountFormValues> = {}) {
  return gatewayAccountSchema.parse({
    label: "bePaid main",
    kind: "bepaid",
    mode: "test",
    baseUrl: `${sandbox.url}/bepaid`,
    currency: "USD",
    maxAmount: "2500.50",
    timeoutSeconds: "5",
    isDefault: false,
    credentials: { ...DEMO_CREDENTIALS },
    ...over,
  } satisfies GatewayAccountFormValues);
}

async function rawSecrets(id: string) {
  const row = await db.gatewayAccount.findUniqueOrThrow({ where: { id } });
  return row.secrets as Record<string, { ciphertext: string; setAt: string; setBy: string }>;
}

const auditFor = (targetId: string) => db.auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  db = testDb();
  sandbox = await createSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox?.close();
  await db?.$disconnect();
});
beforeEach(async () => {
  await resetDatabase(db);
  const { user } = await createUser(db, { role: "admin" });
  admin = { id: user.id, email: user.email };
});

describe("gateway account secrets", () => {
  it("stores the secret sealed: the row differs from the secret and decrypts only with the key", async () => {
    const account = await createGatewayAccount(db, admin, input());
    const row = await db.gatewayAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(JSON.stringify(row)).not.toContain(DEMO_CREDENTIALS.secretKey);
    const sealed = (await rawSecrets(account.id)).secretKey!;
    expect(sealed.setBy).toBe(admin.email);
    expect(decrypt(sealed.ciphertext)).toBe(DEMO_CREDENTIALS.secretKey);
    expect(() => decrypt(sealed.ciphertext, [keyFromBase64(generateKeyBase64())])).toThrow();
    // Non-secret fields stay readable; the view carries no secret value at all.
    expect(row.settings).toEqual({ shopId: DEMO_CREDENTIALS.shopId });
    const view = await getGatewayAccount(db, account.id);
    expect(JSON.stringify(view)).not.toContain(DEMO_CREDENTIALS.secretKey);
    expect(JSON.stringify(view)).not.toContain(sealed.ciphertext);
    expect(view.secrets.secretKey).toMatchObject({ setBy: admin.email });
    expect(view.maxAmount).toBe(250050);
    expect(view.timeoutMs).toBe(5000);
  });

  it("keeps the stored secret when the field is left empty, and replaces it when typed", async () => {
    const account = await createGatewayAccount(db, admin, input());
    const before = (await rawSecrets(account.id)).secretKey!;
    await updateGatewayAccount(db, admin, account.id, input({ label: "Renamed", credentials: { shopId: DEMO_CREDENTIALS.shopId, secretKey: "" } }));
    expect((await rawSecrets(account.id)).secretKey).toEqual(before);

    await updateGatewayAccount(db, admin, account.id, input({ credentials: { shopId: DEMO_CREDENTIALS.shopId, secretKey: WRONG_SECRET } }));
    const after = (await rawSecrets(account.id)).secretKey!;
    expect(after.ciphertext).not.toBe(before.ciphertext);
    expect(decrypt(after.ciphertext)).toBe(WRONG_SECRET);
  });

  it("validates credentials with the kind's schema, field by field", async () => {
    const err = await createGatewayAccount(db, admin, input({ credentials: { shopId: "abc", secretKey: "" } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect((err as CredentialsError).fieldErrors).toMatchObject({ "credentials.shopId": "Shop ID is a number", "credentials.secretKey": "Secret key is required" });
    expect(await db.gatewayAccount.count()).toBe(0);
  });

  it("re-encrypts every secret under the new key on rotation", async () => {
    const oldKey = process.env.APP_ENCRYPTION_KEY!;
    const a = await createGatewayAccount(db, admin, input());
    const b = await createGatewayAccount(
      db,
      admin,
      input({
        label: "PayCore",
        kind: "paycore",
        baseUrl: `${sandbox.url}/paycore`,
        credentials: { commerceAccountId: "coma_test1", apiKey: "api-key-value-1", callbackSecret: "sk_test_callback" },
      }),
    );
    const oldId = currentKey().id;
    const newKey = generateKeyBase64();
    process.env.APP_ENCRYPTION_KEY = newKey;
    process.env.APP_ENCRYPTION_KEYS_OLD = `old:${oldKey}`;
    try {
      const report = await reencryptSecrets(db);
      expect(report).toMatchObject({ accounts: 2, secrets: 3, reencrypted: 3, alreadyCurrent: 0, failed: [] });
      const newId = keyFromBase64(newKey).id;
      for (const id of [a.id, b.id]) {
        for (const sealed of Object.values(await rawSecrets(id))) {
          expect(ciphertextKeyId(sealed.ciphertext)).toBe(newId);
          expect(ciphertextKeyId(sealed.ciphertext)).not.toBe(oldId);
        }
      }
      // The old key is no longer needed.
      delete process.env.APP_ENCRYPTION_KEYS_OLD;
      expect(decrypt((await rawSecrets(a.id)).secretKey!.ciphertext)).toBe(DEMO_CREDENTIALS.secretKey);
      expect(decrypt((await rawSecrets(b.id)).apiKey!.ciphertext)).toBe("api-key-value-1");
      const again = await reencryptSecrets(db);
      expect(again).toMatchObject({ reencrypted: 0, alreadyCurrent: 3 });
    } finally {
      process.env.APP_ENCRYPTION_KEY = oldKey;
      delete process.env.APP_ENCRYPTION_KEYS_OLD;
    }
  });

  it("reports secrets whose key is not configured instead of losing them", async () => {
    const oldKey = process.env.APP_ENCRYPTION_KEY!;
    const a = await createGatewayAccount(db, admin, input());
    const before = await rawSecrets(a.id);
    process.env.APP_ENCRYPTION_KEY = generateKeyBase64();
    try {
      const report = await reencryptSecrets(db);
      expect(report.failed).toEqual([expect.objectContaining({ accountId: a.id, field: "secretKey" })]);
      expect(await rawSecrets(a.id)).toEqual(before);
    } finally {
      process.env.APP_ENCRYPTION_KEY = oldKey;
    }
  });
});

describe("bePaid webhook public key (issue 19)", () => {
  it("is a plain setting the admin sets; text that is no RSA public key is refused at its field", async () => {
    const account = await createGatewayAccount(db, admin, input());
    const bad = await updateGatewayAccount(db, admin, account.id, input({ credentials: { ...DEMO_CREDENTIALS, secretKey: "", webhookPublicKey: "not a key" } })).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(CredentialsError);
    expect((bad as CredentialsError).fieldErrors).toMatchObject({ "credentials.webhookPublicKey": expect.stringContaining("Not an RSA public key") });

    const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "der", type: "spki" }).toString("base64");
    await updateGatewayAccount(db, admin, account.id, input({ credentials: { ...DEMO_CREDENTIALS, secretKey: "", webhookPublicKey: key } }));
    const row = await db.gatewayAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.settings).toEqual({ shopId: DEMO_CREDENTIALS.shopId, webhookPublicKey: key });
    // The admin form shows it as an optional, non-secret field.
    const bepaid = gatewayKindOptions().find((o) => o.kind === "bepaid")!;
    expect(bepaid.fields.find((f) => f.name === "webhookPublicKey")).toMatchObject({ secret: false, optional: true, label: "Webhook public key (optional)" });
  });
});

describe("connection test", () => {
  it("reports bad credentials, then connected once fixed, for unsaved and saved values, and audits every test", async () => {
    const wrong = input({ credentials: { shopId: DEMO_CREDENTIALS.shopId, secretKey: WRONG_SECRET } });
    expect(await testGatewayAccountDraft(db, admin, wrong)).toMatchObject({ outcome: "bad_credentials" });
    expect(await testGatewayAccountDraft(db, admin, input())).toMatchObject({ outcome: "connected" });

    const saved = await createGatewayAccount(db, admin, input());
    expect(await testSavedGatewayAccount(db, admin, saved.id, "198.51.100.4")).toMatchObject({ outcome: "connected" });
    // An empty secret in the form falls back to the stored one, for the same URL.
    expect(await testGatewayAccountDraft(db, admin, input({ credentials: { shopId: DEMO_CREDENTIALS.shopId, secretKey: "" } }), saved.id)).toMatchObject({
      outcome: "connected",
    });
    expect(await testGatewayAccountDraft(db, admin, input({ baseUrl: "http://127.0.0.1:9/bepaid", timeoutSeconds: "1" }))).toMatchObject({ outcome: "unreachable" });
    const tests = await db.auditEvent.findMany({ where: { action: "gateway_account.connection_test", actorId: admin.id, targetId: saved.id }, orderBy: { createdAt: "asc" } });
    expect(tests.map((t) => [t.ip, (t.details as { outcome: string }).outcome])).toEqual([
      ["198.51.100.4", "connected"],
      [null, "connected"],
    ]);
  });
});

describe("gateway secrets stay where they were saved for (issue 13, finding 4)", () => {
  let received: string[];
  let thief: Server;
  let thiefUrl: string;
  beforeAll(async () => {
    received = [];
    thief = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push(`${req.headers.authorization ?? ""} ${body}`);
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((r) => thief.listen(0, "127.0.0.1", () => r()));
    thiefUrl = `http://127.0.0.1:${(thief.address() as AddressInfo).port}/bepaid`;
  });
  afterAll(() => thief.close());

  it("a changed URL with blank secret fields is refused at the secret, for a test and for a save, and nothing reaches the new URL", async () => {
    const saved = await createGatewayAccount(db, admin, input({ label: "Exfil target" }));
    const blank = input({ baseUrl: thiefUrl, credentials: { shopId: DEMO_CREDENTIALS.shopId, secretKey: "" } });
    const test = await testGatewayAccountDraft(db, admin, blank, saved.id).catch((e: unknown) => e);
    expect(test).toBeInstanceOf(CredentialsError);
    expect((test as CredentialsError).fieldErrors).toEqual({ "credentials.secretKey": expect.stringMatching(/The URL changed: enter this secret again/) });
    await expect(updateGatewayAccount(db, admin, saved.id, blank)).rejects.toBeInstanceOf(CredentialsError);
    expect(received).toEqual([]);
    expect((await getGatewayAccount(db, saved.id)).baseUrl).toBe(`${sandbox.url}/bepaid`);
    const secret = Buffer.from(`${DEMO_CREDENTIALS.shopId}:${DEMO_CREDENTIALS.secretKey}`).toString("base64");
    expect(received.join("")).not.toContain(secret);
  });

  it("a live account takes only https to the gateway's own host, unless the operator allows another", async () => {
    const live = (baseUrl: string) => input({ mode: "live", confirmLive: true, baseUrl });
    await expect(createGatewayAccount(db, admin, live("http://gateway.bepaid.by"))).rejects.toMatchObject({ field: "baseUrl", message: expect.stringMatching(/https:\/\//) });
    await expect(createGatewayAccount(db, admin, live("https://collector.evil.test"))).rejects.toMatchObject({ field: "baseUrl", message: expect.stringMatching(/KEYED_GATEWAY_HOSTS/) });
    await expect(testGatewayAccountDraft(db, admin, live(thiefUrl))).rejects.toMatchObject({ field: "baseUrl" });
    expect(received).toEqual([]);
    await expect(createGatewayAccount(db, admin, live("https://gateway.bepaid.by"))).resolves.toMatchObject({ mode: "live" });
    process.env.KEYED_GATEWAY_HOSTS = "bepaid-proxy.merchant.example";
    try {
      await expect(createGatewayAccount(db, admin, live("https://bepaid-proxy.merchant.example"))).resolves.toMatchObject({ mode: "live" });
    } finally {
      delete process.env.KEYED_GATEWAY_HOSTS;
    }
  });
});

describe("default account and live mode", () => {
  it("keeps exactly one default among active accounts", async () => {
    const first = await createGatewayAccount(db, admin, input({ label: "First" }));
    expect(first.isDefault).toBe(true); // the first active account becomes the default
    const second = await createGatewayAccount(db, admin, input({ label: "Second", isDefault: true }));
    const defaults = async () => (await listGatewayAccounts(db)).filter((a) => a.isDefault && a.active).map((a) => a.label);
    expect(await defaults()).toEqual(["Second"]);

    await expect(updateGatewayAccount(db, admin, second.id, input({ label: "Second", isDefault: false }))).rejects.toMatchObject({ field: "isDefault" });
    await setGatewayAccountActive(db, admin, second.id, false);
    expect(await defaults()).toEqual(["First"]);
    const events = await auditFor(second.id);
    expect(events.at(-1)).toMatchObject({ action: "gateway_account.deactivate", details: { newDefault: { id: first.id } } });
  });

  it("refuses a switch to live without confirmation and records a confirmed one", async () => {
    const account = await createGatewayAccount(db, admin, input());
    const live = { mode: "live" as const, baseUrl: "https://gateway.bepaid.by" };
    await expect(updateGatewayAccount(db, admin, account.id, input(live))).rejects.toMatchObject({ field: "confirmLive" });
    expect((await getGatewayAccount(db, account.id)).mode).toBe("test");

    await updateGatewayAccount(db, admin, account.id, input({ ...live, confirmLive: true }));
    const actions = (await auditFor(account.id)).map((e) => e.action);
    expect(actions).toEqual(["gateway_account.create", "gateway_account.update", "gateway_account.mode_live"]);
  });

  it("does not let an account change its gateway", async () => {
    const account = await createGatewayAccount(db, admin, input());
    const err = await updateGatewayAccount(db, admin, account.id, input({ kind: "bluepay" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as ServiceError).field).toBe("kind");
  });
});

describe("audit of gateway account changes", () => {
  it("names the changed fields and never holds a secret value", async () => {
    const account = await createGatewayAccount(db, admin, input());
    await updateGatewayAccount(db, admin, account.id, input({ label: "bePaid USD", maxAmount: "100", credentials: { shopId: "21001", secretKey: WRONG_SECRET } }));
    const events = await auditFor(account.id);
    expect(events.map((e) => e.action)).toEqual(["gateway_account.create", "gateway_account.update"]);
    const update = events[1]!;
    expect(update.actorEmail).toBe(admin.email);
    expect(update.details).toMatchObject({
      changes: {
        label: { from: "bePaid main", to: "bePaid USD" },
        maxAmount: { from: 250050, to: 10000 },
        "credentials.shopId": { from: "21000", to: "21001" },
      },
      secretsReplaced: ["secretKey"],
    });
    const all = JSON.stringify(events);
    expect(all).not.toContain(DEMO_CREDENTIALS.secretKey);
    expect(all).not.toContain(WRONG_SECRET);
  });

  it("writes no update event when nothing changed", async () => {
    const account = await createGatewayAccount(db, admin, input());
    await updateGatewayAccount(db, admin, account.id, input({ credentials: { shopId: DEMO_CREDENTIALS.shopId, secretKey: DEMO_CREDENTIALS.secretKey } }));
    expect((await auditFor(account.id)).map((e) => e.action)).toEqual(["gateway_account.create"]);
  });
});
