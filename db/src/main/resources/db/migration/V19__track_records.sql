-- Each algorithm's track record over all its portfolios, kept by the track-record workflow from the fills and the daily
-- equity points (never computed on request). It names no portfolio or user: the public endpoint reads only this row
-- and its index days. fills_after_* is where the next run continues reading fills (in the order they were stored).
create table track_records (
    algorithm_id       uuid primary key references algorithms (id),
    since              date,
    portfolios         integer         not null,
    trades             integer         not null,
    closed_trips       integer         not null,
    winning_trips      integer         not null,
    fills_after_stored timestamptz,
    fills_after_id     uuid,
    computed_at        timestamptz     not null
);

-- The equity index at the end of each day (base 100), with its peak and the deepest drawdown up to that day, so that
-- a run continues from the day before the last one stored (the last day's points may have been valued again since).
create table track_record_days (
    algorithm_id uuid            not null references algorithms (id),
    day          date            not null,
    index_value  numeric(38, 18) not null,
    peak         numeric(38, 18) not null,
    max_drawdown numeric(38, 18) not null,
    primary key (algorithm_id, day)
);

-- Round trips not closed yet, per portfolio and symbol: internal state of the computation, never shown.
create table track_record_open_trips (
    algorithm_id uuid            not null references algorithms (id),
    portfolio_id uuid            not null references portfolios (id),
    symbol       varchar(32)     not null,
    quantity     numeric(38, 18) not null,
    cash         numeric(38, 18) not null,
    primary key (portfolio_id, symbol)
);
create index track_record_open_trips_algorithm_idx on track_record_open_trips (algorithm_id);

-- [jooq ignore start]
do $$
declare
    runtime_role text := '${app_role}';
begin
    if runtime_role = current_user then
        return;
    end if;
    execute format('grant select, insert, update, delete on track_records, track_record_days, track_record_open_trips to %I',
                   runtime_role);
end
$$;
-- [jooq ignore stop]
