-- The exchange's identifier of the account a connection's key belongs to (Binance's and the paper venue's account
-- uid), where the exchange tells one: a rotated key must belong to the same account. Null where the exchange has no
-- such identifier, and for connections made before this column existed (their first rotation compares with what the
-- old key still answers).
alter table exchange_connections add column exchange_account_id varchar(128);
