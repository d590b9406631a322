// Dispatcher actions: force-assign, unassign, pin, pause / resume a courier, re-plan a market now (the dispatch REST routes).
import type { ApiClient } from './api-client.js';

export class DispatchActions {
  constructor(private readonly api: ApiClient) {}

  assign(orderId: string, courierId: string): Promise<unknown> {
    return this.api.post(`/v1/dispatch/orders/${orderId}/assign`, { courier_id: courierId });
  }

  unassign(orderId: string): Promise<unknown> {
    return this.api.post(`/v1/dispatch/orders/${orderId}/unassign`, {});
  }

  pin(orderId: string, courierId: string): Promise<unknown> {
    return this.api.post(`/v1/dispatch/orders/${orderId}/pin`, { courier_id: courierId });
  }

  pause(courierId: string): Promise<unknown> {
    return this.api.post(`/v1/dispatch/couriers/${courierId}/pause`, {});
  }

  resume(courierId: string): Promise<unknown> {
    return this.api.post(`/v1/dispatch/couriers/${courierId}/resume`, {});
  }

  replan(marketId: string): Promise<unknown> {
    return this.api.post(`/v1/dispatch/markets/${marketId}/replan`, {});
  }
}
