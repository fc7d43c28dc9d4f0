-- The embedded default's mailbox: the emails the app would have sent (no MAIL_HOST). The worker's outbox sender
-- writes it and GET /api/v1/dev/outbox reads it, so the API needs no share of the worker's memory. The sender keeps
-- only the newest emails, so the table stays small and needs no index.
create table email_outbox (
    id        bigint generated always as identity primary key,
    recipient varchar(320)  not null,
    subject   varchar(1000) not null,
    body      text          not null,
    sent_at   timestamptz   not null
);
