-- Several `jejaring serve` nodes on one PostgreSQL: live nodes (heartbeat) and one planning lease per market.
CREATE TABLE cluster_nodes (
  node_id text PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE market_leases (
  market_id text PRIMARY KEY REFERENCES markets (id) ON DELETE CASCADE,
  node_id text NOT NULL,
  acquired_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX market_leases_node_idx ON market_leases (node_id);
