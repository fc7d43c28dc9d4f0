-- Signals and orders may be STOP_LIMIT: a limit order triggered at a stop price, on the exchanges that have one.
-- Check constraints change no generated code, and jOOQ's DDL simulation does not know PostgreSQL's constraint names.
-- [jooq ignore start]
alter table signals drop constraint signals_type_check;
alter table signals add constraint signals_type_check check (type in ('MARKET', 'LIMIT', 'STOP_LOSS', 'STOP_LIMIT'));
alter table orders drop constraint orders_type_check;
alter table orders add constraint orders_type_check check (type in ('MARKET', 'LIMIT', 'STOP_LOSS', 'STOP_LIMIT'));
-- [jooq ignore stop]
