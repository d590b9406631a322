// How a simulated courier's day is spent: busy spells (riding to a stop or serving it) and time on shift, per courier
// and per local hour; since when it has been free (the pangkalan queue's order).
import type { Agent } from './sim-types.js';
import { HourlyLoad } from './recorder.js';

export class CourierTime {
  /** Busy and on-shift courier-ms per local hour, all couriers. */
  readonly hourly = new HourlyLoad();

  /** The courier comes on shift: present, and free from now. */
  shiftStarted(a: Agent, nowMs: number): void {
    a.onSinceMs = nowMs;
    a.freeSinceMs = nowMs;
  }

  /** It sets off for a stop: busy from now, unless a busy spell is already open. */
  busyFrom(a: Agent, nowMs: number): void {
    a.busySinceMs ??= nowMs;
  }

  /** It has no stop to ride to or serve: an open busy spell closes, and it is free from now. */
  free(a: Agent, nowMs: number): void {
    if (a.busySinceMs === undefined) return;
    a.record.busyMs += nowMs - a.busySinceMs;
    this.hourly.add(this.hourly.busyMs, a.busySinceMs, nowMs);
    a.busySinceMs = undefined;
    a.freeSinceMs = nowMs;
  }

  /** It is present no longer (left, or the day ended): its time on shift up to `untilMs` counts. */
  presentUntil(a: Agent, untilMs: number): void {
    if (a.onSinceMs === undefined) return;
    a.record.presentMs += untilMs - a.onSinceMs;
    this.hourly.add(this.hourly.presentMs, a.onSinceMs, untilMs);
    a.onSinceMs = undefined;
  }
}
