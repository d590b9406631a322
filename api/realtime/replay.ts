// Reconnect replay: the visible events after the client's last sequence, page by page from the event log, then the
// live events buffered meanwhile (the socket stream keeps order and drops duplicates).
import type { FastifyInstance } from 'fastify';
import type { Socket } from 'socket.io';
import type { EventFilter } from '../store/events-store.js';
import { toEnvelope } from './envelope.js';
import { endReplay, streamOf } from './socket-stream.js';

/** Replays to `socket`; without `afterSeq` it only marks where the log stands. Returns how many events it replayed. */
export async function replayTo(app: FastifyInstance, socket: Socket, afterSeq: number | undefined, filter: Omit<EventFilter, 'afterSeq' | 'limit'>, pageSize: number): Promise<number> {
  const stream = streamOf(socket);
  stream.lastSentSeq = afterSeq ?? (await app.store.events.lastSeq());
  let count = 0;
  if (afterSeq !== undefined) {
    for (;;) {
      const page = await app.store.events.list({ ...filter, afterSeq: stream.lastSentSeq, limit: pageSize });
      for (const record of page) {
        socket.emit(record.type, toEnvelope(record, true));
        stream.lastSentSeq = record.seq;
        count++;
      }
      if (page.length < pageSize) break;
    }
  }
  endReplay(socket);
  return count;
}
