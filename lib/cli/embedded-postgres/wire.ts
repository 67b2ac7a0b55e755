// The few pieces of the PostgreSQL wire protocol the embedded front needs: framing the client's
// messages, renaming prepared statements per connection, and reading the transaction status that
// ends a reply. https://www.postgresql.org/docs/current/protocol-message-formats.html
const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

export type FrontendMessage =
  | { kind: "startup"; bytes: Buffer }
  | { kind: "ssl-request" }
  | { kind: "cancel-request" }
  | { kind: "typed"; type: string; bytes: Buffer };

/**
 * Splits the next complete message off `buffer`. Before the startup message is through, messages
 * have no type byte (`started` false). Returns undefined until a whole message has arrived.
 */
export function nextMessage(buffer: Buffer, started: boolean): { message: FrontendMessage; rest: Buffer } | undefined {
  if (!started) {
    if (buffer.length < 8) return undefined;
    const length = buffer.readInt32BE(0);
    if (buffer.length < length) return undefined;
    const code = buffer.readInt32BE(4);
    const bytes = buffer.subarray(0, length);
    const rest = buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) return { message: { kind: "ssl-request" }, rest };
    if (code === CANCEL_REQUEST) return { message: { kind: "cancel-request" }, rest };
    if (code !== PROTOCOL_3) throw new Error(`unsupported protocol version ${code}`);
    return { message: { kind: "startup", bytes: Buffer.from(bytes) }, rest };
  }
  if (buffer.length < 5) return undefined;
  const length = 1 + buffer.readInt32BE(1);
  if (buffer.length < length) return undefined;
  return { message: { kind: "typed", type: String.fromCharCode(buffer[0]!), bytes: Buffer.from(buffer.subarray(0, length)) }, rest: buffer.subarray(length) };
}

function cString(buffer: Buffer, at: number): { value: string; end: number } {
  const end = buffer.indexOf(0, at);
  if (end < 0) throw new Error("malformed message: unterminated string");
  return { value: buffer.toString("utf8", at, end), end: end + 1 };
}

function frame(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const z = (s: string) => Buffer.from(`${s}\0`, "utf8");

/**
 * The message with every named prepared statement it mentions renamed by `rename` (the unnamed
 * statement, "", is left alone), and the statement it creates or closes, if any.
 * Parse (P), Bind (B), Describe (D) and Close (C) are the only messages that name statements.
 */
export function renameStatements(
  type: string,
  message: Buffer,
  rename: (name: string) => string,
): { bytes: Buffer; parsed?: string; closed?: string } {
  const body = message.subarray(5);
  const renamed = (name: string) => (name === "" ? "" : rename(name));
  switch (type) {
    case "P": {
      const name = cString(body, 0);
      if (name.value === "") return { bytes: message };
      return { bytes: frame("P", Buffer.concat([z(renamed(name.value)), body.subarray(name.end)])), parsed: renamed(name.value) };
    }
    case "B": {
      const portal = cString(body, 0);
      const statement = cString(body, portal.end);
      if (statement.value === "") return { bytes: message };
      return { bytes: frame("B", Buffer.concat([body.subarray(0, portal.end), z(renamed(statement.value)), body.subarray(statement.end)])) };
    }
    case "D":
    case "C": {
      if (body[0] !== 0x53 /* 'S': a statement, not a portal */) return { bytes: message };
      const name = cString(body, 1);
      if (name.value === "") return { bytes: message };
      const bytes = frame(type, Buffer.concat([body.subarray(0, 1), z(renamed(name.value))]));
      return type === "C" ? { bytes, closed: renamed(name.value) } : { bytes };
    }
    default:
      return { bytes: message };
  }
}

/**
 * The transaction status of the last ReadyForQuery in a backend reply: "I" idle, "T" in a
 * transaction, "E" in a failed transaction; undefined when the reply has none (the client is in the
 * middle of an extended-protocol batch, before its Sync).
 */
export function lastReadyStatus(reply: Buffer): "I" | "T" | "E" | undefined {
  let status: "I" | "T" | "E" | undefined;
  for (let at = 0; at + 5 <= reply.length; ) {
    const length = reply.readInt32BE(at + 1);
    if (reply[at] === 0x5a /* 'Z' */ && at + 5 < reply.length) status = String.fromCharCode(reply[at + 5]!) as "I" | "T" | "E";
    at += 1 + length;
  }
  return status;
}

/** A Sync message: ends whatever extended-protocol batch a vanished client left half-sent. */
export const SYNC = frame("S", Buffer.alloc(0));
