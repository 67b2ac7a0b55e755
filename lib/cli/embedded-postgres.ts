// The zero-setup database: PostgreSQL compiled to WebAssembly (PGlite), served over the
// PostgreSQL wire protocol so the app, Prisma and migrations use it exactly like a server.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { mkdirSync } from "node:fs";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(opts: { dataDir?: string; port: number }): Promise<EmbeddedPostgres> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const db = opts.dataDir ? await PGlite.create(opts.dataDir) : await PGlite.create();
  // The socket server queues queries on one PGlite instance; it must accept the pool's connections.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: opts.port, maxConnections: 20 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${opts.port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
