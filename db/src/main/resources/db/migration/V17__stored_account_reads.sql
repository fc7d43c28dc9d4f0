-- How current a connection's stored balances (account_balances) are, and who vouches for them, so that the API and the
-- pre-trade check can read the database instead of the exchange and say how old what they show is.
--
-- source STREAM: the connection's account stream read the whole account after it (re)connected and has applied every
-- event since; while it stays connected it moves as_of forward every few seconds. source READ: no stream had them,
-- so the API read the whole account at the exchange at as_of and recorded it. as_of only moves forward: a read that
-- finishes after a newer one was recorded changes nothing.
create table account_balance_reads (
    connection_id uuid        primary key references exchange_connections (id),
    source        varchar(16) not null check (source in ('STREAM', 'READ')),
    as_of         timestamptz not null
);

-- last_prices keeps, besides the prices of the account's own trades that the streams report, the venue's last price
-- as the API read it when nothing recent was stored (traded_at is then the time of the read).

-- [jooq ignore start]
do $$
declare
    runtime_role text := '${app_role}';
begin
    if runtime_role = current_user then
        return;
    end if;
    execute format('grant select, insert, update, delete on account_balance_reads to %I', runtime_role);
end
$$;
-- [jooq ignore stop]
