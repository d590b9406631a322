// Accepted orders not yet picked up move to another courier when the plan says so; the first courier sees why.
import { describe, expect, it } from 'vitest';
import { type DispatchEvent, type DispatchResult, type ProblemInput, type Solution } from '../../../engine/index.js';
import { courier, greedySolve, makeDispatcher, MARKET, order, solveWith, testClock } from './tiny-market.js';

const all = <T extends DispatchEvent['type']>(r: DispatchResult, type: T) => r.events.filter((e) => e.type === type) as Extract<DispatchEvent, { type: T }>[];
const here = (atMs: number) => ({ ...MARKET, atMs });

/** Every order on c1 in the first plan; in the next, the order `moved` on c2 and the rest where the greedy planner puts them. */
const onlyC1 = (problem: ProblemInput): Solution => greedySolve({ ...problem, couriers: problem.couriers.filter((c) => c.id === 'c1') });
function moving(moved: string) {
  return (problem: ProblemInput): Solution => {
    const c2 = problem.couriers.find((c) => c.id === 'c2')!;
    const mine = problem.orders.filter((o) => o.id === moved);
    const rest = problem.orders.filter((o) => o.id !== moved);
    const a = greedySolve({ ...problem, orders: rest, couriers: problem.couriers.filter((c) => c.id === 'c1') });
    const b = greedySolve({ ...problem, orders: mine, couriers: [c2] });
    return { routes: [...a.routes, ...b.routes], unassigned: [], cost: a.cost };
  };
}

function twoAccepted(config = {}) {
  const clock = testClock();
  const d = makeDispatcher(clock, { moveAcceptedOrders: true, ...config });
  d.handle({ type: 'courierAvailable', courier: courier('c1'), position: here(clock.nowMs) });
  d.handle({ type: 'orderAdded', order: order(1) });
  d.handle({ type: 'orderAdded', order: order(2) });
  const offer = all(solveWith(d, d.handle({ type: 'replanNow' }).planRequest!, onlyC1).result, 'offer.created')[0];
  d.handle({ type: 'offerAccepted', offerId: offer.offerId, courierId: 'c1' });
  // A courier coming free is a reason to plan even with no order waiting: accepted orders may move to it.
  const request = d.handle({ type: 'courierAvailable', courier: courier('c2'), position: here(clock.nowMs) }).planRequest;
  return { d, clock, request };
}

describe('moving accepted orders', () => {
  it('offers an accepted, not picked-up order to another courier; the first loses it with a reason and a new route', () => {
    const { d, request: planned } = twoAccepted();
    const second = d.couriers.get('c1')!.route.find((s) => s.orderId !== d.couriers.get('c1')!.route[0].orderId)!.orderId;
    const request = planned!;
    expect(request.snapshot.reason).toBe('courier_idle');
    expect(request.snapshot.orders.find((o) => o.order.id === second)?.lockedCourierId).toBeUndefined();
    const { result } = solveWith(d, request, moving(second));
    expect(all(result, 'order.unassigned')).toEqual([expect.objectContaining({ orderId: second, courierId: 'c1', reason: 'moved_to_serve_customer_sooner' })]);
    const c1Route = all(result, 'route.updated').filter((e) => e.courierId === 'c1').at(-1)!;
    expect(c1Route.stops.some((s) => s.orderId === second)).toBe(false);
    expect(all(result, 'offer.created')).toEqual([expect.objectContaining({ courierId: 'c2', orderIds: [second] })]);
    expect(d.orders.get(second)).toMatchObject({ status: 'offered' });
    expect(d.couriers.get('c1')!.route.every((s) => s.orderId !== second)).toBe(true);
  });

  it('never moves the order the courier is driving to, one with goods on board, a pinned one, or any when turned off', () => {
    const { d, request } = twoAccepted();
    const driving = d.couriers.get('c1')!.route[0].orderId;
    const { result } = solveWith(d, request!, moving(driving));
    expect(all(result, 'order.unassigned')).toEqual([]);
    expect(all(result, 'offer.created')).toEqual([]);
    expect(d.orders.get(driving)).toMatchObject({ status: 'assigned', courierId: 'c1' });

    expect(twoAccepted({ moveAcceptedOrders: false }).request).toBeUndefined(); // nothing waits, nothing may move

    const pinned = twoAccepted();
    solveWith(pinned.d, pinned.request!, onlyC1);
    const other = pinned.d.couriers.get('c1')!.route.at(-1)!.orderId;
    pinned.d.handle({ type: 'pin', orderId: other, courierId: 'c1' });
    pinned.d.handle({ type: 'orderAdded', order: order(3) });
    const pinnedRequest = pinned.d.handle({ type: 'replanNow' }).planRequest!;
    expect(pinnedRequest.snapshot.orders.find((o) => o.order.id === other)?.lockedCourierId).toBe('c1');
  });

  it('keeps the order with its courier when the other declines, and the next plan may give it back', () => {
    const { d, request } = twoAccepted();
    const second = d.couriers.get('c1')!.route.at(-1)!.orderId;
    const offer = all(solveWith(d, request!, moving(second)).result, 'offer.created')[0];
    const declined = d.handle({ type: 'offerDeclined', offerId: offer.offerId, courierId: 'c2' });
    expect(d.orders.get(second)).toMatchObject({ status: 'pending' });
    expect(declined.planRequest?.snapshot.orders.some((o) => o.order.id === second)).toBe(true);
  });
});
