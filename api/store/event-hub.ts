// In-process fan-out of committed events to live listeners (Socket.IO, webhooks); the events table stays the record.
import type { EventRecord } from './events-store.js';

export type EventListener = (events: readonly EventRecord[]) => void;

/** Listeners hear each committed batch once, in `seq` order; a failing listener does not affect the others. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after a commit with the events it wrote. */
  publish(events: readonly EventRecord[]): void {
    if (events.length === 0) return;
    const ordered = [...events].sort((a, b) => a.seq - b.seq);
    for (const listener of this.listeners) {
      try {
        listener(ordered);
      } catch {
        // a listener's own failure is its business; the log already holds the events
      }
    }
  }
}
