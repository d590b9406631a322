// WhatsApp Cloud API channels, one per market: its phone number id, the verify token of the GET challenge, the app
// secret that signs notifications and the access token that sends replies.
import type { Queryable } from '../db/database.js';
import type { WhatsAppChannelInput } from '../schemas/whatsapp.js';
import { isoOf } from './geo-sql.js';

export interface WhatsAppChannel {
  readonly marketId: string;
  readonly phoneNumberId: string;
  readonly verifyToken: string;
  readonly appSecret: string;
  readonly accessToken: string;
  readonly apiBaseUrl: string | null;
  readonly updatedAt: string;
}

function channelOfRow(r: Record<string, unknown>): WhatsAppChannel {
  return {
    marketId: r.market_id as string, phoneNumberId: r.phone_number_id as string, verifyToken: r.verify_token as string, appSecret: r.app_secret as string,
    accessToken: r.access_token as string, apiBaseUrl: (r.api_base_url as string | null) ?? null, updatedAt: isoOf(r.updated_at)!,
  };
}

export class WhatsAppChannelsStore {
  constructor(private readonly q: Queryable) {}

  /** Creates or replaces the market's channel; null when another market already uses the phone number id. */
  async put(marketId: string, input: WhatsAppChannelInput): Promise<WhatsAppChannel | null> {
    const result = await this.q.query(
      `INSERT INTO whatsapp_channels (market_id, phone_number_id, verify_token, app_secret, access_token, api_base_url)
       SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM whatsapp_channels WHERE phone_number_id = $2 AND market_id <> $1)
       ON CONFLICT (market_id) DO UPDATE SET phone_number_id = EXCLUDED.phone_number_id, verify_token = EXCLUDED.verify_token,
         app_secret = EXCLUDED.app_secret, access_token = EXCLUDED.access_token, api_base_url = EXCLUDED.api_base_url, updated_at = now()
       RETURNING *`,
      [marketId, input.phone_number_id, input.verify_token, input.app_secret, input.access_token, input.api_base_url ?? null],
    );
    return result.rows[0] ? channelOfRow(result.rows[0]) : null;
  }

  async byMarket(marketId: string): Promise<WhatsAppChannel | null> {
    const result = await this.q.query(`SELECT * FROM whatsapp_channels WHERE market_id = $1`, [marketId]);
    return result.rows[0] ? channelOfRow(result.rows[0]) : null;
  }

  async byPhoneNumberIds(ids: readonly string[]): Promise<WhatsAppChannel[]> {
    const result = await this.q.query(`SELECT * FROM whatsapp_channels WHERE phone_number_id = ANY($1::text[])`, [ids]);
    return result.rows.map(channelOfRow);
  }

  async verifyTokenExists(token: string): Promise<boolean> {
    const result = await this.q.query(`SELECT 1 FROM whatsapp_channels WHERE verify_token = $1`, [token]);
    return result.rows.length > 0;
  }
}
