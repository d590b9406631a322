-- A line the stall needs time for (fish being cleaned, a tumpeng to cook): when the stall has it ready. The courier's
-- pickup at that stall is planned for the latest of its lines; the customer's wait still counts from the order.
ALTER TABLE order_items ADD COLUMN ready_at timestamptz;
