// Process entry helpers: build the app, listen on PORT/HOST, and shut down gracefully on SIGTERM/SIGINT.
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from './app.js';

export interface ServerOptions extends BuildAppOptions {
  /** TCP port; PORT, else 3000. 0 picks a free port. */
  readonly port?: number;
  /** Interface; HOST, else 127.0.0.1. */
  readonly host?: string;
  /** Install SIGTERM/SIGINT handlers (default true). */
  readonly handleSignals?: boolean;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** `http://host:port` the server listens on. */
  readonly url: string;
  /** Stops accepting connections, lets in-flight requests finish, then closes pools; idempotent. */
  close(): Promise<void>;
  /** Resolves once the server has closed (by `close` or a signal). */
  readonly closed: Promise<void>;
}

/** PORT / HOST from the environment with the documented defaults. */
export function listenOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): { port: number; host: string } {
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return { port, host: env.HOST || '127.0.0.1' };
}

/** Builds the app and listens; the returned `close` (also run on SIGTERM/SIGINT) shuts down gracefully. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const fromEnv = listenOptionsFromEnv();
  const app = await buildApp({ logger: { level: process.env.LOG_LEVEL ?? 'info' }, ...options });
  let shuttingDown = false;
  // Responses sent while shutting down close their keep-alive connection, so the server can finish closing.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (shuttingDown) reply.header('connection', 'close');
    return payload;
  });
  const url = await app.listen({ port: options.port ?? fromEnv.port, host: options.host ?? fromEnv.host });
  let closing: Promise<void> | null = null;
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const close = () => {
    // fastify.close stops the listener, waits for in-flight requests, then runs onClose hooks (db pools).
    shuttingDown = true;
    closing ??= app.close().then(markClosed);
    return closing;
  };
  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      app.log.info({ signal }, 'shutting down');
      const timer = setTimeout(() => process.exit(1), 10_000);
      timer.unref();
      void close().then(() => clearTimeout(timer));
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { app, url, close, closed };
}
