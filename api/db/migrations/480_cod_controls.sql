-- Cash-on-delivery controls: per-market bounds on substitutes and collected cash, approval of dear substitutes,
-- and every shortfall or surplus at the door kept against the courier until a dispatcher settles it.
CREATE TABLE market_cod_policies (
  market_id text PRIMARY KEY REFERENCES markets (id) ON DELETE CASCADE,
  -- A substitute may cost up to this percentage of the original unit price without approval.
  substitution_cap_pct integer NOT NULL DEFAULT 150 CHECK (substitution_cap_pct BETWEEN 100 AND 1000),
  -- Cash collected may exceed the amount due by at most this much (a customer leaving the change).
  surplus_max_rp integer NOT NULL DEFAULT 50000 CHECK (surplus_max_rp BETWEEN 0 AND 10000000),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- within_cap: charged at its price; awaiting: charged at the original price until approved; approved_by_*: charged.
ALTER TABLE order_items ADD COLUMN substitute_approval text
  CHECK (substitute_approval IN ('within_cap', 'awaiting', 'approved_by_customer', 'approved_by_dispatcher'));
ALTER TABLE order_items ADD COLUMN substitute_approved_by text;

CREATE TABLE cod_discrepancies (
  order_id text PRIMARY KEY REFERENCES orders (id),
  market_id text NOT NULL REFERENCES markets (id),
  courier_id text NOT NULL REFERENCES couriers (id),
  due_rp integer NOT NULL CHECK (due_rp >= 0),
  collected_rp integer NOT NULL CHECK (collected_rp >= 0),
  recorded_at timestamptz NOT NULL,
  settled_at timestamptz,
  settled_by text,
  settlement_note text,
  CHECK (due_rp <> collected_rp)
);
CREATE INDEX cod_discrepancies_open_ix ON cod_discrepancies (market_id, courier_id) WHERE settled_at IS NULL;
CREATE INDEX cod_discrepancies_courier_ix ON cod_discrepancies (courier_id) WHERE settled_at IS NULL;
