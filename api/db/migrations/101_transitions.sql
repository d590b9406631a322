-- Transitions (helper C2): exchange orders, per-item refusal, stop outcomes. Rules live in api/domain; these are the columns they write.

-- An exchange is a child order (orders.parent_order_id) whose items point at the refused parent items.
ALTER TABLE orders ADD COLUMN kind text NOT NULL DEFAULT 'standard' CHECK (kind IN ('standard', 'exchange'));
ALTER TABLE orders ADD COLUMN delivered_at timestamptz;
ALTER TABLE order_items ADD COLUMN parent_item_id text REFERENCES order_items (id);
ALTER TABLE order_items ADD COLUMN note text;
CREATE INDEX order_items_parent_idx ON order_items (parent_item_id) WHERE parent_item_id IS NOT NULL;

-- What happened at a stop: the failure reason, the cash taken at a delivery.
ALTER TABLE stops ADD COLUMN failure_reason text;
ALTER TABLE stops ADD COLUMN cod_collected_rp integer CHECK (cod_collected_rp >= 0);
