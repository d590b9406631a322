-- The fleet whose API key created an order (a partner app taking orders), so the fleet can follow it; null otherwise.
ALTER TABLE orders ADD COLUMN source_fleet_id text REFERENCES fleets (id);
CREATE INDEX orders_source_fleet_idx ON orders (source_fleet_id) WHERE source_fleet_id IS NOT NULL;
