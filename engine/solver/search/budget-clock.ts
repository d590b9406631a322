// The clock a solve's budget runs on: wall time, the solving thread's CPU time, or both (whichever runs out first).
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * CPU time of the calling thread, ms. On Linux it reads the thread's own scheduler statistics
 * (/proc/thread-self/schedstat, nanoseconds on the CPU), which stays correct when the solve runs in a worker
 * thread beside others; `process.cpuUsage()` would count every thread of the process. Elsewhere it falls back to
 * `process.cpuUsage()`, exact for a solve on a process's only busy thread. A reading costs a few microseconds, so
 * the budget clock re-reads it at most every READ_EVERY_MS of wall time.
 */
export class ThreadCpuClock {
  private fd = -1;
  private readonly buffer = Buffer.alloc(128);

  constructor() {
    try {
      this.fd = openSync('/proc/thread-self/schedstat', 'r');
      if (!Number.isFinite(this.readProc())) this.close();
    } catch {
      this.fd = -1;
    }
  }

  /** True when the reading is this thread's own CPU time (not the whole process's). */
  get perThread(): boolean {
    return this.fd >= 0;
  }

  nowMs(): number {
    if (this.fd >= 0) return this.readProc() / 1e6;
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private readProc(): number {
    const n = readSync(this.fd, this.buffer, 0, this.buffer.length, 0);
    const text = this.buffer.toString('latin1', 0, n);
    return Number(text.slice(0, text.indexOf(' ')));
  }
}

/** Wall time between two CPU clock readings: the CPU budget may overrun by about this much. */
const READ_EVERY_MS = 2;

export interface BudgetLimits {
  readonly timeLimitMs?: number;
  readonly cpuTimeLimitMs?: number;
}

/**
 * A monotonic clock in ms and the budget on it. With only a wall limit it is wall time; with only a CPU limit,
 * the thread's CPU time; with both, the larger of wall time and CPU time scaled to the wall limit, so the budget
 * ends when either runs out. Without limits it is wall time and the budget is unbounded.
 */
export class BudgetClock {
  readonly limitMs: number;
  readonly now: () => number;
  private readonly cpu: ThreadCpuClock | null;

  constructor(limits: BudgetLimits) {
    const wall = limits.timeLimitMs;
    const cpuLimit = limits.cpuTimeLimitMs;
    if (cpuLimit === undefined) {
      this.cpu = null;
      this.limitMs = wall ?? Infinity;
      this.now = () => performance.now();
      return;
    }
    const cpu = new ThreadCpuClock();
    this.cpu = cpu;
    const wall0 = performance.now();
    const cpu0 = cpu.nowMs();
    let lastWall = wall0, lastCpu = 0;
    const cpuUsed = (): number => {
      const w = performance.now();
      if (w - lastWall >= READ_EVERY_MS) {
        lastWall = w;
        lastCpu = Math.max(lastCpu, cpu.nowMs() - cpu0);
      }
      return lastCpu;
    };
    if (wall === undefined) {
      this.limitMs = cpuLimit;
      this.now = cpuUsed;
    } else {
      const scale = wall / cpuLimit;
      this.limitMs = wall;
      this.now = () => Math.max(performance.now() - wall0, cpuUsed() * scale);
    }
  }

  /** Releases the CPU clock's file handle. */
  close(): void {
    this.cpu?.close();
  }
}
