// Puts a test database back to its freshly migrated contents: every project table emptied, its identity sequences
// restarted, the migrations' own rows restored. Only tables a test touched are truncated (TRUNCATE costs per table).
import type { Database } from '../../../api/db/database.js';

interface Layout {
  /** Project tables: not schema_migrations, not extension tables (PostGIS's spatial_ref_sys). */
  readonly tables: readonly string[];
  /** One statement naming the tables that hold rows or whose owned sequences have been used. */
  readonly dirtySql: string;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const literal = (name: string): string => `'${name.replaceAll("'", "''")}'`;

async function readLayout(db: Database): Promise<Layout> {
  const result = await db.query<{ name: string; sequences: string[] }>(
    `SELECT c.relname::text AS name,
            coalesce(array_agg(s.relname::text ORDER BY s.relname) FILTER (WHERE s.relname IS NOT NULL), '{}'::text[]) AS sequences
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_depend d ON d.refobjid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
     LEFT JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e')
     GROUP BY c.relname ORDER BY c.relname`,
  );
  const tables = result.rows.map((r) => r.name);
  const dirtySql = result.rows
    .map((r) => {
      const used = r.sequences.map((s) => ` OR (SELECT is_called FROM ${quote(s)})`).join('');
      return `SELECT ${literal(r.name)} AS name WHERE EXISTS (SELECT 1 FROM ${quote(r.name)})${used}`;
    })
    .join(' UNION ALL ');
  return { tables, dirtySql };
}

const layouts = new WeakMap<Database, Layout>();
/** Rows the migrations themselves inserted (e.g. an outbox cursor), by table: restored after each truncation. */
const seeds = new WeakMap<Database, Map<string, unknown[]>>();

/** Remembers the tables and the rows the migrations seeded; call once, right after migrating. */
export async function captureSeeds(db: Database): Promise<void> {
  const layout = await readLayout(db);
  const byTable = new Map<string, unknown[]>();
  for (const table of layout.tables) {
    const rows = await db.query<{ rows: unknown[] }>(`SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM ${quote(table)} t`);
    if (rows.rows[0].rows.length > 0) byTable.set(table, rows.rows[0].rows);
  }
  layouts.set(db, layout);
  seeds.set(db, byTable);
}

/**
 * TRUNCATE locks each table in turn; an app still running background work (a dispatch loop, a sweep) may hold one
 * of them while waiting for another, and PostgreSQL then aborts one side with a deadlock (40P01): try again.
 */
async function truncate(db: Database, tables: readonly string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.exec(`TRUNCATE ${tables.map(quote).join(', ')} RESTART IDENTITY CASCADE`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
    }
  }
}

/** Empties every project table a test wrote to (restarting its sequences), then puts back the seeded rows. */
export async function truncateAll(db: Database): Promise<void> {
  let layout = layouts.get(db);
  if (!layout) layouts.set(db, (layout = await readLayout(db)));
  if (layout.tables.length === 0) return;
  const dirty = (await db.query<{ name: string }>(layout.dirtySql)).rows.map((r) => r.name);
  if (dirty.length === 0) return;
  await truncate(db, dirty);
  for (const [table, rows] of seeds.get(db) ?? []) {
    if (!dirty.includes(table)) continue;
    await db.query(`INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`, [JSON.stringify(rows)]);
  }
}
