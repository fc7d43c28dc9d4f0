/**
 * Purchases: {@code POST /purchases} takes a seat (and a coupon redemption) in one statement each inside one
 * transaction, so 50 concurrent buyers of 10 seats get exactly 10 purchases, and starts {@code purchase-<id>}. It
 * creates the payment (a Stripe PaymentIntent, idempotency key = purchase id; an amount of 0 skips it), waits for the
 * webhook's outcome until {@code PAYMENT_DEADLINE} (then cancels the payment, unless it turns out paid, and releases
 * the seat), and on success keeps the subscription ACTIVE for periods x periodDays on a durable timer, then EXPIRED
 * and the seat released. The webhook checks {@code Stripe-Signature} (300 s tolerance), applies each event id once and
 * keeps the first outcome, so repeated or out-of-order events change nothing.
 *
 * <p>{@code POST /purchases/{id}/renew} buys the next periods as a purchase of its own that takes no seat: it starts
 * when the renewed purchase ends (or when it is paid, if later). When the renewed purchase expires it hands its seat to
 * a renewal awaiting payment or paid, and to a paid one also its portfolios, in the same transaction that ends it, so
 * their entries never stop; a renewal paid later takes the portfolios over when it is paid, and one that ends unpaid
 * changes nothing (it gives back only a seat it was handed). The buyer is emailed 3 and 1 days before the end unless a
 * paid renewal follows.
 */
package com.algomarket.workflows.purchases;
