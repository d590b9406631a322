-- Stall price lists: each stall's catalogue (item, unit, price and weight per unit, available today), every price
-- change kept in catalogue_prices, and order items that name the catalogue item they were priced from.

CREATE TABLE catalogue_items (
  id text PRIMARY KEY,
  market_id text NOT NULL REFERENCES markets (id),
  stall_id text NOT NULL REFERENCES stalls (id),
  name text NOT NULL,
  unit text NOT NULL,
  price_rp integer NOT NULL CHECK (price_rp >= 0),
  -- Weight of one unit (kg); a line weighs quantity × weight_kg.
  weight_kg double precision NOT NULL CHECK (weight_kg >= 0),
  available boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stall_id, name, unit)
);
CREATE INDEX catalogue_items_market_idx ON catalogue_items (market_id, stall_id);

-- Price history: one row per change of price or availability (the first row is the item's creation).
CREATE TABLE catalogue_prices (
  seq bigserial PRIMARY KEY,
  item_id text NOT NULL REFERENCES catalogue_items (id) ON DELETE CASCADE,
  price_rp integer NOT NULL CHECK (price_rp >= 0),
  available boolean NOT NULL,
  source text NOT NULL CHECK (source IN ('form', 'csv')),
  recorded_by text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalogue_prices_item_idx ON catalogue_prices (item_id, seq);

ALTER TABLE order_items ADD COLUMN catalogue_item_id text REFERENCES catalogue_items (id);
-- A line typed in by a coordinator (name, price and weight given by hand) rather than priced from a catalogue.
ALTER TABLE order_items ADD COLUMN free_text boolean GENERATED ALWAYS AS (catalogue_item_id IS NULL) STORED;
