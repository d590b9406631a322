-- A courier's fees of today are summed whenever it is enrolled in a dispatcher (the earnings balance survives a restart):
-- index delivered orders by courier and delivery time, so the sum reads today's rows, not the courier's whole history.
CREATE INDEX orders_courier_delivered_idx ON orders (courier_id, delivered_at) WHERE delivered_at IS NOT NULL;
