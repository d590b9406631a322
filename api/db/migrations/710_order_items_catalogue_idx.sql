-- How often a market's orders took each catalogue item (the WhatsApp parser's choice among goods a name matches
-- equally) is counted per item: index the order lines by the catalogue item they were priced from.
CREATE INDEX order_items_catalogue_item_idx ON order_items (catalogue_item_id) WHERE catalogue_item_id IS NOT NULL;
