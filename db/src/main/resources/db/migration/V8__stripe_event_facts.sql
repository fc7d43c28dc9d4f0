-- What a verified Stripe event said about a payment, kept so that the worker re-reads a payment's outcome from the
-- database instead of believing a workflow signal: the purchase workflow activates a subscription only when a stored,
-- signature-checked event (or the worker's own read of the PaymentIntent) says the payment succeeded.
alter table stripe_events add column payment_intent_id varchar(255);
alter table stripe_events add column outcome varchar(16) check (outcome in ('SUCCEEDED', 'FAILED'));
create index stripe_events_payment_intent_idx on stripe_events (payment_intent_id);
