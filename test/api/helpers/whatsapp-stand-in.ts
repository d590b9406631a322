// A local stand-in for the WhatsApp Cloud API's send-message endpoint (POST /{phone-number-id}/messages): it checks
// each request against the documented shape (Bearer token, JSON with messaging_product "whatsapp", a digits-only
// recipient, type "text" with a text.body) and answers like the Cloud API, or with an error when told to.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  readonly phoneNumberId: string;
  readonly to: string;
  readonly body: string;
}

export class WhatsAppStandIn {
  readonly sent: SentMessage[] = [];
  /** Requests that broke the documented shape, with the reason. */
  readonly rejected: string[] = [];
  /** Answer the next N requests with HTTP 500. */
  failNext = 0;
  private server: Server | null = null;
  private count = 0;

  constructor(private readonly accessToken: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const answer = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const path = /^\/([0-9]+)\/messages$/.exec(req.url ?? '');
        const problem = this.check(req.method, path, req.headers.authorization, req.headers['content-type'], raw);
        if (problem) {
          this.rejected.push(problem);
          return answer(400, { error: { message: problem, type: 'OAuthException', code: 100 } });
        }
        if (this.failNext > 0) {
          this.failNext--;
          return answer(500, { error: { message: 'temporarily unavailable', code: 2 } });
        }
        const body = JSON.parse(raw);
        this.sent.push({ phoneNumberId: path![1], to: body.to, body: body.text.body });
        answer(200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.standin${++this.count}` }] });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  private check(method: string | undefined, path: RegExpExecArray | null, auth: string | undefined, type: string | undefined, raw: string): string | null {
    if (method !== 'POST' || !path) return `expected POST /{phone-number-id}/messages, got ${method}`;
    if (auth !== `Bearer ${this.accessToken}`) return 'missing or wrong Bearer access token';
    if (!type?.startsWith('application/json')) return 'content-type must be application/json';
    let body: Record<string, any>;
    try {
      body = JSON.parse(raw);
    } catch {
      return 'body is not JSON';
    }
    if (body.messaging_product !== 'whatsapp') return 'messaging_product must be "whatsapp"';
    if (typeof body.to !== 'string' || !/^[0-9]{8,15}$/.test(body.to)) return 'to must be the recipient phone number in digits';
    if (body.type !== 'text' || typeof body.text?.body !== 'string' || body.text.body.length === 0 || body.text.body.length > 4096) return 'a text message needs text.body (1–4096 characters)';
    return null;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
