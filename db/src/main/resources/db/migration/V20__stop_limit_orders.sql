-- Signals and orders may be STOP_LIMIT: a limit order triggered at a stop price, on the exchanges that have one.
-- A signal may be a TRAILING_STOP, whose orders are followed by a trailing stop's workflow and placed as the MARKET or
-- LIMIT exit once crossed: its orders' rows carry the exit's type, the signal its trailing distance.
alter table signals add column trailing_pct numeric(38, 18) check (trailing_pct > 0 and trailing_pct < 1);
alter table signals add column trailing_amount numeric(38, 18) check (trailing_amount > 0);
alter table signals add column activation_price numeric(38, 18) check (activation_price > 0);
-- Check constraints change no generated code, and jOOQ's DDL simulation does not know PostgreSQL's constraint names.
-- [jooq ignore start]
alter table signals drop constraint signals_type_check;
alter table signals add constraint signals_type_check
    check (type in ('MARKET', 'LIMIT', 'STOP_LOSS', 'STOP_LIMIT', 'TRAILING_STOP'));
alter table orders drop constraint orders_type_check;
alter table orders add constraint orders_type_check check (type in ('MARKET', 'LIMIT', 'STOP_LOSS', 'STOP_LIMIT'));
-- [jooq ignore stop]
