-- Extensions: an offer to a courier already on a route extends that route; accepted, its stops merge into it in the
-- offered sequence (stop ids of the courier's whole proposed route). Both columns are empty for a plain offer.
ALTER TABLE offers ADD COLUMN extends_route_id text REFERENCES routes (id);
ALTER TABLE offers ADD COLUMN stop_sequence jsonb;
-- The orders an accepted extension brought (its stops now live on the extended route).
ALTER TABLE offers ADD COLUMN merged_order_ids text[];
