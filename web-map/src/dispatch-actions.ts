// Dispatcher actions: force-assign, unassign, pin, pause / resume a courier, re-plan a market now (the dispatch REST routes).
import type { ApiClient } from './api-client.js';

/** What every dispatch action answers (`{ ok, order_id?, courier_id?, status? }`). */
export interface ActionResult { ok: boolean; order_id?: string; courier_id?: string | null; status?: string }

export class DispatchActions {
  constructor(private readonly api: ApiClient) {}

  assign(orderId: string, courierId: string): Promise<ActionResult> {
    return this.api.post<ActionResult>(`/v1/dispatch/orders/${orderId}/assign`, { courier_id: courierId });
  }

  unassign(orderId: string): Promise<ActionResult> {
    return this.api.post<ActionResult>(`/v1/dispatch/orders/${orderId}/unassign`, {});
  }

  pin(orderId: string, courierId: string): Promise<ActionResult> {
    return this.api.post<ActionResult>(`/v1/dispatch/orders/${orderId}/pin`, { courier_id: courierId });
  }

  pause(courierId: string): Promise<ActionResult> {
    return this.api.post<ActionResult>(`/v1/dispatch/couriers/${courierId}/pause`, {});
  }

  resume(courierId: string): Promise<ActionResult> {
    return this.api.post<ActionResult>(`/v1/dispatch/couriers/${courierId}/resume`, {});
  }

  replan(marketId: string): Promise<ActionResult> {
    return this.api.post<ActionResult>(`/v1/dispatch/markets/${marketId}/replan`, {});
  }
}
