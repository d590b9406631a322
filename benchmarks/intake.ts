// `jejaring bench intake [--json]`: orders as customers place them. (1) The shopping-list parser on the fixture test set
// (both halves, and the later set in other styles on its own: precision and recall per field, items right, messages/s); (2) the WhatsApp webhook over HTTP on
// PostgreSQL (DATABASE_URL, a fresh schema; PGlite when unset): signed notifications, a third of them retried and some
// retried concurrently, then counted: messages stored, lost, duplicated; (3) 1,000 concurrent package orders against
// 100 packages (all in flight at once, in process): sold, oversold, stock left.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ShoppingListParser, readTestSet, scoreTestSet, type TestMessage, type TestSetScore } from '../engine/index.js';
import { PACKAGE_ROOT } from '../api/package-root.js';
import { codeVersion } from './code-version.js';

const ROOT = PACKAGE_ROOT;
const FIXTURES = join(ROOT, 'fixtures/intake');
type CatalogueFile = { stalls: { code: string; name: string; items: [string, string, string, number, number][] }[] };


const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

/** CPU (ms) each PostgreSQL backend of this benchmark's pool has used, by process id; null when the server is not local (no /proc entry). */
async function backendCpuMs(db: { query<T>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }> }, appName: string): Promise<Map<number, number> | null> {
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`, [appName]);
  const used = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      used.set(pid, (Number(fields[11]) + Number(fields[12])) * 10); // utime + stime in clock ticks of 10 ms
    } catch {
      return null;
    }
  }
  return used;
}

interface ParserRow { half: string; score: TestSetScore; messagesPerS: number; cpuMs: number }

function measureParser(catalogue: CatalogueFile, half: string, messages: TestMessage[]): ParserRow {
  const entries = catalogue.stalls.flatMap((s) => s.items.map(([id, name, unit, priceRp]) => ({ id, name, unit, priceRp })));
  const parser = new ShoppingListParser(entries);
  const parsed = messages.map((m) => parser.parse(m.text));
  const rounds = 20;
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let r = 0; r < rounds; r++) for (const m of messages) parser.parse(m.text);
  const wallS = (performance.now() - t) / 1000;
  return { half, score: scoreTestSet(messages, parsed), messagesPerS: Math.round((rounds * messages.length) / wallS), cpuMs: cpuMs(cpu) };
}

interface WebhookRow {
  backend: string; messages: number; requests: number; retries: number; concurrency: number; wallS: number; messagesPerS: number;
  stored: number; lost: number; duplicated: number; draftsMessageCount: number; non2xx: number; serverCpuMs: number;
  /** Process CPU (server and load generator) per message sent: the figure a loaded machine changes least. */
  cpuMsPerMessage: number;
  /** CPU of the PostgreSQL backends serving the pool during the run (null on PGlite or a remote server). */
  databaseCpuMs: number | null;
}
interface PackagesRow { backend: string; orders: number; stock: number; sold: number; soldOut: number; oversold: number; stockLeft: number; other: number; wallS: number }

/** Seeds a market with the fixture catalogue and a WhatsApp channel; runs the webhook and package measurements. */
async function measureServer(catalogue: CatalogueFile, texts: string[], options: { messages: number; concurrency: number; orders: number; stock: number }): Promise<{ webhook: WebhookRow; packages: PackagesRow }> {
  const [{ openDatabase }, { dropPgSchema }, { startServer }, { hubSignature }] = await Promise.all([
    import('../api/db/open-database.js'), import('../api/db/pg-database.js'), import('../api/server.js'), import('../api/whatsapp/signature.js'),
  ]);
  const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const schema = backend === 'postgres' ? `bench_intake_${randomBytes(5).toString('hex')}` : undefined;
  // The pool's backends are found by application name, to read their CPU from /proc when the server is local.
  const appName = schema ?? 'bench_intake';
  const databaseUrl = (() => {
    if (backend !== 'postgres') return undefined;
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set('application_name', appName);
    return url.toString();
  })();
  const db = await openDatabase(backend === 'postgres' ? { databaseUrl, schema, maxConnections: options.concurrency } : {});
  const server = await startServer({ db, port: 0, host: '127.0.0.1', logger: false, docs: false, rateLimit: false, handleSignals: false, secret: randomBytes(24).toString('hex') });
  try {
    const { app } = server;
    const { token } = await app.auth.issueToken({ role: 'admin', subjectId: 'usr_bench', ttlS: 3600 }, null);
    const headers = { authorization: `Bearer ${token}` };
    const must = async (method: 'POST' | 'PUT', url: string, payload: object, status = [200, 201]) => {
      const res = await app.inject({ method, url, headers, payload });
      if (!status.includes(res.statusCode)) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const market = await must('POST', '/v1/markets', { name: 'Pasar Santa', city: 'Jakarta Selatan', location: { lon: 106.8103, lat: -6.2381 }, service_radius_m: 5000 });
    for (const [k, stall] of catalogue.stalls.entries()) {
      const created = await must('POST', `/v1/markets/${market.id}/stalls`, { name: stall.name, stall_code: stall.code, location: { lon: 106.8103 + k * 0.0001, lat: -6.2381 } });
      await must('POST', `/v1/stalls/${created.id}/catalogue`, { items: stall.items.map(([, name, unit, price, weight]) => ({ name, unit, price_rp: price, weight_kg: weight })) });
    }
    const secret = 'bench-app-secret-0123';
    await must('PUT', `/v1/markets/${market.id}/whatsapp`, { phone_number_id: '100200300', verify_token: 'bench-verify', app_secret: secret, access_token: 'bench-access-token', api_base_url: 'http://127.0.0.1:9' });

    // Webhook: one message per notification; a third are sent again after the first round, a tenth twice at once.
    const bodies = Array.from({ length: options.messages }, (_, i) => JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '100200300' },
        contacts: [{ profile: { name: `Pelanggan ${i % 400}` }, wa_id: `62812${String(i % 400).padStart(7, '0')}` }],
        messages: [{ from: `62812${String(i % 400).padStart(7, '0')}`, id: `wamid.bench${i}`, timestamp: '1733468400', type: 'text', text: { body: texts[i % texts.length] } }] } }] }],
    }));
    const queue: number[] = [];
    bodies.forEach((_, i) => {
      queue.push(i);
      if (i % 10 === 0) queue.push(i); // a concurrent duplicate delivery
    });
    const retries = bodies.map((_, i) => i).filter((i) => i % 3 === 0);
    let non2xx = 0;
    const send = async (i: number) => {
      const res = await fetch(`${server.url}/whatsapp/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(bodies[i], secret) }, body: bodies[i] });
      await res.text();
      if (res.status !== 200) non2xx++;
    };
    const drain = async (items: number[]) => {
      let next = 0;
      await Promise.all(Array.from({ length: options.concurrency }, async () => {
        while (next < items.length) await send(items[next++]);
      }));
    };
    const dbBefore = backend === 'postgres' ? await backendCpuMs(db, appName) : null;
    const cpu = process.cpuUsage();
    const t = performance.now();
    await drain(queue);
    await drain(retries);
    const wallS = (performance.now() - t) / 1000;
    const serverCpuMs = cpuMs(cpu);
    const dbAfter = dbBefore ? await backendCpuMs(db, appName) : null;
    const databaseCpuMs = dbBefore && dbAfter ? [...dbAfter].reduce((sum, [pid, ms]) => sum + ms - (dbBefore.get(pid) ?? 0), 0) : null;
    const stored = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM whatsapp_messages WHERE id LIKE 'wamid.bench%'`)).rows[0].n;
    const distinct = (await db.query<{ n: number }>(`SELECT count(DISTINCT id)::int AS n FROM whatsapp_messages`)).rows[0].n;
    const counted = (await db.query<{ n: number }>(`SELECT coalesce(sum(message_count), 0)::int AS n FROM order_drafts`)).rows[0].n;
    const webhook: WebhookRow = {
      backend, messages: options.messages, requests: queue.length + retries.length, retries: queue.length + retries.length - options.messages, concurrency: options.concurrency,
      wallS, messagesPerS: Math.round(options.messages / wallS), stored, lost: options.messages - distinct, duplicated: stored - distinct + Math.max(0, counted - distinct),
      draftsMessageCount: counted, non2xx, serverCpuMs, cpuMsPerMessage: Math.round((serverCpuMs / options.messages) * 100) / 100, databaseCpuMs,
    };

    // Packages: N concurrent orders from N households against `stock` packages at one point.
    const point = await must('POST', `/v1/markets/${market.id}/distribution-points`, { name: 'Kantor Kelurahan Gandaria', location: { lon: 106.79, lat: -6.24 } });
    const pkg = await must('POST', `/v1/markets/${market.id}/packages`, { name: 'Paket sembako murah', price_rp: 50000, quota_per_household: 1, quota_period: 'week', stock: [{ point_id: point.id, quantity: options.stock }] });
    const t2 = performance.now();
    const codes = await Promise.all(Array.from({ length: options.orders }, async (_, i) => {
      // In process (no sockets): 1,000 requests in flight at once against the database pool.
      const res = await app.inject({ method: 'POST', url: `/v1/packages/${pkg.id}/orders`, headers, payload: { point_id: point.id, phone: `+62813${String(i).padStart(7, '0')}` } });
      return res.statusCode;
    }));
    const sold = (await db.query<{ n: number }>(`SELECT coalesce(sum(quantity), 0)::int AS n FROM package_orders WHERE package_id = $1`, [pkg.id])).rows[0].n;
    const left = (await db.query<{ stock_left: number }>(`SELECT stock_left FROM package_stock WHERE package_id = $1`, [pkg.id])).rows[0].stock_left;
    const packages: PackagesRow = {
      backend, orders: options.orders, stock: options.stock, sold, soldOut: codes.filter((c) => c === 409).length, oversold: Math.max(0, sold - options.stock),
      stockLeft: left, other: codes.filter((c) => c !== 201 && c !== 409).length, wallS: (performance.now() - t2) / 1000,
    };
    return { webhook, packages };
  } finally {
    await server.close();
    if (schema) await dropPgSchema(process.env.DATABASE_URL!, schema);
  }
}

function markdown(parser: ParserRow[], webhook: WebhookRow, packages: PackagesRow, notes: string[]): string {
  const field = (r: ParserRow, f: keyof TestSetScore['fields']) => `${r.score.fields[f].precisionPct} / ${r.score.fields[f].recallPct}`;
  return [
    '# Intake benchmark (`jejaring bench intake`)', '',
    '## Shopping-list parser (fixtures/intake)', '',
    '| half | messages | items | items right | precision / recall: item | quantity | address | landmark | messages/s (one core) |',
    '|---|---:|---:|---:|---|---|---|---|---:|',
    ...parser.map((r) => `| ${r.half} | ${r.score.messages} | ${r.score.expectedItems} | ${r.score.itemAccuracyPct} % | ${field(r, 'item')} | ${field(r, 'quantity')} | ${field(r, 'address')} | ${field(r, 'landmark')} | ${r.messagesPerS.toLocaleString('en')} |`),
    '', ...['holdout', 'styles'].map((half) => `Misses (${half}): ` + (parser.find((r) => r.half === half)?.score.misses.map((m) => `${m.id} (want ${m.expected}; got ${m.got})`).join('; ') || 'none')), '',
    `## WhatsApp webhook (${webhook.backend}, HTTP over loopback, ${webhook.concurrency} connections)`, '',
    '| messages | requests (with retries) | wall | messages/s | server process CPU | CPU per message | database CPU | stored | lost | duplicated | non-200 |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${webhook.messages} | ${webhook.requests} | ${webhook.wallS.toFixed(1)} s | ${webhook.messagesPerS} | ${(webhook.serverCpuMs / 1000).toFixed(1)} s | ${webhook.cpuMsPerMessage} ms | ${webhook.databaseCpuMs === null ? 'n/a' : `${(webhook.databaseCpuMs / 1000).toFixed(1)} s`} | ${webhook.stored} | ${webhook.lost} | ${webhook.duplicated} | ${webhook.non2xx} |`,
    '', `## Subsidised packages (${packages.backend})`, '',
    '| concurrent orders | stock | sold | sold_out answers | oversold | stock left | other answers | wall |', '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${packages.orders} | ${packages.stock} | ${packages.sold} | ${packages.soldOut} | ${packages.oversold} | ${packages.stockLeft} | ${packages.other} | ${packages.wallS.toFixed(1)} s |`,
    '', ...notes.map((n) => `- ${n}`), '',
  ].join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, messages: { type: 'string', default: '2000' }, orders: { type: 'string', default: '1000' }, stock: { type: 'string', default: '100' }, concurrency: { type: 'string', default: '16' }, out: { type: 'string' } } });
  const loadAtStart = loadavg()[0];
  const catalogue = JSON.parse(readFileSync(join(FIXTURES, 'catalogue.json'), 'utf8')) as CatalogueFile;
  const halves = ['dev', 'holdout'].map((half) => ({ half, messages: readTestSet(readFileSync(join(FIXTURES, `messages-${half}.txt`), 'utf8')) }));
  const parser = halves.map(({ half, messages }) => measureParser(catalogue, half, messages));
  const all = measureParser(catalogue, 'both', halves.flatMap((h) => h.messages));
  parser.push(all);
  // Written later, by someone else, in other styles; kept apart from the two halves (and from `both`).
  const styles = measureParser(catalogue, 'styles', readTestSet(readFileSync(join(FIXTURES, 'messages-styles.txt'), 'utf8')));
  parser.push(styles);
  for (const r of parser) process.stdout.write(`parser ${r.half}: ${r.score.itemAccuracyPct} % of ${r.score.expectedItems} items right, ${r.messagesPerS} messages/s\n`);
  const { webhook, packages } = await measureServer(catalogue, halves.flatMap((h) => h.messages.map((m) => m.text)), {
    messages: Number(values.messages), concurrency: Number(values.concurrency), orders: Number(values.orders), stock: Number(values.stock),
  });
  process.stdout.write(`webhook ${webhook.backend}: ${webhook.messagesPerS} messages/s, ${webhook.lost} lost, ${webhook.duplicated} duplicated of ${webhook.messages} (${webhook.requests} requests)\n`);
  process.stdout.write(`packages: ${packages.sold} sold of ${packages.stock} to ${packages.orders} concurrent orders, ${packages.oversold} oversold, ${packages.stockLeft} left\n`);
  const notes = [
    `parser speed: ${20} rounds over the set on one thread; the webhook server and its load generator share one process (the server CPU column counts both)`,
    'database CPU: user + system time of the PostgreSQL backends serving the benchmark\'s pool (from /proc; local server only)',
    'webhook: one message per notification, every tenth delivered twice at once, every third delivered again after the first pass; lost = sent ids missing in whatsapp_messages; duplicated = extra rows or drafts counting a message twice',
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} shared with other work, Node ${process.version}, code ${codeVersion()}, load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`,
  ];
  const summary = {
    itemAccuracyPct: all.score.itemAccuracyPct,
    itemAccuracyDevPct: parser[0].score.itemAccuracyPct,
    itemAccuracyHoldoutPct: parser[1].score.itemAccuracyPct,
    itemAccuracyStylesPct: styles.score.itemAccuracyPct,
    fields: Object.fromEntries(Object.entries(all.score.fields).map(([k, v]) => [k, { precisionPct: v.precisionPct, recallPct: v.recallPct }])),
    parserMessagesPerS: all.messagesPerS,
    messagesPerS: webhook.messagesPerS,
    webhookCpuMsPerMessage: webhook.cpuMsPerMessage,
    webhookDatabaseCpuMsPerMessage: webhook.databaseCpuMs === null ? null : Math.round((webhook.databaseCpuMs / webhook.messages) * 100) / 100,
    webhookBackend: webhook.backend,
    messagesLost: webhook.lost,
    messagesDuplicated: webhook.duplicated,
    packagesSold: packages.sold,
    packagesOversold: packages.oversold,
    packagesStockLeft: packages.stockLeft,
    loadAverage: loadAtStart,
  };
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'intake.json'), `${JSON.stringify({ summary, parser: parser.map((r) => ({ ...r, score: { ...r.score, misses: r.half === 'both' ? undefined : r.score.misses } })), webhook, packages, notes }, null, 2)}\n`);
  writeFileSync(join(outDir, 'intake.md'), markdown(parser, webhook, packages, notes));
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return webhook.lost === 0 && webhook.duplicated === 0 && packages.oversold === 0 ? 0 : 1;
}
