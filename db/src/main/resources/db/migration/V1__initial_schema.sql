-- The first schema of AlgoMarket.
-- Money, prices and quantities are NUMERIC: binary floating point cannot represent 0.1 and would drift.
-- Statuses are text with CHECK constraints rather than PostgreSQL enums, so that a later migration can add a value
-- inside a transaction.
-- A landed migration is never edited: changes go into a new V<n>__*.sql file.

create table users (
    id                uuid primary key,
    -- Stored lower-cased, so the unique constraint is case-insensitive.
    email             varchar(254) not null unique,
    username          varchar(32)  not null,
    username_key      varchar(32)  not null unique, -- lower(username): "Alice" and "alice" are the same user
    password_hash     text         not null,
    role              varchar(16)  not null check (role in ('USER', 'DEVELOPER')),
    status            varchar(32)  not null check (status in ('PENDING_VERIFICATION', 'VERIFIED', 'DISABLED')),
    notifications     jsonb        not null default '{}',
    terms_accepted_at timestamptz  not null,
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now()
);

-- One row per verification email. Code and link token are stored only as hashes.
create table email_verifications (
    id          uuid primary key,
    user_id     uuid        not null references users (id),
    code_hash   varchar(64) not null,
    token_hash  varchar(64) not null unique,
    attempts    integer     not null default 0 check (attempts >= 0),
    expires_at  timestamptz not null,
    sent_at     timestamptz,
    consumed_at timestamptz,
    created_at  timestamptz not null default now()
);
create index email_verifications_user_idx on email_verifications (user_id);

-- API keys and secrets are stored only as ciphertext (AES-256-GCM); key_fingerprint is a keyed hash for
-- recognising the same key twice without being able to recover it.
create table exchange_connections (
    id                    uuid primary key,
    user_id               uuid         not null references users (id),
    exchange              varchar(16)  not null
        check (exchange in ('BINANCE', 'COINBASE', 'KRAKEN', 'BITSTAMP', 'KUCOIN', 'BITVAVO', 'PAPER')),
    name                  varchar(64)  not null,
    api_key_ciphertext    bytea        not null,
    api_secret_ciphertext bytea        not null,
    passphrase_ciphertext bytea,
    key_fingerprint       varchar(128) not null,
    can_read              boolean      not null,
    can_trade             boolean      not null,
    -- null: the exchange does not tell whether the key may withdraw.
    can_withdraw          boolean,
    status                varchar(16)  not null check (status in ('ACTIVE', 'PAUSED', 'REVOKED', 'DELETED')),
    status_reason         text,
    created_at            timestamptz  not null default now(),
    updated_at            timestamptz  not null default now(),
    unique (user_id, name)
);

create table algorithms (
    id             uuid primary key,
    developer_id   uuid           not null references users (id),
    name           varchar(100)   not null,
    description    text           not null,
    exchanges      varchar(16)[]  not null,
    quote_currency varchar(16)    not null,
    symbols        varchar(32)[]  not null,
    price_amount   numeric(38, 18) not null check (price_amount >= 0),
    price_currency varchar(8)     not null,
    period_days    integer        not null check (period_days > 0),
    -- null: unlimited seats.
    seats_total    integer check (seats_total > 0),
    seats_taken    integer        not null default 0 check (seats_taken >= 0),
    status         varchar(16)    not null check (status in ('PUBLISHED', 'RETIRED')),
    created_at     timestamptz    not null default now(),
    updated_at     timestamptz    not null default now(),
    check (seats_total is null or seats_taken <= seats_total)
);

create table coupons (
    id              uuid primary key,
    algorithm_id    uuid            not null references algorithms (id),
    code            varchar(64)     not null,
    percent_off     numeric(5, 2) check (percent_off > 0 and percent_off <= 100),
    amount_off      numeric(38, 18) check (amount_off > 0),
    max_redemptions integer check (max_redemptions > 0),
    redemptions     integer         not null default 0 check (redemptions >= 0),
    expires_at      timestamptz,
    created_at      timestamptz     not null default now(),
    unique (algorithm_id, code),
    check ((percent_off is null) <> (amount_off is null)),
    check (max_redemptions is null or redemptions <= max_redemptions)
);

create table purchases (
    id                       uuid primary key,
    user_id                  uuid            not null references users (id),
    algorithm_id             uuid            not null references algorithms (id),
    coupon_id                uuid references coupons (id),
    periods                  integer         not null check (periods > 0),
    amount                   numeric(38, 18) not null check (amount >= 0),
    currency                 varchar(8)      not null,
    status                   varchar(32)     not null
        check (status in ('AWAITING_PAYMENT', 'ACTIVE', 'PAYMENT_FAILED', 'EXPIRED', 'CANCELLED')),
    stripe_payment_intent_id varchar(255),
    starts_at                timestamptz,
    ends_at                  timestamptz,
    workflow_id              varchar(255)    not null,
    created_at               timestamptz     not null default now(),
    updated_at               timestamptz     not null default now()
);
create index purchases_user_idx on purchases (user_id);
create index purchases_algorithm_idx on purchases (algorithm_id);

create table portfolios (
    id             uuid primary key,
    user_id        uuid            not null references users (id),
    purchase_id    uuid            not null references purchases (id),
    connection_id  uuid            not null references exchange_connections (id),
    algorithm_id   uuid            not null references algorithms (id),
    size           numeric(38, 18) not null check (size > 0),
    quote_currency varchar(16)     not null,
    status         varchar(16)     not null check (status in ('ACTIVE', 'PAUSED', 'KILLED', 'CLOSED')),
    status_reason  text,
    created_at     timestamptz     not null default now(),
    updated_at     timestamptz     not null default now()
);
create index portfolios_user_idx on portfolios (user_id);
create index portfolios_algorithm_idx on portfolios (algorithm_id);
create index portfolios_connection_idx on portfolios (connection_id);

create table signals (
    id                 uuid primary key,
    algorithm_id       uuid            not null references algorithms (id),
    symbol             varchar(32)     not null,
    side               varchar(8)      not null check (side in ('BUY', 'SELL')),
    type               varchar(16)     not null check (type in ('MARKET', 'LIMIT', 'STOP_LOSS')),
    portfolio_fraction numeric(38, 18) check (portfolio_fraction > 0 and portfolio_fraction <= 1),
    quantity           numeric(38, 18) check (quantity > 0),
    limit_price        numeric(38, 18) check (limit_price > 0),
    stop_price         numeric(38, 18) check (stop_price > 0),
    time_in_force      varchar(8) check (time_in_force in ('GTC', 'IOC', 'FOK')),
    timeout_seconds    integer check (timeout_seconds > 0),
    idempotency_key    varchar(255),
    created_at         timestamptz     not null default now(),
    unique (algorithm_id, idempotency_key),
    check ((portfolio_fraction is null) <> (quantity is null))
);

create table orders (
    id                uuid primary key,
    portfolio_id      uuid            not null references portfolios (id),
    -- null for orders adopted by reconciliation that no signal of ours explains.
    signal_id         uuid references signals (id),
    client_order_id   varchar(64)     not null unique,
    exchange_order_id varchar(128),
    exchange          varchar(16)     not null,
    symbol            varchar(32)     not null,
    side              varchar(8)      not null check (side in ('BUY', 'SELL')),
    type              varchar(16)     not null check (type in ('MARKET', 'LIMIT', 'STOP_LOSS')),
    time_in_force     varchar(8) check (time_in_force in ('GTC', 'IOC', 'FOK')),
    quantity          numeric(38, 18) not null check (quantity >= 0),
    limit_price       numeric(38, 18),
    stop_price        numeric(38, 18),
    filled_quantity   numeric(38, 18) not null default 0 check (filled_quantity >= 0),
    average_price     numeric(38, 18),
    status            varchar(32)     not null
        check (status in ('NEW', 'PENDING', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED')),
    reason            text,
    workflow_id       varchar(255)    not null,
    created_at        timestamptz     not null default now(),
    updated_at        timestamptz     not null default now(),
    unique (portfolio_id, signal_id)
);
create index orders_portfolio_idx on orders (portfolio_id);

-- Fills are deduplicated by the exchange's trade id: the same trade imported twice is one row.
create table fills (
    id                uuid primary key,
    order_id          uuid            not null references orders (id),
    exchange_trade_id varchar(128)    not null,
    price             numeric(38, 18) not null check (price > 0),
    quantity          numeric(38, 18) not null check (quantity > 0),
    fee               numeric(38, 18) not null default 0,
    fee_asset         varchar(16),
    executed_at       timestamptz     not null,
    created_at        timestamptz     not null default now(),
    unique (order_id, exchange_trade_id)
);

create table positions (
    portfolio_id  uuid            not null references portfolios (id),
    symbol        varchar(32)     not null,
    quantity      numeric(38, 18) not null default 0,
    average_cost  numeric(38, 18) not null default 0,
    realized_pnl  numeric(38, 18) not null default 0,
    updated_at    timestamptz     not null default now(),
    primary key (portfolio_id, symbol)
);

-- Append-only record of every state change. The database itself refuses UPDATE, DELETE and TRUNCATE,
-- so not even a bug in the application (or a hurried operator) can rewrite history.
create table audit_log (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz  not null default now(),
    actor       varchar(255) not null,
    entity_type varchar(64)  not null,
    entity_id   varchar(255) not null,
    action      varchar(64)  not null,
    details     jsonb        not null default '{}'
);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);

-- [jooq ignore start]
create function audit_log_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_update_or_delete
    before update or delete on audit_log
    for each row execute function audit_log_is_append_only();

create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_is_append_only();
-- [jooq ignore stop]
