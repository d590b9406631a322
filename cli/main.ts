// Command dispatcher for the `jejaring` CLI: maps command words to lazily loaded command modules.

/** A command module exports `run(args)` and resolves to a process exit code. */
export interface CommandModule {
  run(args: string[]): Promise<number>;
}

type Loader = () => Promise<CommandModule>;

/** Every command, keyed by its words. Modules load only when their command runs. */
const COMMANDS: Record<string, { summary: string; load: Loader }> = {
  'graph build': { summary: 'build and cache a road graph: graph build <file> [--clip <boundary.geojson|bbox>] [--profile motorbike|car]', load: () => import('./commands/graph-build.js') },
  route: { summary: 'route through points: route <lon,lat> <lon,lat>… [--graph file] [--profile p]', load: () => import('./commands/route.js') },
  table: { summary: 'duration/distance table: table <lon,lat>… [--graph file] [--profile p]', load: () => import('./commands/table.js') },
  serve: { summary: 'run the API, dispatch and web map: serve [--port N] [--demo]', load: () => import('./commands/serve.js') },
  plan: { summary: 'simulate a market day per policy: plan <scenario.json> [--compare a,b] [--out dir] [--json]', load: () => import('./commands/plan.js') },
  admin: { summary: 'bootstrap an admin and a demo fleet: admin …', load: () => import('./commands/admin.js') },
  'bench roads': { summary: 'road-graph benchmark on Jakarta [--json]', load: () => import('../benchmarks/roads.js') },
  'bench osrm': { summary: 'OSRM side: 1000² table over HTTP, provider routes/s, /match on noisy traces [--json]', load: () => import('../benchmarks/osrm.js') },
  'bench lilim': { summary: 'Li & Lim PDPTW benchmark [--set pdp_100|pdp_200] [--instances a,b] [--time-ms N] [--cpu-ms N] [--iterations N] [--seed S] [--json]', load: () => import('../benchmarks/lilim.js') },
  'bench market': { summary: 'pasar batch benchmark [--seeds 1,2,3] [--cpu-ms N | --time-ms N | --iterations N] [--no-roads] [--json]', load: () => import('../benchmarks/market.js') },
  'bench field-scenarios': { summary: 'the four field scenarios, every policy and the hindsight plan, targets checked [--scenarios a,b] [--draws N] [--json]', load: () => import('../benchmarks/field-scenarios.js') },
  'bench notice': { summary: 'pre-orders: jejaring on each field day with orders known 0, 5, 15 min ahead, several draws, beside hindsight [--scenarios a,b] [--notice 0,5,15] [--draws N] [--own-world] [--no-hindsight] [--merge a.json,b.json] [--json]', load: () => import('../benchmarks/notice.js') },
  'bench told-hour': { summary: 'keeping the hour customers are told: jejaring on each field day with the told-hour term off and at each setting, several draws [--scenarios a,b] [--settings off,5:6] [--draws N] [--merge a.json,b.json] [--name N] [--json]', load: () => import('../benchmarks/told-hour.js') },
  'bench replay': { summary: 'the replayed day (a coordinator\'s sheet, ready times, a shift change) per policy with its targets, and a 600-order day against the 60 s budget [--json]', load: () => import('../benchmarks/replay.js') },
  'bench dispatch': { summary: 'dispatch loop: batch close → offers p50/p95, 100 markets sustained [--json]', load: () => import('../benchmarks/dispatch.js') },
  'bench api': { summary: 'order intake load test on PostgreSQL and PGlite [--json]', load: () => import('../benchmarks/api.js') },
  'bench load': { summary: 'couriers over Socket.IO + order intake + dispatch: throughput, p99, lag, memory [--json] [--duration-s N]', load: () => import('../benchmarks/load.js') },
  'bench clip': { summary: 'streaming clip of OSM extracts: elements per CPU-second, memory [--tiles N] [--json]', load: () => import('../benchmarks/clip.js') },
  'bench backlog': { summary: 'backlog drill: 3,000 waiting orders, two nodes on PostgreSQL [--orders N] [--duration-s N] [--json]', load: () => import('../benchmarks/backlog.js') },
  'bench intake': { summary: 'shopping-list parser accuracy, WhatsApp webhook throughput under retries, 1,000 package orders vs 100 [--json]', load: () => import('../benchmarks/intake.js') },
  'bench startup': { summary: 'jejaring serve to ready: wall and CPU, compiled and source, PGlite and PostgreSQL [--runs N] [--json]', load: () => import('../benchmarks/startup.js') },
  'bench map': { summary: 'dispatch map in Chromium: 2,000 couriers updating each second [--json]', load: () => import('../benchmarks/map.js') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([words, c]) => `  jejaring ${words.padEnd(14)} ${c.summary}`);
  return ['usage: jejaring <command> [options]', '', ...lines].join('\n');
}

/** Finds the longest command whose words prefix `argv`, runs it, and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  for (const take of [2, 1]) {
    const words = argv.slice(0, take).join(' ');
    const command = COMMANDS[words];
    if (argv.length >= take && command) {
      const args = argv.slice(take);
      if (args.includes('--help') || args.includes('-h')) {
        process.stdout.write(`jejaring ${words}: ${command.summary}\n`);
        return 0;
      }
      const module = await command.load();
      try {
        return await module.run(args);
      } catch (error) {
        // An option the command does not know, or one missing its value: say so with the usage, not a stack trace.
        if (!isArgumentError(error)) throw error;
        process.stderr.write(`jejaring ${words}: ${(error as Error).message}\nusage: jejaring ${words} — ${command.summary}\n`);
        return 2;
      }
    }
  }
  const asked = argv.length > 0 && argv[0] !== 'help' && argv[0] !== '--help';
  (asked ? process.stderr : process.stdout).write(`${asked ? `unknown command: ${argv.join(' ')}\n\n` : ''}${usage()}\n`);
  return asked ? 2 : 0;
}

/** Errors node:util parseArgs throws for bad options (ERR_PARSE_ARGS_UNKNOWN_OPTION, …_INVALID_OPTION_VALUE, …). */
function isArgumentError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
