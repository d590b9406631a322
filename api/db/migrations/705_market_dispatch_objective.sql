-- A market's dispatch objective weights (speed for customers against courier time and km, lateness, fair work):
-- only the weights the market changed, snake_case keys; absent keys keep the dispatcher's defaults.
ALTER TABLE markets ADD COLUMN dispatch_objective jsonb NOT NULL DEFAULT '{}'::jsonb;
