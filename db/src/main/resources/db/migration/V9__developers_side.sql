-- The developers' side of the store: algorithm API keys, signal hooks and the indexes that page the store.
-- The runtime role needs no grant here: V7 set default privileges, so tables created by the migration role get DML for
-- it (and where one role both migrates and runs, it owns them).

-- A key that posts signals for one algorithm. Only a SHA-256 of the key is kept: the key is 256 random bits, so no
-- guessing attack needs slowing down; lookup_prefix (a random, non-secret part of the key) finds the row.
create table algorithm_api_keys (
    id            uuid primary key,
    algorithm_id  uuid         not null references algorithms (id),
    name          varchar(100) not null,
    lookup_prefix varchar(16)  not null unique,
    key_hash      varchar(64)  not null,
    created_at    timestamptz  not null default now(),
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index algorithm_api_keys_algorithm_idx on algorithm_api_keys (algorithm_id);

-- One signal hook per algorithm: a secret URL for TradingView-style alerts. Rotating replaces the token's hash, so the
-- old URL stops working with that statement. Optional default sizing for alerts that carry none.
create table signal_hooks (
    id                         uuid primary key,
    algorithm_id               uuid            not null unique references algorithms (id),
    token_hash                 varchar(64)     not null unique,
    default_portfolio_fraction numeric(38, 18) check (default_portfolio_fraction > 0 and default_portfolio_fraction <= 1),
    default_quantity           numeric(38, 18) check (default_quantity > 0),
    created_at                 timestamptz     not null default now(),
    rotated_at                 timestamptz     not null default now(),
    check (default_portfolio_fraction is null or default_quantity is null)
);

-- The alerts a hook took in its last minute: the primary key makes concurrent identical alerts one signal.
create table hook_alerts (
    hook_id     uuid        not null references signal_hooks (id),
    body_hash   varchar(64) not null,
    signal_id   uuid        not null,
    received_at timestamptz not null default now(),
    primary key (hook_id, body_hash)
);
create index hook_alerts_received_idx on hook_alerts (hook_id, received_at);

-- The store pages by keyset; a developer's storefront and sales read by developer. Status leads (rather than a partial
-- index) because the status is a bind parameter, which a generic plan cannot match to a partial index's predicate.
-- [jooq ignore start]
create index algorithms_store_newest_idx on algorithms (status, created_at desc, id);
create index algorithms_store_price_idx on algorithms (status, price_amount, id);
create index algorithms_developer_idx on algorithms (developer_id);
-- [jooq ignore stop]
