-- What each connection's account stream (the exchange's user-data stream, or its catch-up read) reports, kept so that
-- the API and pre-trade checks read the database instead of asking the exchange on every request.

-- The account's funds per asset as the exchange last reported them; exchange_time orders reports, so an older
-- catch-up read never overwrites a newer stream event.
create table account_balances (
    connection_id uuid            not null references exchange_connections (id),
    asset         varchar(16)     not null,
    free          numeric(38, 18) not null check (free >= 0),
    locked        numeric(38, 18) not null check (locked >= 0),
    exchange_time timestamptz     not null,
    updated_at    timestamptz     not null default now(),
    primary key (connection_id, asset)
);

-- Executions (trades) of the account as the stream or the catch-up read saw them, once each: the exchange's trade id
-- is unique per symbol (Binance), so (connection, symbol, trade id) identifies one; a duplicate event or a trade both
-- streamed and read back is one row. symbol is the exchange's own (BTCEUR on Binance).
create table stream_executions (
    connection_id     uuid            not null references exchange_connections (id),
    symbol            varchar(32)     not null,
    trade_id          varchar(64)     not null,
    exchange_order_id varchar(128)    not null,
    client_order_id   varchar(64),
    side              varchar(8)      not null check (side in ('BUY', 'SELL')),
    quantity          numeric(38, 18) not null check (quantity > 0),
    price             numeric(38, 18) not null check (price > 0),
    fee               numeric(38, 18) not null check (fee >= 0),
    fee_asset         varchar(16),
    order_status      varchar(32),
    executed_at       timestamptz     not null,
    source            varchar(16)     not null check (source in ('STREAM', 'CATCH_UP')),
    recorded_at       timestamptz     not null default now(),
    primary key (connection_id, symbol, trade_id)
);
create index stream_executions_order_idx on stream_executions (connection_id, exchange_order_id);

-- The last price the account traded at per exchange and symbol, from the stream's executions.
create table last_prices (
    exchange   varchar(16)     not null,
    symbol     varchar(32)     not null,
    price      numeric(38, 18) not null check (price > 0),
    traded_at  timestamptz     not null,
    updated_at timestamptz     not null default now(),
    primary key (exchange, symbol)
);

-- The runtime role's DML on these tables, as V7 grants it on the earlier ones (its default privileges cover tables
-- the migration role creates later too; this states it for these three where the roles differ).
-- [jooq ignore start]
do $$
declare
    runtime_role text := '${app_role}';
begin
    if runtime_role = current_user then
        return;
    end if;
    execute format('grant select, insert, update, delete on account_balances, stream_executions, last_prices to %I',
                   runtime_role);
end
$$;
-- [jooq ignore stop]
