/** A fixed 32-byte key for tests only (base64 of "keyed-test-encryption-key-32-byt"). Never used outside tests. */
export const TEST_ENCRYPTION_KEY = Buffer.from("keyed-test-encryption-key-32-byt").toString("base64");
