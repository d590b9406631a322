// The courier's route after transitions: customer contact only for current stops, nothing for another courier.

import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/backends.js';
import { expectProblem } from '../helpers/fixtures.js';
import { Scenario } from './seed.js';

describeEachBackend('courier route after transitions', (ctx) => {
  it('shows the customer for open deliveries only, and only to the courier on that route', async () => {
    const s = await Scenario.create(ctx.app);
    const { courier, colleague, first, second, route } = await s.twoOrdersOnOneCourier();
    for (const order of [first, second]) await s.pickedUp(route.stops[order.id], order, courier);
    const done = await s.delivered(route.stops[first.id], courier);
    expect(done.statusCode, done.body).toBe(200);

    const view = await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${courier.id}/route`, headers: courier.headers });
    expect(view.statusCode, view.body).toBe(200);
    const deliveries = view.json().stops.filter((stop: { kind: string }) => stop.kind === 'delivery');
    const byOrder = new Map(deliveries.map((stop: { order_id: string }) => [stop.order_id, stop]));
    expect(byOrder.get(first.id)).toMatchObject({ status: 'done', customer: null });
    expect(byOrder.get(second.id)).toMatchObject({ status: 'pending', customer: { name: 'Ibu Sari', phone: '+628123456789' } });
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/v1/couriers/${courier.id}/route`, headers: colleague.headers }), 404, 'not_found');
  });
});
