-- WhatsApp intake: a Cloud API phone number per market, every received message (its WhatsApp id makes retries
-- harmless), the draft order the messages of one customer build up, and the replies waiting to be sent.

CREATE TABLE whatsapp_channels (
  market_id text PRIMARY KEY REFERENCES markets (id),
  phone_number_id text NOT NULL UNIQUE,
  verify_token text NOT NULL,
  app_secret text NOT NULL,
  access_token text NOT NULL,
  -- Graph API base (https://graph.facebook.com/v21.0 by default); a stand-in server in tests.
  api_base_url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_drafts (
  id text PRIMARY KEY,
  market_id text NOT NULL REFERENCES markets (id),
  customer_phone text NOT NULL,
  customer_name text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'discarded')),
  -- The customer's messages, oldest first, as written.
  message_text text NOT NULL DEFAULT '',
  -- Parsed catalogue items [{catalogue_item_id, name, quantity, unit, budget_rp, text, confidence}] and unread parts.
  items jsonb NOT NULL DEFAULT '[]',
  unparsed jsonb NOT NULL DEFAULT '[]',
  address_text text,
  landmark text,
  location geography(Point, 4326),
  message_count integer NOT NULL DEFAULT 0,
  order_id text REFERENCES orders (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One open draft per customer and market: later messages add to it.
CREATE UNIQUE INDEX order_drafts_open_idx ON order_drafts (market_id, customer_phone) WHERE status = 'open';
CREATE INDEX order_drafts_market_idx ON order_drafts (market_id, status, id);
CREATE INDEX order_drafts_order_idx ON order_drafts (order_id);

CREATE TABLE whatsapp_messages (
  id text PRIMARY KEY,
  market_id text NOT NULL REFERENCES markets (id),
  from_phone text NOT NULL,
  kind text NOT NULL,
  body jsonb NOT NULL,
  draft_id text REFERENCES order_drafts (id),
  sent_at timestamptz,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX whatsapp_messages_draft_idx ON whatsapp_messages (draft_id);

CREATE TABLE whatsapp_outbox (
  id text PRIMARY KEY,
  market_id text NOT NULL REFERENCES markets (id),
  to_phone text NOT NULL,
  order_id text REFERENCES orders (id),
  -- The event that caused the reply (status updates), so each is sent once.
  event_id text UNIQUE,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  provider_message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX whatsapp_outbox_due_idx ON whatsapp_outbox (next_attempt_at) WHERE status = 'pending';

-- How far the reply loop has read the event log for order status updates.
CREATE TABLE whatsapp_event_cursor (
  id integer PRIMARY KEY CHECK (id = 1),
  last_seq bigint NOT NULL
);
INSERT INTO whatsapp_event_cursor (id, last_seq) VALUES (1, 0);
