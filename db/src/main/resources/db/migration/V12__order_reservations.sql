-- The order ledger: an order reserves funds from the moment its pre-trade check approved it, in the same transaction
-- that checked it (while the portfolio's row is locked), not from the moment its planner wrote it. A NEW order with no
-- reserved_at was never approved and reserves nothing. reserved_price is the price a buy's quote reservation is valued
-- at (its valuation price at the check); null for sells and for orders approved before the ledger existed.
alter table orders add column reserved_at timestamptz;
alter table orders add column reserved_price numeric(38, 18);
