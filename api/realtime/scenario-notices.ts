// Scenario-run notices (progress, finished, failed) from the runner to whoever listens (the `/planner` namespace):
// one hub per server, shared by the encapsulated scenario routes and the global realtime plugin; no socket.io here.
import type { FastifyInstance } from 'fastify';
import type { ScenarioFailedPayload, ScenarioFinishedPayload, ScenarioProgressPayload } from '../schemas/realtime.js';

export type ScenarioNotice =
  | { readonly type: 'scenario.progress'; readonly createdBy: string; readonly payload: ScenarioProgressPayload }
  | { readonly type: 'scenario.finished'; readonly createdBy: string; readonly payload: ScenarioFinishedPayload }
  | { readonly type: 'scenario.failed'; readonly createdBy: string; readonly payload: ScenarioFailedPayload };

export interface ScenarioNoticeHub {
  publish(notice: ScenarioNotice): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (notice: ScenarioNotice) => void): () => void;
}

const hubs = new WeakMap<object, ScenarioNoticeHub>(); // app.server → its hub

/** The hub of `app`'s server (the same for every encapsulated child of one app). */
export function scenarioNotices(app: FastifyInstance): ScenarioNoticeHub {
  let hub = hubs.get(app.server);
  if (hub) return hub;
  const listeners = new Set<(notice: ScenarioNotice) => void>();
  hub = {
    publish(notice) {
      for (const listener of listeners) {
        try {
          listener(notice);
        } catch (error) {
          app.log.error({ err: error, type: notice.type }, 'scenario notice listener failed');
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  hubs.set(app.server, hub);
  return hub;
}
