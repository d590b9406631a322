// A throwaway PostgreSQL cluster for fault tests that stop and start the server: initdb into a temp dir, run on a
// free loopback port (socket in the temp dir), as the `postgres` OS user when the tests run as root. Never touches
// the machine's shared PostgreSQL.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pgClient from 'pg';

const run = promisify(execFile);

/** The PostgreSQL binaries directory (initdb, pg_ctl), or null when none is installed. */
export function findPgBin(): string | null {
  for (const version of ['17', '16', '15', '14']) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  readonly port: number;
  /** Starts the server and waits until it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: open sessions are cut, the server is down when this resolves. */
  stop(): Promise<void>;
  /** Stops the server if it runs and removes the temp dir (safe to call twice). */
  destroy(): Promise<void>;
}

/** initdb + first start + PostGIS in the `postgres` database; the caller must `destroy()` it (afterAll), even when the test failed. */
export async function startPrivatePostgres(binDir: string): Promise<PrivatePostgres> {
  const asRoot = process.getuid?.() === 0;
  // As root the postgres user must reach the dir: /tmp, not a TMPDIR under root's home. Short too (socket path limit).
  const dir = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'jejaring-pg-'));
  const dataDir = join(dir, 'data');
  if (asRoot) {
    // PostgreSQL refuses to run as root: the cluster belongs to the postgres OS user.
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) => asRoot
    ? run('runuser', ['-u', 'postgres', '--', join(binDir, tool), ...args], { timeout: 60_000 })
    : run(join(binDir, tool), args, { timeout: 60_000 });
  const port = await freePort();
  let running = false;
  let destroyed = false;
  const handle: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
      await pg('pg_ctl', ['start', '-w', '-t', '30', '-D', dataDir, '-l', join(dir, 'server.log'), '-o', opts]);
      running = true;
    },
    async stop() {
      await pg('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dataDir]);
      running = false;
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      if (running) await pg('pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', dataDir]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await handle.start();
    const setup = new pgClient.Client({ connectionString: handle.url });
    await setup.connect();
    try {
      await setup.query('CREATE EXTENSION IF NOT EXISTS postgis');
    } finally {
      await setup.end();
    }
  } catch (error) {
    await handle.destroy();
    throw error;
  }
  return handle;
}
