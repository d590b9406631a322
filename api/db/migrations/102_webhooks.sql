-- Webhooks to fleets (helper C2): one delivery per (fleet, outbox event), its attempts, and the outbox read position.

CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  fleet_id text NOT NULL REFERENCES fleets (id),
  event_seq bigint NOT NULL,
  -- The event id is also the `webhook-id` header: the same on every retry, so receivers can de-duplicate.
  event_id text NOT NULL,
  event_type text NOT NULL,
  url text NOT NULL,
  -- The exact JSON text that is signed and sent.
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'dead', 'disabled')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  leased_until timestamptz,
  last_response_code integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (fleet_id, event_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_fleet_seq_idx ON webhook_deliveries (fleet_id, event_seq);
CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id);

CREATE TABLE webhook_attempts (
  delivery_id text NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  attempted_at timestamptz NOT NULL,
  response_code integer,
  error text,
  duration_ms integer NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);

-- Every event with seq ≤ last_seq has been considered. Advanced only past events older than a safety margin,
-- because a bigserial value can commit after larger ones; newer events are re-scanned and de-duplicated.
CREATE TABLE webhook_outbox_cursor (
  name text PRIMARY KEY,
  last_seq bigint NOT NULL
);
INSERT INTO webhook_outbox_cursor (name, last_seq) VALUES ('fleets', 0);

-- The outbox scan reads only events addressed to a fleet.
CREATE INDEX events_fleet_only_seq_idx ON events (seq) WHERE fleet_id IS NOT NULL;
