-- The hour the order's courier was expected at the door when it accepted the order: the hour the customer was told,
-- which later plans keep (the told-hour term). Kept so a dispatcher that starts again plans with it. NULL: not accepted.
ALTER TABLE orders ADD COLUMN accepted_eta timestamptz;
