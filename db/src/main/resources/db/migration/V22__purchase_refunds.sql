-- What of a purchase's payment went back to the buyer: Stripe's amount_refunded of its charge (all refunds so far,
-- partial ones included), or the disputed amount of a dispute the seller lost. Only ever raised, never above what was
-- paid. Before this column only a full refund or a lost dispute was known, and it cancelled the purchase: such a paid
-- purchase counts as wholly taken back.
alter table purchases
    add column refunded_amount numeric(38, 18) not null default 0
        check (refunded_amount >= 0 and refunded_amount <= amount);

update purchases
set refunded_amount = amount
where status = 'CANCELLED'
  and starts_at is not null;
