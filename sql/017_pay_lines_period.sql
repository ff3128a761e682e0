-- The ledger's lines by their source and period (issue 10, living on the
-- ledger): "has this record already been paid for this month?" is asked
-- for every grant of a county when a month is generated; with the period in
-- the key it reads one grant's lines of that month, not all its months.
-- The old key (source_module, source_id) is this one's prefix.
ALTER TABLE pay_lines DROP KEY source, ADD KEY source (source_module, source_id, period);
