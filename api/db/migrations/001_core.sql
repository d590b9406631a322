-- Core schema: markets, stalls, customers, orders, fleets, couriers, plans, offers, the event log and idempotency keys.
-- Ids are prefixed text made in TypeScript; money is integer rupiah (_rp), weights kg, distances metres, times timestamptz.
-- State-machine rules live in TypeScript (api/domain); columns here only hold the current state and a version.

CREATE TABLE markets (
  id text PRIMARY KEY,
  name text NOT NULL,
  city text NOT NULL,
  location geography(Point, 4326) NOT NULL,
  service_area geography(Polygon, 4326),
  service_radius_m integer CHECK (service_radius_m > 0),
  opening_hours jsonb NOT NULL DEFAULT '[]',
  bases jsonb NOT NULL DEFAULT '[]',
  tariff_base_rp integer NOT NULL DEFAULT 5000 CHECK (tariff_base_rp >= 0),
  tariff_per_km_rp integer NOT NULL DEFAULT 2000 CHECK (tariff_per_km_rp >= 0),
  tariff_min_rp integer NOT NULL DEFAULT 8000 CHECK (tariff_min_rp >= 0),
  tariff_max_rp integer NOT NULL DEFAULT 15000 CHECK (tariff_max_rp >= tariff_min_rp),
  timezone text NOT NULL DEFAULT 'Asia/Jakarta',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX markets_location_gix ON markets USING gist (location);
CREATE INDEX markets_service_area_gix ON markets USING gist (service_area);

CREATE TABLE stalls (
  id text PRIMARY KEY,
  market_id text NOT NULL REFERENCES markets (id),
  name text NOT NULL,
  stall_code text NOT NULL,
  location geography(Point, 4326) NOT NULL,
  categories text[] NOT NULL DEFAULT '{}',
  opening_hours jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (market_id, stall_code)
);
CREATE INDEX stalls_location_gix ON stalls USING gist (location);

CREATE TABLE customers (
  id text PRIMARY KEY,
  market_id text REFERENCES markets (id),
  name text NOT NULL,
  phone text NOT NULL,
  address geography(Point, 4326) NOT NULL,
  landmark text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_address_gix ON customers USING gist (address);

CREATE TABLE fleets (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ojol', 'pangkalan')),
  name text NOT NULL,
  market_ids text[] NOT NULL DEFAULT '{}',
  webhook_url text,
  webhook_secret text,
  webhook_enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fleet_api_keys (
  id text PRIMARY KEY,
  fleet_id text NOT NULL REFERENCES fleets (id),
  salt bytea NOT NULL,
  hash bytea NOT NULL,
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX fleet_api_keys_fleet_idx ON fleet_api_keys (fleet_id);

CREATE TABLE couriers (
  id text PRIMARY KEY,
  fleet_id text NOT NULL REFERENCES fleets (id),
  name text NOT NULL,
  phone text,
  vehicle text NOT NULL DEFAULT 'motorbike' CHECK (vehicle IN ('motorbike', 'bicycle', 'car', 'foot')),
  capacity_kg double precision NOT NULL DEFAULT 20 CHECK (capacity_kg > 0),
  cash_float_rp integer NOT NULL DEFAULT 0 CHECK (cash_float_rp >= 0),
  skills text[] NOT NULL DEFAULT '{}',
  shift_start time,
  shift_end time,
  home_market_id text REFERENCES markets (id),
  status text NOT NULL DEFAULT 'offline',
  last_position geography(Point, 4326),
  last_position_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX couriers_fleet_idx ON couriers (fleet_id);
CREATE INDEX couriers_status_idx ON couriers (status);
CREATE INDEX couriers_last_position_gix ON couriers USING gist (last_position);

CREATE TABLE courier_positions (
  courier_id text NOT NULL REFERENCES couriers (id) ON DELETE CASCADE,
  recorded_at timestamptz NOT NULL,
  location geography(Point, 4326) NOT NULL,
  accuracy_m real,
  speed_mps real,
  heading_deg real,
  PRIMARY KEY (courier_id, recorded_at)
);
CREATE INDEX courier_positions_recorded_idx ON courier_positions (recorded_at);

CREATE TABLE plans (
  id text PRIMARY KEY,
  market_id text NOT NULL REFERENCES markets (id),
  version integer NOT NULL,
  status text NOT NULL DEFAULT 'active',
  objective jsonb NOT NULL DEFAULT '{}',
  stats jsonb NOT NULL DEFAULT '{}',
  unassigned jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (market_id, version)
);

CREATE TABLE routes (
  id text PRIMARY KEY,
  plan_id text NOT NULL REFERENCES plans (id),
  market_id text NOT NULL REFERENCES markets (id),
  courier_id text REFERENCES couriers (id),
  status text NOT NULL DEFAULT 'planned',
  distance_m integer NOT NULL DEFAULT 0,
  duration_s integer NOT NULL DEFAULT 0,
  geometry geography(LineString, 4326),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routes_plan_idx ON routes (plan_id);
CREATE INDEX routes_courier_idx ON routes (courier_id);

CREATE TABLE orders (
  id text PRIMARY KEY,
  market_id text NOT NULL REFERENCES markets (id),
  customer_id text NOT NULL REFERENCES customers (id),
  status text NOT NULL DEFAULT 'created',
  delivery_location geography(Point, 4326) NOT NULL,
  delivery_note text,
  window_start timestamptz,
  window_end timestamptz,
  goods_total_rp integer NOT NULL CHECK (goods_total_rp >= 0),
  fee_rp integer NOT NULL CHECK (fee_rp >= 0),
  cod_total_rp integer NOT NULL CHECK (cod_total_rp >= 0),
  cod_collected_rp integer,
  weight_kg double precision NOT NULL DEFAULT 0,
  parent_order_id text REFERENCES orders (id),
  courier_id text REFERENCES couriers (id),
  route_id text REFERENCES routes (id),
  external_ref text,
  failure_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (window_end IS NULL OR window_start IS NULL OR window_end > window_start)
);
CREATE INDEX orders_market_status_idx ON orders (market_id, status, id);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_courier_idx ON orders (courier_id);
CREATE INDEX orders_parent_idx ON orders (parent_order_id);
CREATE INDEX orders_delivery_gix ON orders USING gist (delivery_location);

CREATE TABLE order_items (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  stall_id text NOT NULL REFERENCES stalls (id),
  position integer NOT NULL,
  name text NOT NULL,
  quantity double precision NOT NULL CHECK (quantity > 0),
  unit text NOT NULL DEFAULT 'pcs',
  unit_price_rp integer NOT NULL CHECK (unit_price_rp >= 0),
  weight_kg double precision NOT NULL DEFAULT 0 CHECK (weight_kg >= 0),
  outcome text NOT NULL DEFAULT 'pending',
  substitute_name text,
  substitute_price_rp integer,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (order_id, position)
);
CREATE INDEX order_items_stall_idx ON order_items (stall_id);

CREATE TABLE stops (
  id text PRIMARY KEY,
  route_id text NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
  position integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('start', 'pickup', 'delivery', 'return', 'end')),
  order_id text REFERENCES orders (id),
  stall_id text REFERENCES stalls (id),
  location geography(Point, 4326) NOT NULL,
  eta timestamptz,
  window_start timestamptz,
  window_end timestamptz,
  service_s integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'pending',
  frozen boolean NOT NULL DEFAULT false,
  arrived_at timestamptz,
  completed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (route_id, position)
);
CREATE INDEX stops_order_idx ON stops (order_id);

CREATE TABLE offers (
  id text PRIMARY KEY,
  route_id text NOT NULL REFERENCES routes (id),
  courier_id text NOT NULL REFERENCES couriers (id),
  market_id text NOT NULL REFERENCES markets (id),
  status text NOT NULL DEFAULT 'pending',
  expires_at timestamptz NOT NULL,
  responded_at timestamptz,
  decline_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offers_courier_idx ON offers (courier_id, status);
CREATE INDEX offers_pending_expiry_idx ON offers (expires_at) WHERE status = 'pending';

-- Append-only event log; `seq` orders everything. Also the outbox read by streams and webhooks.
CREATE TABLE events (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  type text NOT NULL,
  market_id text,
  fleet_id text,
  courier_id text,
  order_id text,
  payload jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_market_seq_idx ON events (market_id, seq);
CREATE INDEX events_fleet_seq_idx ON events (fleet_id, seq);
CREATE INDEX events_courier_seq_idx ON events (courier_id, seq);
CREATE INDEX events_order_seq_idx ON events (order_id, seq);

CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);

-- Issued bearer tokens (the token itself is HMAC-signed; this table allows listing and revoking them).
CREATE TABLE tokens (
  id text PRIMARY KEY,
  role text NOT NULL,
  subject_id text NOT NULL,
  fleet_id text,
  market_ids text[] NOT NULL DEFAULT '{}',
  issued_by text,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
