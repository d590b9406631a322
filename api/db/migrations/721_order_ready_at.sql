-- An order booked ahead, or one whose stalls need time to pack: when its goods are ready. No pickup is planned before
-- it, and the customer's wait (click-to-door, the hour's promise without a window) counts from it. NULL: ready at once.
ALTER TABLE orders ADD COLUMN ready_at timestamptz;
