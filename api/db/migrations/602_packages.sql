-- Subsidised packages (operasi pasar): fixed packages a market sells from a limited stock per distribution point,
-- with a quota per household per period. Stock can never go below zero, nor a household's use above its quota.

CREATE TABLE packages (
  id text PRIMARY KEY,
  market_id text NOT NULL REFERENCES markets (id),
  name text NOT NULL,
  contents text NOT NULL DEFAULT '',
  price_rp integer NOT NULL CHECK (price_rp >= 0),
  weight_kg double precision NOT NULL DEFAULT 0 CHECK (weight_kg >= 0),
  quota_per_household integer NOT NULL CHECK (quota_per_household > 0),
  quota_period text NOT NULL CHECK (quota_period IN ('day', 'week', 'month')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX packages_market_idx ON packages (market_id);

CREATE TABLE distribution_points (
  id text PRIMARY KEY,
  market_id text NOT NULL REFERENCES markets (id),
  name text NOT NULL,
  location geography(Point, 4326) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX distribution_points_market_idx ON distribution_points (market_id);

CREATE TABLE package_stock (
  package_id text NOT NULL REFERENCES packages (id),
  point_id text NOT NULL REFERENCES distribution_points (id),
  stock_total integer NOT NULL CHECK (stock_total >= 0),
  stock_left integer NOT NULL CHECK (stock_left >= 0 AND stock_left <= stock_total),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (package_id, point_id)
);

-- Packages taken per household (phone number or household id) per period (its first day in the market's zone).
CREATE TABLE package_quota_use (
  package_id text NOT NULL REFERENCES packages (id),
  household text NOT NULL,
  period_start date NOT NULL,
  used integer NOT NULL CHECK (used > 0),
  PRIMARY KEY (package_id, household, period_start)
);

CREATE TABLE package_orders (
  id text PRIMARY KEY,
  package_id text NOT NULL REFERENCES packages (id),
  point_id text NOT NULL REFERENCES distribution_points (id),
  market_id text NOT NULL REFERENCES markets (id),
  household text NOT NULL,
  phone text,
  quantity integer NOT NULL CHECK (quantity > 0),
  total_rp integer NOT NULL CHECK (total_rp >= 0),
  period_start date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX package_orders_package_idx ON package_orders (package_id, point_id);
