// A PostgreSQL wire-protocol front for PGlite that gives every client connection its own session,
// as far as an application can tell.
//
// Why not PGLiteSocketServer: PGlite is PostgreSQL in single-user mode — ONE backend session. The
// socket server of @electric-sql/pglite-socket passes each connection's messages into that one
// session one message at a time, so whatever is scoped to a session is shared by every connection:
// a named prepared statement one pool connection created makes the next connection's PREPARE of
// the same name fail ("prepared statement … already exists", issue 12), and another connection's
// Parse/Bind can land between one connection's Parse and its Bind. Here:
//  - a connection owns the backend from its first message until the backend is idle again (a
//    ReadyForQuery with status "I"): an extended-protocol batch or a transaction is never interleaved
//    with another connection's messages; the others wait their turn;
//  - named prepared statements are renamed per connection (c<id>_<name>), so names cannot collide,
//    and a closed connection's statements are deallocated and its open transaction rolled back;
//  - a connection that waits too long for another's transaction is closed with the cause in the log,
//    rather than hanging (what waits behind an open transaction is, on PGlite, a deadlock).
// Not emulated: SET, temporary tables, LISTEN and session advisory locks stay shared; the app uses none.
import type { PGlite } from "@electric-sql/pglite";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { lastReadyStatus, nextMessage, renameStatements, SYNC } from "./wire";

/** How long a connection may wait for another connection's open transaction before it is closed. */
const DEFAULT_LOCK_WAIT_MS = 30_000;

interface Waiter {
  id: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** Who owns the one backend session, and who waits for it (first come, first served). */
class SessionOwner {
  private owner: number | null = null;
  private readonly waiters: Waiter[] = [];

  get current(): number | null {
    return this.owner;
  }

  acquire(id: number, timeoutMs: number): Promise<void> {
    if (this.owner === null || this.owner === id) {
      this.owner = id;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        id,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const holder = this.owner;
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`connection ${id} waited ${timeoutMs / 1000} s for connection ${holder}'s open transaction`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  release(id: number): void {
    if (this.owner !== id) return;
    const next = this.waiters.shift();
    this.owner = next ? next.id : null;
    next?.resolve();
  }

  /** A closed connection stops waiting. */
  forget(id: number): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i]!.id === id) this.waiters.splice(i, 1)[0]!.reject(new Error("connection closed"));
    }
  }
}

export interface EmbeddedServerOptions {
  host: string;
  port: number;
  lockWaitMs?: number;
  log?: (line: string) => void;
}

export class EmbeddedPostgresServer {
  private readonly session = new SessionOwner();
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  private nextId = 1;
  private stopping = false;
  /** The backend's answer to the first startup message, given to every later connection. */
  private startupReply?: Buffer;

  constructor(
    private readonly db: PGlite,
    private readonly opts: EmbeddedServerOptions,
  ) {}

  /** Listens; resolves with the port (the one asked for, or the one the system chose for port 0). */
  start(): Promise<number> {
    const server = createServer((socket) => this.serve(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off("error", reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private serve(socket: Socket): void {
    const id = this.nextId++;
    const statements = new Set<string>();
    let buffer: Buffer = Buffer.alloc(0);
    let started = false;
    let closed = false;
    // Messages of one connection run strictly in order, one at a time.
    let chain = Promise.resolve();
    this.sockets.add(socket);
    socket.setNoDelay(true);

    const fail = (err: Error) => {
      if (closed) return;
      this.opts.log?.(`embedded PostgreSQL: closing connection ${id}: ${err.message}`);
      socket.destroy();
    };

    const run = async (bytes: Buffer): Promise<Buffer> => {
      await this.session.acquire(id, this.opts.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
      // Each chunk is a view of a buffer PGlite reuses for its next output: copy it now.
      const chunks: Buffer[] = [];
      await this.db.runExclusive(() => this.db.execProtocolRawStream(new Uint8Array(bytes), { onRawData: (c) => void chunks.push(Buffer.from(c)) }));
      const reply = Buffer.concat(chunks);
      if (!closed && reply.length) socket.write(reply);
      if (lastReadyStatus(reply) === "I") this.session.release(id);
      return reply;
    };

    const handle = async (): Promise<void> => {
      for (;;) {
        const next = nextMessage(buffer, started);
        if (!next) return;
        buffer = next.rest;
        const { message } = next;
        if (message.kind === "ssl-request") {
          socket.write("N");
        } else if (message.kind === "cancel-request") {
          socket.end();
          return;
        } else if (message.kind === "startup") {
          started = true;
          // The one backend session started long ago: a new connection must not wait for another's
          // transaction to be told so (nor be told that transaction's status).
          if (this.startupReply) socket.write(this.startupReply);
          else this.startupReply = await run(message.bytes);
        } else if (message.type === "X") {
          socket.end();
          return;
        } else {
          const out = renameStatements(message.type, message.bytes, (name) => `c${id}_${name}`);
          if (out.parsed) statements.add(out.parsed);
          if (out.closed) statements.delete(out.closed);
          await run(out.bytes);
        }
      }
    };

    socket.on("data", (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      chain = chain.then(handle).catch(fail);
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      this.sockets.delete(socket);
      this.session.forget(id);
      chain = chain.then(() => this.cleanUp(id, statements)).catch((err: Error) => this.opts.log?.(`embedded PostgreSQL: cleaning up connection ${id}: ${err.message}`));
    });
  }

  /** Leaves the backend as the next connection expects it: no batch, transaction or statement of a closed one's. */
  private async cleanUp(id: number, statements: Set<string>): Promise<void> {
    if (this.stopping || (this.session.current !== id && !statements.size)) return;
    await this.session.acquire(id, Number.MAX_SAFE_INTEGER);
    try {
      // A client that vanished mid-batch left the backend skipping messages until a Sync.
      await this.db.runExclusive(() => this.db.execProtocolRaw(new Uint8Array(SYNC)));
      // PGlite's own exec takes its query lock itself: not inside runExclusive.
      if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
      for (const name of statements) {
        // A statement whose Parse failed was never created: nothing to deallocate.
        await this.db.exec(`DEALLOCATE "${name.replaceAll('"', '""')}"`).catch(() => {});
      }
    } finally {
      this.session.release(id);
    }
  }
}
