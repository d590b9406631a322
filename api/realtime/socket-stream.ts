// Per-socket ordered delivery: live events wait while the reconnect replay runs, and every event reaches a socket
// once, in sequence order, however many of its rooms it matches (a watermark of the last sequence sent).
import type { Socket } from 'socket.io';
import type { RealtimeEnvelope } from '../schemas/realtime.js';

export interface StreamState {
  /** Highest event-log sequence sent to this socket. */
  lastSentSeq: number;
  /** true while the replay runs; live events are buffered meanwhile. */
  replaying: boolean;
  readonly buffer: RealtimeEnvelope[];
}

export function streamOf(socket: Socket): StreamState {
  const data = socket.data as { stream?: StreamState };
  data.stream ??= { lastSentSeq: 0, replaying: false, buffer: [] };
  return data.stream;
}

/** Sends a logged event unless the socket already has it; buffers it during a replay. */
export function deliver(socket: Socket, envelope: RealtimeEnvelope): void {
  const stream = streamOf(socket);
  if (stream.replaying) {
    stream.buffer.push(envelope);
    return;
  }
  if (envelope.seq <= stream.lastSentSeq) return;
  stream.lastSentSeq = envelope.seq;
  socket.emit(envelope.type, envelope);
}

/** Ends the replay: sends buffered live events the replay did not cover. */
export function endReplay(socket: Socket): void {
  const stream = streamOf(socket);
  stream.replaying = false;
  const buffered = stream.buffer.splice(0).sort((a, b) => a.seq - b.seq);
  for (const envelope of buffered) deliver(socket, envelope);
}
