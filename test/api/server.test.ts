// Process entry: listens on the given port, serves real HTTP, finishes in-flight requests on close, then refuses connections.
import { expect, it } from 'vitest';
import { listenOptionsFromEnv, startServer } from '../../api/server.js';
import { describeEachBackend, TEST_SECRET } from './helpers/backends.js';

it('reads PORT and HOST with defaults 3000 and 127.0.0.1', () => {
  expect(listenOptionsFromEnv({})).toEqual({ port: 3000, host: '127.0.0.1' });
  expect(listenOptionsFromEnv({ PORT: '8080', HOST: '0.0.0.0' })).toEqual({ port: 8080, host: '0.0.0.0' });
  expect(() => listenOptionsFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
});

describeEachBackend('server', (ctx) => {
  it('serves over HTTP and shuts down gracefully', async () => {
    const server = await startServer({ db: ctx.db, port: 0, handleSignals: false, logger: false, secret: TEST_SECRET });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/^req_/);
    // Hold a lock /ready needs, so its request is surely inside the handler when closing starts.
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const taken = new Promise<void>((resolve) => (locked = resolve));
    const blocker = ctx.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE');
      locked();
      await held;
    });
    await taken;
    const inFlight = fetch(`${server.url}/ready`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await blocker;
    expect((await inFlight).status).toBe(200);
    await closing;
    await server.closed;
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    // The injected database stays open for its owner.
    expect((await ctx.db.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
  });
});
