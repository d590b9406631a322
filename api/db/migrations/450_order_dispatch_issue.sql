-- Why the dispatch loop cannot plan an order (e.g. its delivery point is farther from every road than the router
-- snaps): set when the order is set aside so the rest of its market's batch plans; null while nothing is wrong.
ALTER TABLE orders ADD COLUMN dispatch_issue text;
