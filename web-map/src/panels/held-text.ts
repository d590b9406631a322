// What the dispatcher reads of an order the plan keeps back: for which courier, why, and when it reaches the stall.
import { formatClock, t } from '../i18n.js';
import type { OrderView } from '../model.js';
import type { DispatchStore } from '../store/dispatch-store.js';

export function heldText(store: DispatchStore, order: OrderView): string {
  const courier = store.couriers.get(order.heldCourierId)?.name || t('common.noData');
  const key = order.heldReason === 'goods_not_ready' ? 'held.goods_not_ready' : 'held.commit_horizon';
  return t(key, { courier, time: order.heldFirstStopEtaMs ? formatClock(order.heldFirstStopEtaMs) : t('common.noData') });
}
