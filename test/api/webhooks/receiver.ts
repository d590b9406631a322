// A real HTTP receiver on 127.0.0.1:0 for webhook tests: verifies each request and answers with scripted status codes.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WebhookVerificationError } from '../../../api/webhooks/verify.js';

export interface ReceivedWebhook {
  readonly id: string;
  readonly timestamp: string;
  readonly body: string;
  /** 'ok' or the verification error code. */
  readonly verified: string;
}

export interface Receiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  close(): Promise<void>;
}

/** Starts a receiver; `statuses` are answered in turn (the last one repeats). */
export async function startReceiver(secret: string, statuses: number[], toleranceS = 3600 * 24 * 365 * 100): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  let turn = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = 'ok';
      try {
        verifyWebhook(secret, request.headers, body, toleranceS);
      } catch (error) {
        verified = error instanceof WebhookVerificationError ? error.code : 'error';
      }
      received.push({ id: String(request.headers['webhook-id']), timestamp: String(request.headers['webhook-timestamp']), body, verified });
      response.statusCode = statuses[Math.min(turn, statuses.length - 1)];
      turn += 1;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
