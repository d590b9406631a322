// `jejaring serve [--port N] [--host H] [--data-dir D | --memory]`: the API on PostgreSQL (DATABASE_URL) or embedded PGlite.
import { parseArgs } from 'node:util';
import { startServer, type RunningServer } from '../../api/server.js';

/** Default PGlite data directory when neither JEJARING_DATA_DIR nor --data-dir/--memory is given. */
export const DEFAULT_DATA_DIR = '.jejaring/pglite';

export interface ServeFlags {
  readonly port?: number;
  readonly host?: string;
  readonly dataDir?: string;
  readonly memory: boolean;
  readonly demo: boolean;
}

export function parseServeArgs(args: string[]): ServeFlags {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      memory: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error(`--port must be a port number, got ${values.port}`);
  return { port, host: values.host, dataDir: values['data-dir'], memory: values.memory ?? false, demo: values.demo ?? false };
}

/** The database options `serve` uses: DATABASE_URL wins, else PGlite in --data-dir / JEJARING_DATA_DIR / the default dir. */
export function databaseOf(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): { databaseUrl?: string; dataDir?: string } {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  if (flags.memory) return {};
  return { dataDir: flags.dataDir ?? (env.JEJARING_DATA_DIR || DEFAULT_DATA_DIR) };
}

/** Starts the API (helper modules extend this with dispatch and the demo); resolves when the server is listening. */
export async function serve(flags: ServeFlags): Promise<RunningServer> {
  return startServer({ port: flags.port, host: flags.host, database: databaseOf(flags) });
}

export async function run(args: string[]): Promise<number> {
  let flags: ServeFlags;
  try {
    flags = parseServeArgs(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: jejaring serve [--port N] [--host H] [--data-dir DIR | --memory] [--demo]\n`);
    return 2;
  }
  const server = await serve(flags);
  process.stdout.write(`jejaring API on ${server.url} (docs ${server.url}/docs, backend ${server.app.db.kind})\n`);
  await server.closed;
  return 0;
}
