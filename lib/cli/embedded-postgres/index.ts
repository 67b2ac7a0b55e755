// The zero-setup database: PostgreSQL compiled to WebAssembly (PGlite), served over the
// PostgreSQL wire protocol (./server.ts) so the app, Prisma and migrations use it exactly like a server.
import { PGlite } from "@electric-sql/pglite";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EmbeddedPostgresServer } from "./server";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One process at a time may open a data folder: two PGlite instances writing the same files would
 * corrupt it. The lock is a pid file; one left by a process that is gone is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, "keyed.pid");
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const holder = Number(readFileSync(file, "utf8"));
    if (holder && holder !== process.pid && alive(holder)) {
      throw new Error(
        `the embedded database in ${dataDir} is in use by another Keyed (pid ${holder}): stop that one, or give this one its own folder with KEYED_DATA_DIR`,
      );
    }
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}

/** PGlite with its data in `dataDir` (in memory without one), served on 127.0.0.1:`port` (0: any free port). */
export async function startEmbeddedPostgres(opts: { dataDir?: string; port: number; lockWaitMs?: number }): Promise<EmbeddedPostgres> {
  let unlock = () => {};
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    unlock = lockDataDir(opts.dataDir);
  }
  try {
    const db = opts.dataDir ? await PGlite.create(opts.dataDir) : await PGlite.create();
    const server = new EmbeddedPostgresServer(db, { host: "127.0.0.1", port: opts.port, lockWaitMs: opts.lockWaitMs, log: (line) => console.error(line) });
    const port = await server.start().catch(async (err: NodeJS.ErrnoException) => {
      await db.close();
      throw err.code === "EADDRINUSE"
        ? new Error(`port ${opts.port} for the embedded database is taken by another program: stop it, or set PGLITE_PORT to a free port`)
        : err;
    });
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
      async stop() {
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
