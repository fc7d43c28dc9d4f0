-- Stripe webhook events already applied: Stripe delivers at least once, so an event id seen before is acknowledged
-- and ignored.
create table stripe_events (
    id          varchar(255) primary key,
    type        varchar(100) not null,
    received_at timestamptz  not null default now()
);

-- The webhook finds a purchase by the payment's id.
create index purchases_payment_intent_idx on purchases (stripe_payment_intent_id);
