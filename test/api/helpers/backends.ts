// Runs an API suite on PGlite always and on PostgreSQL when DATABASE_URL is set: the worker's one database of each
// (PGlite in memory, a private PostgreSQL schema), taken back freshly migrated by each file; tables truncated between
// tests, one app per suite.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { buildApp, type BuildAppOptions } from '../../../api/app.js';
import type { BackendKind, Database } from '../../../api/db/database.js';
import { truncateAll } from './reset-database.js';
import { sharedSchemaCompilers } from './schema-compilers.js';
import { workerPglite, workerPostgres } from './worker-database.js';

export { truncateAll } from './reset-database.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef';

/** What a suite gets: the database and an app on it (both ready before the first test). */
export interface BackendContext {
  readonly kind: BackendKind;
  readonly db: Database;
  readonly app: FastifyInstance;
  /** Builds another app on the same database (e.g. with tight rate limits); closed after the file. */
  buildApp(options?: Omit<BuildAppOptions, 'db'>): Promise<FastifyInstance>;
}

/** The back ends this run covers. */
export function backendKinds(): BackendKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * What one test file opened. Test files may run one after another in a process that keeps this module loaded, so
 * the state lives here from the file's first suite until its teardown, never across files.
 */
interface FileResources {
  readonly databases: Map<BackendKind, Promise<Database>>;
  readonly apps: FastifyInstance[];
}

let current: FileResources | undefined;

function resources(): FileResources {
  current ??= { databases: new Map(), apps: [] };
  return current;
}

/** One database per backend for the whole test file: the worker's, emptied when the file first asks for it. */
function fileDatabase(kind: BackendKind): Promise<Database> {
  const { databases } = resources();
  let pending = databases.get(kind);
  if (!pending) {
    pending = kind === 'pglite' ? workerPglite() : workerPostgres();
    databases.set(kind, pending);
  }
  return pending;
}

/** Closes the file's apps; the worker's databases stay for the next file. */
async function teardown(): Promise<void> {
  const finished = current;
  current = undefined;
  if (!finished) return;
  await Promise.all(finished.apps.splice(0).map((app) => app.close()));
}

/** `describe(name [backend])` once per backend; `fn` registers tests that use `ctx`. */
export function describeEachBackend(name: string, fn: (ctx: BackendContext) => void): void {
  // Registered with every call: the first to run after the file's last test does the work, the rest find nothing.
  afterAll(teardown);
  for (const kind of backendKinds()) {
    describe(`${name} [${kind}]`, () => {
      let db: Database | undefined;
      let app: FastifyInstance | undefined;
      const make = async (options: Omit<BuildAppOptions, 'db'> = {}) => {
        const built = await buildApp({ secret: TEST_SECRET, docs: false, logger: process.env.TEST_LOG ? { level: 'error' } : false, schemaCompilers: sharedSchemaCompilers(), ...options, db: db! });
        await built.ready();
        resources().apps.push(built);
        return built;
      };
      const ctx: BackendContext = {
        kind,
        get db() {
          return db!;
        },
        get app() {
          return app!;
        },
        buildApp: make,
      };
      beforeAll(async () => {
        db = await fileDatabase(kind);
        app = await make({ rateLimit: false });
      });
      beforeEach(async () => {
        await truncateAll(db!);
        for (const built of resources().apps) built.auth.forgetAll();
      });
      fn(ctx);
    });
  }
}
