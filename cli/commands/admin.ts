// `jejaring admin bootstrap`: creates an admin token and a demo fleet with its API key, printed once.
import { parseArgs } from 'node:util';
import { openDatabase } from '../../api/db/open-database.js';
import { TokenSigner } from '../../api/auth/auth-tokens.js';
import { createStores } from '../../api/store/stores.js';
import { databaseOf } from './serve.js';

const USAGE = 'usage: jejaring admin bootstrap [--fleet-name NAME] [--fleet-kind ojol|pangkalan] [--ttl-days N] [--data-dir DIR | --memory] [--json]';

export interface BootstrapResult {
  readonly admin_token: string;
  readonly admin_token_expires_at: string;
  readonly fleet_id: string;
  readonly fleet_api_key: string;
  /** Set when JEJARING_SECRET was missing and one was made up: export it before `jejaring serve`. */
  readonly generated_secret: string | null;
}

/** Creates the admin token (recorded, so it can be revoked) and a demo fleet with one API key. */
export async function bootstrap(options: { fleetName: string; fleetKind: 'ojol' | 'pangkalan'; ttlDays: number; databaseUrl?: string; dataDir?: string; secret?: string }): Promise<BootstrapResult> {
  const generated = options.secret ? null : TokenSigner.randomSecret();
  const signer = new TokenSigner(options.secret ?? generated!);
  const db = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  try {
    return await db.transaction(async (q) => {
      const stores = createStores(q);
      const issued = signer.issue({ role: 'admin', subjectId: 'usr_admin', ttlS: options.ttlDays * 86_400 });
      await stores.tokens.record(issued.claims, 'cli');
      const { fleet } = await stores.fleets.create({ kind: options.fleetKind, name: options.fleetName });
      const key = await stores.fleets.createKey(fleet.id, 'bootstrap');
      await stores.events.append({ type: 'fleet.created', fleetId: fleet.id, payload: { fleet_id: fleet.id, kind: fleet.kind, name: fleet.name } });
      return {
        admin_token: issued.token,
        admin_token_expires_at: new Date(issued.claims.exp * 1000).toISOString(),
        fleet_id: fleet.id,
        fleet_api_key: key.key,
        generated_secret: generated,
      };
    });
  } finally {
    await db.close();
  }
}

export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'bootstrap') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: args.slice(1),
      options: {
        'fleet-name': { type: 'string', default: 'Demo Ojek' },
        'fleet-kind': { type: 'string', default: 'pangkalan' },
        'ttl-days': { type: 'string', default: '30' },
        'data-dir': { type: 'string' },
        memory: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const kind = values['fleet-kind'];
  const ttlDays = Number(values['ttl-days']);
  if ((kind !== 'ojol' && kind !== 'pangkalan') || !(ttlDays > 0 && ttlDays <= 365)) {
    process.stderr.write(`--fleet-kind must be ojol or pangkalan and --ttl-days 1..365\n${USAGE}\n`);
    return 2;
  }
  const database = databaseOf({ dataDir: values['data-dir'], memory: values.memory ?? false, demo: false });
  const result = await bootstrap({ fleetName: values['fleet-name']!, fleetKind: kind, ttlDays, ...database, secret: process.env.JEJARING_SECRET || undefined });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const lines = [
    'Shown once — store these now.',
    `admin token (expires ${result.admin_token_expires_at}):`,
    `  ${result.admin_token}`,
    `demo fleet ${result.fleet_id} API key:`,
    `  ${result.fleet_api_key}`,
  ];
  if (result.generated_secret) {
    lines.push('JEJARING_SECRET was not set; the token is signed with this new secret. Export it before `jejaring serve`:');
    lines.push(`  export JEJARING_SECRET=${result.generated_secret}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
