// `jejaring bench startup [--runs N] [--label L] [--json]`: `jejaring serve` from spawn to its ready line with a warm
// graph cache, wall and CPU seconds, on PGlite in a data folder, PGlite in memory and PostgreSQL (DATABASE_URL), for the
// compiled build and the TypeScript sources. Writes benchmarks/results/startup[-L].{json,md}.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../api/package-root.js';

const BIN = join(PACKAGE_ROOT, 'bin/jejaring.js');
const READY_LINE = /jejaring API on (http\S+)/;
const START_TIMEOUT_MS = 600_000; // a first start initialises a PGlite data folder: slow on a busy machine

/** How the command is run: `dist` compiled JavaScript, `source` TypeScript through tsx (JEJARING_ENTRY of bin/jejaring.js). */
type Entry = 'dist' | 'source';
type Backend = 'pglite-data-dir' | 'pglite-memory' | 'postgres';

interface Run { readonly wallS: number; readonly cpuS: number; readonly rssMb: number }
interface CaseResult {
  readonly entry: Entry;
  readonly backend: Backend;
  readonly runs: readonly Run[];
  readonly medianWallS: number;
  readonly medianCpuS: number;
  readonly minWallS: number;
  readonly minCpuS: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Clock ticks per second of /proc/<pid>/stat (100 on Linux unless configured otherwise). */
function clockTicksPerS(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** User + system CPU seconds and resident memory of a live process, read from /proc (Linux). */
function processUsage(pid: number, ticksPerS: number): { cpuS: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the third (state) on
  const utime = Number(fields[11]), stime = Number(fields[12]), rssPages = Number(fields[21]);
  return { cpuS: (utime + stime) / ticksPerS, rssMb: (rssPages * 4096) / 2 ** 20 };
}

/** Starts `jejaring serve` once and measures it at its ready line, checks that /health answers, then stops it. */
async function startOnce(entry: Entry, backend: Backend, dataDir: string, databaseUrl: string | undefined, ticksPerS: number): Promise<Run> {
  const args = [BIN, 'serve', '--port', '0', ...(backend === 'pglite-data-dir' ? ['--data-dir', dataDir] : backend === 'pglite-memory' ? ['--memory'] : [])];
  const env: NodeJS.ProcessEnv = { ...process.env, JEJARING_ENTRY: entry };
  delete env.DATABASE_URL;
  if (backend === 'postgres') env.DATABASE_URL = databaseUrl;
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: PACKAGE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  try {
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no ready line within ${START_TIMEOUT_MS} ms:\n${out}`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer): void => {
        out += chunk.toString();
        const ready = READY_LINE.exec(out);
        if (ready) { clearTimeout(timer); done(ready[1]); }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`serve exited with ${code} before ready:\n${out}`)); });
    });
    const wallS = (performance.now() - started) / 1000;
    const usage = processUsage(child.pid!, ticksPerS);
    const health = await fetch(`${url}/health`);
    if (!health.ok) throw new Error(`GET /health answered ${health.status} after the ready line`);
    return { wallS: round3(wallS), cpuS: round3(usage.cpuS), rssMb: Math.round(usage.rssMb) };
  } finally {
    child.removeAllListeners('exit');
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

async function measureCase(entry: Entry, backend: Backend, runs: number, databaseUrl: string | undefined, say: (l: string) => void): Promise<CaseResult> {
  const ticksPerS = clockTicksPerS();
  const dataDir = mkdtempSync(join(tmpdir(), 'jejaring-startup-'));
  try {
    await startOnce(entry, backend, dataDir, databaseUrl, ticksPerS); // warm-up: graph cache, PGlite image, data folder migrated
    const measured: Run[] = [];
    for (let i = 0; i < runs; i++) measured.push(await startOnce(entry, backend, dataDir, databaseUrl, ticksPerS));
    const result: CaseResult = {
      entry, backend, runs: measured,
      medianWallS: round3(median(measured.map((r) => r.wallS))), medianCpuS: round3(median(measured.map((r) => r.cpuS))),
      minWallS: Math.min(...measured.map((r) => r.wallS)), minCpuS: Math.min(...measured.map((r) => r.cpuS)),
    };
    say(`${entry.padEnd(6)} ${backend.padEnd(15)} median ${result.medianWallS.toFixed(2)} s wall, ${result.medianCpuS.toFixed(2)} CPU-s (min ${result.minWallS.toFixed(2)} / ${result.minCpuS.toFixed(2)})`);
    return result;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function markdown(cases: readonly CaseResult[], meta: { label: string; runs: number; loadAverage: number; cores: number; targetS: number }): string {
  const rows = cases.map((c) => `| ${c.entry} | ${c.backend} | ${c.medianWallS.toFixed(2)} | ${c.medianCpuS.toFixed(2)} | ${c.minWallS.toFixed(2)} | ${c.minCpuS.toFixed(2)} | ${Math.max(...c.runs.map((r) => r.rssMb))} |`);
  return [
    `# jejaring serve start-up${meta.label ? ` (${meta.label})` : ''}`,
    '',
    `From spawn to the ready line (\`jejaring API on …\`, then one \`/health\` answer), warm graph cache, ${meta.runs} runs per case after one`,
    `warm-up run; CPU is user + system time of the server process at its ready line. ${meta.cores} cores, load average`,
    `${meta.loadAverage.toFixed(2)} (a shared machine inflates wall time; CPU time is the steadier number). Target: ready within ${meta.targetS} s.`,
    '',
    '| entry | database | median wall s | median CPU s | min wall s | min CPU s | RSS MB |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    '`dist`: compiled JavaScript (what `npm start` runs); `source`: the TypeScript through tsx. `pglite-data-dir`: embedded',
    'PGlite in a data folder (the default of `jejaring serve`); `pglite-memory`: `--memory`; `postgres`: `DATABASE_URL`.',
    '',
  ].join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    json: { type: 'boolean' }, runs: { type: 'string' }, label: { type: 'string' }, out: { type: 'string' },
    entries: { type: 'string' }, backends: { type: 'string' },
  } });
  const say = (line: string): void => { if (!values.json) process.stdout.write(`${line}\n`); };
  const runs = Number(values.runs ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  const databaseUrl = process.env.DATABASE_URL;
  const entries = (values.entries ?? (existsSync(join(PACKAGE_ROOT, 'dist/cli/main.js')) ? 'dist,source' : 'source')).split(',') as Entry[];
  const backends = (values.backends ?? `pglite-data-dir,pglite-memory${databaseUrl ? ',postgres' : ''}`).split(',') as Backend[];
  const loadAverage = loadavg()[0];
  say(`bench startup: ${cpus().length} cores, load average ${loadAverage.toFixed(2)}; ${runs} runs per case${databaseUrl ? '' : ' (set DATABASE_URL to add PostgreSQL)'}`);
  const cases: CaseResult[] = [];
  for (const entry of entries) for (const backend of backends) cases.push(await measureCase(entry, backend, runs, databaseUrl, say));
  const targetS = 3;
  const summary = Object.fromEntries(cases.map((c) => [`${c.entry}/${c.backend}`, { medianWallS: c.medianWallS, medianCpuS: c.medianCpuS }]));
  const name = values.label ? `startup-${values.label}` : 'startup';
  const outDir = values.out ?? join(PACKAGE_ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  const meta = { label: values.label ?? '', runs, loadAverage, cores: cpus().length, targetS };
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify({ ...meta, summary, cases }, null, 2)}\n`);
  writeFileSync(join(outDir, `${name}.md`), markdown(cases, meta));
  say(`wrote ${join(outDir, `${name}.md`)}`);
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
