-- The first answer to each POST sent with an Idempotency-Key, so that a retry with the same key gets that answer and
-- creates nothing new (api.md conventions).
create table idempotent_requests (
    -- Who asked and where: "<user id or anonymous> <method> <path>". The same key from two users never collides.
    scope           varchar(400) not null,
    idempotency_key varchar(255) not null,
    -- SHA-256 of the request body: the same key with another body is refused rather than answered wrongly.
    request_hash    varchar(64)  not null,
    -- Null while the first request is still being answered.
    response_status integer,
    response_content_type varchar(255),
    -- Encrypted like exchange credentials: an answer may carry a client secret.
    response_body   bytea,
    created_at      timestamptz  not null default now(),
    primary key (scope, idempotency_key)
);
create index idempotent_requests_created_idx on idempotent_requests (created_at);
