// When an order is expected at the customer's door: its delivery stop's ETA on the route its courier rides (SQL).

/** SQL for the ETA of order `orderAlias`'s delivery while its courier still has it to do; NULL otherwise. */
export function deliveryEtaSql(orderAlias: string): string {
  return `(SELECT ds.eta FROM stops ds WHERE ds.route_id = ${orderAlias}.route_id AND ds.order_id = ${orderAlias}.id
    AND ds.kind = 'delivery' AND ds.status IN ('pending', 'arrived') ORDER BY ds.position LIMIT 1)`;
}
