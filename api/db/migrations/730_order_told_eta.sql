-- The hour a customer was last told its courier is expected (named in a WhatsApp update: diproses, dikirim, or an
-- ETA change), and when an ETA change was last recorded for the order (order.eta_changed; at most one per quiet
-- period). NULL: never told an hour / never changed.
ALTER TABLE orders ADD COLUMN told_eta timestamptz;
ALTER TABLE orders ADD COLUMN eta_notice_at timestamptz;
