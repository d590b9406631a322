// `jejaring plan <scenario.json> [--compare a,b,…] [--out dir] [--json]`: simulates a market day under each policy on
// the production dispatcher, writes report.json, report.md and SVG charts; a progress bar goes to stderr.
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { EngineError, loadScenarioFile, runScenario, reportJson, writeReport, type Kpis } from '../../engine/index.js';

const USAGE = 'usage: jejaring plan <scenario.json> [--compare jejaring,nearest,one-per-trip,fifo,jejaring-120s] [--out dir] [--json] [--no-hindsight]';
const DEFAULT_COMPARE = ['jejaring', 'nearest', 'one-per-trip', 'fifo'];

/** A one-line progress bar on stderr: redrawn in place on a terminal, every 10 % otherwise. */
function progressBar(): { update(fraction: number, label: string): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let lastShown = -1;
  return {
    update(fraction, label) {
      const pct = Math.floor(fraction * 100);
      if (pct === lastShown || (!tty && pct % 10 !== 0)) return;
      lastShown = pct;
      const filled = Math.round(fraction * 30);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${String(pct).padStart(3)}% ${label}`;
      process.stderr.write(tty ? `\r${bar.padEnd(70)}` : `${bar}\n`);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { compare: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false }, 'no-hindsight': { type: 'boolean', default: false } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [path] = parsed.positionals;
  if (!path || parsed.positionals.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const scenario = loadScenarioFile(path);
    const policies = parsed.values.compare?.split(',').map((p) => p.trim()).filter((p) => p !== '') ?? scenario.compare ?? DEFAULT_COMPARE;
    const outDir = parsed.values.out ?? join('plan-out', basename(path, extname(path)));
    const cpu0 = process.cpuUsage();
    const bar = progressBar();
    const result = await runScenario(scenario, { policies, hindsight: !parsed.values['no-hindsight'], onProgress: (f, policy) => bar.update(f, policy) });
    bar.done();
    const files = writeReport(result, outDir);
    if (parsed.values.json) {
      const summary = reportJson(result);
      const brief = ({ policy, wallMs, kpis }: { policy: string; wallMs: number; kpis: Kpis }) => ({ policy, wallMs, kpis: { ...kpis, utilisationByHourPct: undefined } });
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = Math.round((cpu.user + cpu.system) / 1000); // CPU beside wall time: the cores are shared
      const hindsight = summary.hindsight ? { hindsight: { ...brief(summary.hindsight), search: summary.hindsight.search } } : {};
      process.stdout.write(`${JSON.stringify({ ...summary, cpuMs, policies: summary.policies.map(brief), ...hindsight, files })}\n`);
    } else {
      for (const r of result.hindsight ? [...result.runs, result.hindsight] : result.runs) {
        const k = r.kpis;
        process.stdout.write(`${k.policy.padEnd(14)} served ${k.served}/${k.orders}, click-to-door ${k.clickToDoorMin.mean} min (p90 ${k.clickToDoorMin.p90}), on time ${k.onTimePct} %, ${k.courierKm} km, utilisation ${k.utilisationPct} %, ${(r.wallMs / 1000).toFixed(1)} s\n`);
      }
      process.stdout.write(`wrote ${files.join(', ')}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof EngineError) {
      process.stderr.write(`error ${error.code}${error.field ? ` (${error.field})` : ''}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
