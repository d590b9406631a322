// `jejaring serve` flags and the database it picks: DATABASE_URL, else PGlite in --data-dir / JEJARING_DATA_DIR / the default;
// the customers' ETA-change threshold from JEJARING_ETA_NOTICE_S.
import { expect, it } from 'vitest';
import { databaseOf, DEFAULT_DATA_DIR, etaNoticeFromEnv, parseServeArgs } from '../../../cli/commands/serve.js';

it('parses port, host and storage flags', () => {
  expect(parseServeArgs(['--port', '4000', '--host', '0.0.0.0', '--demo'])).toMatchObject({ port: 4000, host: '0.0.0.0', demo: true, memory: false });
  expect(() => parseServeArgs(['--port', 'x'])).toThrow(/--port/);
  expect(() => parseServeArgs(['--bogus'])).toThrow();
});

it('chooses PostgreSQL when DATABASE_URL is set, PGlite otherwise', () => {
  const flags = parseServeArgs([]);
  expect(databaseOf(flags, { DATABASE_URL: 'postgres://x/y' })).toEqual({ databaseUrl: 'postgres://x/y' });
  expect(databaseOf(flags, {})).toEqual({ dataDir: DEFAULT_DATA_DIR });
  expect(databaseOf(flags, { JEJARING_DATA_DIR: '/var/lib/j' })).toEqual({ dataDir: '/var/lib/j' });
  expect(databaseOf(parseServeArgs(['--memory']), {})).toEqual({});
  expect(databaseOf(parseServeArgs(['--data-dir', '/tmp/d']), { JEJARING_DATA_DIR: '/var/lib/j' })).toEqual({ dataDir: '/tmp/d' });
});

it('takes the ETA-change threshold from JEJARING_ETA_NOTICE_S: unset keeps the default, 0 turns it off', () => {
  expect(etaNoticeFromEnv({})).toEqual({});
  expect(etaNoticeFromEnv({ JEJARING_ETA_NOTICE_S: '900' })).toEqual({ etaNotice: { minShiftS: 900 } });
  expect(etaNoticeFromEnv({ JEJARING_ETA_NOTICE_S: '0' })).toEqual({ etaNotice: null });
  for (const bad of ['10 min', '30', '-60']) expect(() => etaNoticeFromEnv({ JEJARING_ETA_NOTICE_S: bad })).toThrow(/JEJARING_ETA_NOTICE_S/);
});
