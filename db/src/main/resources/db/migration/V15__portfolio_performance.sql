-- A fill's fee in the quote asset of its symbol, as it entered the position's average cost (a buy) or its realized PnL
-- (a sell). Null when the fee was paid in an asset that could not be converted (no price of that asset in the quote
-- asset was known on the venue when the fill was imported): such fees are reported apart, per asset, not guessed.
alter table fills add column fee_in_quote numeric(38, 18);

-- Fills imported before this migration: a fee in the quote asset is its own value, one in the base asset is worth the
-- fill's price; any other stays unconverted. (Their positions were kept without fees; they are not recomputed.)
-- [jooq ignore start]
update fills f
set fee_in_quote = case
                       when f.fee = 0 then 0
                       when f.fee_asset = split_part(o.symbol, '/', 2) then f.fee
                       when f.fee_asset = split_part(o.symbol, '/', 1) then f.fee * f.price
                   end
from orders o
where o.id = f.order_id;
-- [jooq ignore stop]

-- trades.csv reads a portfolio's fills oldest first.
create index fills_order_executed_idx on fills (order_id, executed_at);

-- One point per portfolio and UTC day of its equity curve: the value at the venue's prices, fees included, that the
-- daily valuation workflow stored (a later valuation of the same day replaces the earlier one).
create table portfolio_equity (
    portfolio_id uuid            not null references portfolios (id),
    day          date            not null,
    value        numeric(38, 18) not null,
    valued_at    timestamptz     not null,
    primary key (portfolio_id, day)
);

-- [jooq ignore start]
do $$
declare
    runtime_role text := '${app_role}';
begin
    if runtime_role = current_user then
        return;
    end if;
    execute format('grant select, insert, update, delete on portfolio_equity to %I', runtime_role);
end
$$;
-- [jooq ignore stop]
