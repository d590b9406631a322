// `/planner` namespace: scenario-run progress for planners (the runs they started) and admins (every run); progress
// is throttled per run (leading edge, newest held and sent when the interval has passed), the end of a run is not.
import type { FastifyInstance } from 'fastify';
import type { Server, Socket } from 'socket.io';
import { ApiError } from '../errors.js';
import { firstForbidden } from '../plugins/input-guard.js';
import type { ProxyTrust } from '../auth/client-address.js';
import type { Principal } from '../auth/principal.js';
import { scenarioNotices, type ScenarioNotice } from './scenario-notices.js';
import { authenticateSocket, socketError } from './socket-auth.js';

/** Room of one planner's runs (by the subject that started them). */
export const plannerRoom = (subjectId: string): string => `planner:${subjectId}`;
/** Room of admins: every run. */
export const ALL_RUNS_ROOM = 'planner:all';

/** Sets up `/planner` on `io`; returns the cleanup to call before the server closes. */
export function registerPlannerNamespace(app: FastifyInstance, io: Server, trust: ProxyTrust, progressThrottleMs = 250): () => void {
  const ns = io.of('/planner');
  ns.use((socket, next) => {
    const bad = firstForbidden(socket.handshake.auth, '/auth');
    if (bad) return next(socketError(new ApiError('validation_failed', `the handshake value at ${bad} is not acceptable`)));
    authenticateSocket(app, socket, trust)
      .then((principal) => {
        if (principal.role !== 'planner' && principal.role !== 'admin') throw new ApiError('forbidden', 'the /planner namespace is for planner and admin tokens');
        socket.data.principal = principal;
        next();
      })
      .catch((error: unknown) => next(socketError(error)));
  });
  ns.on('connection', (socket: Socket) => {
    const principal = socket.data.principal as Principal;
    void socket.join(principal.role === 'admin' ? ALL_RUNS_ROOM : plannerRoom(principal.subjectId));
    socket.emit('ready', { role: principal.role });
  });

  const send = (notice: ScenarioNotice): void => {
    ns.to([plannerRoom(notice.createdBy), ALL_RUNS_ROOM]).emit(notice.type, notice.payload);
  };
  const lastSentMs = new Map<string, number>(); // run id → when its last progress went out (ms)
  const held = new Map<string, ScenarioNotice>(); // run id → newest progress not yet sent
  const flushTimer = setInterval(() => {
    const nowMs = Date.now();
    for (const [runId, notice] of held) {
      if (nowMs - (lastSentMs.get(runId) ?? 0) < progressThrottleMs) continue;
      held.delete(runId);
      lastSentMs.set(runId, nowMs);
      send(notice);
    }
  }, Math.max(50, Math.floor(progressThrottleMs / 2)));
  flushTimer.unref();

  const unsubscribe = scenarioNotices(app).subscribe((notice) => {
    const runId = notice.payload.runId;
    if (notice.type !== 'scenario.progress') {
      held.delete(runId);
      lastSentMs.delete(runId);
      return send(notice);
    }
    const nowMs = Date.now();
    if (nowMs - (lastSentMs.get(runId) ?? 0) >= progressThrottleMs && !held.has(runId)) {
      lastSentMs.set(runId, nowMs);
      send(notice);
    } else {
      held.set(runId, notice);
    }
  });
  return () => {
    clearInterval(flushTimer);
    unsubscribe();
  };
}
