-- The budgets exchanges count per key (per account), shared by every worker (SharedKeyBudgets): one row per exchange
-- and key hash, its state Bucket4j's serialised token bucket. A row holds no secret: the id names the key by a hash.
-- The runtime role's DML on it comes from the default privileges V7 set for the tables of later migrations.
create table exchange_key_budgets (
    id    varchar(200) primary key,
    state bytea
);
