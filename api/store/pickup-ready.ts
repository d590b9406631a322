// When a pickup's goods are ready: the order's booked hour or the stall's last line of it, whichever is later (SQL).

/** SQL for the ready time of order `orderId`'s pickup whose latest line is ready at `lastLineReadyAt`; NULL: at once. */
export function pickupReadyAtSql(orderId: string, lastLineReadyAt: string): string {
  return `GREATEST((SELECT ro.booked_for FROM orders ro WHERE ro.id = ${orderId}), ${lastLineReadyAt})`;
}

/** SQL for the latest ready time of order `orderId`'s lines at stall `stallId` (outside a query grouped by them). */
export function stallLinesReadyAtSql(orderId: string, stallId: string): string {
  return `(SELECT max(ri.ready_at) FROM order_items ri WHERE ri.order_id = ${orderId} AND ri.stall_id = ${stallId})`;
}
