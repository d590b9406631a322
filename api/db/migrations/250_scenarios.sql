-- Planner scenario runs: a scenario simulated under several dispatch policies, with its progress and report.
CREATE TABLE scenario_runs (
  id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress double precision NOT NULL DEFAULT 0,
  scenario_name text NOT NULL,
  scenario jsonb NOT NULL,
  policies jsonb NOT NULL,
  result jsonb,
  error jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX scenario_runs_created_by ON scenario_runs (created_by, id);
