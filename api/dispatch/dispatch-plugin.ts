// Dispatch plugin: starts the DispatchService when the app is ready, stops it on close, registers the dispatcher
// routes under /v1 and the courier socket commands (offer accept / decline, position) when the gateway is present.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import { globalPlugin } from '../plugins/global-plugin.js';
import type { Principal } from '../auth/principal.js';
import { acceptOffer, declineOffer } from '../transitions/offers.js';
import { recordPositions } from '../transitions/couriers.js';
import dispatchRoutes from './dispatch-routes.js';
import { DispatchService, type DispatchServiceOptions } from './dispatch-service.js';

declare module 'fastify' {
  interface FastifyInstance {
    dispatch: DispatchService;
  }
}

export type DispatchPluginOptions = DispatchServiceOptions & Record<string, unknown>;

const field = (payload: unknown, key: string): unknown => (payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[key] : undefined);
const text = (payload: unknown, key: string): string => {
  const v = field(payload, key);
  if (typeof v !== 'string' || v.length === 0) throw new ApiError('validation_failed', `${key} is required`);
  return v;
};

function registerCourierCommands(app: FastifyInstance): void {
  if (!app.hasDecorator('realtime')) return;
  app.realtime.handleCourierCommand('offer.accept', async (p: Principal, payload) => {
    const outcome = await app.tx((tx) => acceptOffer(tx, p, text(payload, 'offerId'), { now: new Date() }));
    if (outcome.status !== 'accepted') throw new ApiError('illegal_transition', `offer ${outcome.offerId} has ${outcome.status}`);
    return outcome;
  });
  app.realtime.handleCourierCommand('offer.decline', async (p: Principal, payload) => {
    const reason = field(payload, 'reason');
    return app.tx((tx) => declineOffer(tx, p, text(payload, 'offerId'), { reason: typeof reason === 'string' ? reason : null, now: new Date() }));
  });
  app.realtime.handleCourierCommand('courier.position', async (p: Principal, payload) => {
    const lon = Number(field(payload, 'lon'));
    const lat = Number(field(payload, 'lat'));
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new ApiError('validation_failed', 'lon and lat are required');
    const at = field(payload, 'at');
    const fix = { lon, lat, recorded_at: typeof at === 'string' ? at : new Date().toISOString() };
    return app.tx((tx) => recordPositions(tx, p, p.courierId!, [fix], new Date()));
  });
}

export default globalPlugin<DispatchPluginOptions>('jejaring-dispatch', async (app: FastifyInstance, options) => {
  const service = new DispatchService(app, options);
  app.decorate('dispatch', service);
  await app.register(dispatchRoutes, { prefix: '/v1', service });
  registerCourierCommands(app);
  app.addHook('onReady', async () => service.start());
  app.addHook('preClose', async () => service.stop());
});
