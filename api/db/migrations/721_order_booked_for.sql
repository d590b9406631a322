-- An order booked for a later hour: the stalls have its goods ready then, no stall is visited before it, and the
-- customer's wait (click-to-door, the hour's promise without a window) counts from it. NULL: wanted at once.
ALTER TABLE orders ADD COLUMN booked_for timestamptz;
