// docs/getting-started.md works as written: every `sh` block runs, in order, in one bash session against a real
// `jejaring serve` the guide itself starts (PGlite in a temporary folder, a free port, a short batch window), from
// `admin bootstrap` to a delivered order with COD and an exchange.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const GUIDE = join(REPO, 'docs/getting-started.md');

/** The guide's runnable blocks, in order. */
export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    }).on('error', fail);
  });
}

it('the first-steps guide runs from nothing to a delivered order with COD and an exchange', async () => {
  const blocks = shellBlocks(readFileSync(GUIDE, 'utf8'));
  expect(blocks.length).toBeGreaterThanOrEqual(8);
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'jejaring-guide-'));
  symlinkSync(join(REPO, '.cache'), join(work, '.cache')); // the road graph cache, as in the repository
  // The guide runs from the repository folder; here from a scratch folder with the same commands.
  const script = ['trap \'[ -n "${SERVER_PID:-}" ] && kill $SERVER_PID 2>/dev/null\' EXIT', ...blocks].join('\n')
    .replaceAll('node bin/jejaring.js', `node ${join(REPO, 'bin/jejaring.js')}`)
    .replaceAll(':3000', `:${port}`).replaceAll('--port 3000', `--port ${port}`);
  const env: NodeJS.ProcessEnv = { ...process.env, JEJARING_BATCH_WINDOW_MS: '1000', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL; // the guide's own PGlite, never a shared PostgreSQL
  delete env.JEJARING_SECRET;
  const child = spawn('bash', ['-xeuo', 'pipefail', '-c', script], { cwd: work, env, detached: true });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const code = await new Promise<number | null>((done) => {
    const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 420_000);
    child.on('exit', (c) => { clearTimeout(timer); done(c); });
  });
  const serveLog = (() => { try { return readFileSync(join(work, 'serve.log'), 'utf8'); } catch { return ''; } })();
  expect(code, `${out}\n--- serve.log ---\n${serveLog.slice(-4000)}`).toBe(0);
  const lines = out.trim().split('\n');
  expect(lines).toContain('accepted');
  expect(lines).toContain('delivered');
  expect(out).toMatch(/"status": "exchanged"/);
  expect(out).toMatch(/\d+ order\.exchanged/);
  expect(out).toMatch(/\d+ order\.delivered/);
}, 480_000);
