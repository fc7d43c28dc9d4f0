-- Notifications: a user's webhook, the events they are told about, and each event's deliveries (an email, a post to
-- the webhook). Email preferences stay in users.notifications ({"email": {"fills": true, ...}}; registration's flat
-- {"fills": true, ...} is read the same way).

-- A user's webhook. Its signing secret is sealed with the credentials public key (as exchange secrets are): API nodes
-- seal it, only workers open it to sign a delivery. A new URL or a new secret makes a new row, so that a delivery
-- names the endpoint it was meant for; the replaced row is kept (removed_at) for the deliveries that name it.
create table webhook_endpoints (
    id                uuid primary key,
    user_id           uuid          not null references users (id),
    url               varchar(2048) not null,
    -- The event types delivered (order.filled, ...): every type when the user named none.
    events            varchar(40)[] not null,
    secret_ciphertext bytea         not null,
    created_at        timestamptz   not null default now(),
    removed_at        timestamptz
);
create index webhook_endpoints_user_idx on webhook_endpoints (user_id);

-- One row per event, its id derived from what happened (an order's end, a kill's epoch), so that an emitter run twice
-- records it once. payload is the webhook body, {id, type, createdAt, data}, fixed at the event: every attempt posts the
-- same bytes.
create table notification_events (
    id         uuid primary key,
    user_id    uuid        not null references users (id),
    type       varchar(40) not null,
    payload    jsonb       not null,
    created_at timestamptz not null
);

-- One row per event and endpoint (the email, or a webhook), its id derived from both; a NotificationDeliveryWorkflow of
-- the same id delivers it.
create table notification_deliveries (
    id           uuid primary key,
    event_id     uuid          not null references notification_events (id),
    user_id      uuid          not null references users (id),
    channel      varchar(16)   not null check (channel in ('EMAIL', 'WEBHOOK')),
    endpoint_id  uuid references webhook_endpoints (id),
    status       varchar(16)   not null check (status in ('RETRYING', 'DELIVERED', 'FAILED')),
    attempts     integer       not null default 0 check (attempts >= 0),
    last_error   varchar(1000),
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    delivered_at timestamptz
);
-- GET /me/notifications/deliveries: the caller's deliveries, newest first, paged by (created_at, id).
create index notification_deliveries_user_created_idx on notification_deliveries (user_id, created_at desc, id);
