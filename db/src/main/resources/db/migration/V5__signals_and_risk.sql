-- Per-portfolio risk limits. Null takes the deployment's default (algomarket.risk.* in application.yml), so that a
-- change of the defaults reaches every portfolio that did not choose its own.
alter table portfolios
    add column max_order_notional    numeric(38, 18) check (max_order_notional > 0),
    add column max_position_notional numeric(38, 18) check (max_position_notional > 0),
    add column max_orders_per_minute integer check (max_orders_per_minute > 0),
    add column daily_loss_limit      numeric(38, 18) check (daily_loss_limit > 0);

-- The PnL a fill realised (a sell against the position's average cost), kept per fill so that the daily loss limit
-- can sum one day's fills.
alter table fills add column realized_pnl numeric(38, 18) not null default 0;
create index fills_executed_idx on fills (executed_at);

-- The fan-out reads a signal's orders, the reconciliation a connection's recent orders.
create index orders_signal_idx on orders (signal_id);
create index orders_created_idx on orders (portfolio_id, created_at);

-- Reconciliation runs: what it compared and what it found, readable by operators and through the API.
create table reconciliation_runs (
    id             uuid primary key,
    connection_id  uuid        not null references exchange_connections (id),
    started_at     timestamptz not null,
    finished_at    timestamptz not null,
    open_orders    integer     not null,
    fills_imported integer     not null,
    adopted        integer     not null,
    resolved       integer     not null,
    manual_orders  integer     not null,
    mismatches     integer     not null,
    details        jsonb       not null default '{}'
);
create index reconciliation_runs_connection_idx on reconciliation_runs (connection_id, started_at desc);
