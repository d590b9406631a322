// WhatsApp channels by phone number id, kept for `maxAgeMs` so a notification costs no lookup: cleared when a channel
// is saved on this node; a signature that matches no cached secret is checked again against the stored channel, so a
// secret rotated on another node takes effect at once.
import type { Queryable } from '../db/database.js';
import { WhatsAppChannelsStore, type WhatsAppChannel } from '../store/whatsapp-channels-store.js';

export class ChannelCache {
  private readonly cache = new Map<string, { channel: WhatsAppChannel; loadedAt: number }>();

  constructor(private readonly q: Queryable, private readonly maxAgeMs = 30_000) {}

  /** The channels of these phone number ids (unknown ids are left out); `fresh` reads them all from the database. */
  async byPhoneNumberIds(ids: readonly string[], fresh = false): Promise<WhatsAppChannel[]> {
    const now = Date.now();
    const found: WhatsAppChannel[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const cached = this.cache.get(id);
      if (!fresh && cached && now - cached.loadedAt < this.maxAgeMs) found.push(cached.channel);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const id of missing) this.cache.delete(id);
      for (const channel of await new WhatsAppChannelsStore(this.q).byPhoneNumberIds(missing)) {
        this.cache.set(channel.phoneNumberId, { channel, loadedAt: now });
        found.push(channel);
      }
    }
    return found;
  }

  clear(): void {
    this.cache.clear();
  }
}
