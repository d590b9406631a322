// Event-log records → the envelope streamed to sockets, and which rooms an event belongs to.
import type { EventRecord } from '../store/events-store.js';
import type { RealtimeEnvelope } from '../schemas/realtime.js';

export const marketRoom = (marketId: string): string => `market:${marketId}`;
export const fleetRoom = (fleetId: string): string => `fleet:${fleetId}`;
export const courierRoom = (courierId: string): string => `courier:${courierId}`;

export function toEnvelope(record: EventRecord, replay: boolean): RealtimeEnvelope {
  return {
    seq: record.seq,
    type: record.type,
    marketId: record.marketId,
    courierId: record.courierId,
    orderId: record.orderId,
    at: new Date(record.createdAt).toISOString(),
    replay,
    payload: record.payload,
  };
}

/** Rooms of the dispatcher namespace (`/dispatch`) that see `record`. */
export function dispatchRooms(record: Pick<EventRecord, 'marketId' | 'fleetId'>): string[] {
  const rooms: string[] = [];
  if (record.marketId) rooms.push(marketRoom(record.marketId));
  if (record.fleetId) rooms.push(fleetRoom(record.fleetId));
  return rooms;
}

/** Rooms of the courier namespace (`/courier`) that see `record`: only the courier it is about. */
export function courierRooms(record: Pick<EventRecord, 'courierId'>): string[] {
  return record.courierId ? [courierRoom(record.courierId)] : [];
}
