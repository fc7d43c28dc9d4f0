/**
 * Purchases: {@code POST /purchases} takes a seat (and a coupon redemption) in one statement each inside one
 * transaction, so 50 concurrent buyers of 10 seats get exactly 10 purchases, and starts {@code purchase-<id>}. It
 * creates the payment (a Stripe PaymentIntent, idempotency key = purchase id; an amount of 0 skips it), waits for the
 * webhook's outcome until {@code PAYMENT_DEADLINE} (then cancels the payment, unless it turns out paid, and releases
 * the seat), and on success keeps the subscription ACTIVE for periods x periodDays on a durable timer, then EXPIRED
 * and the seat released. The webhook checks {@code Stripe-Signature} (300 s tolerance), applies each event id once and
 * keeps the first outcome, so repeated or out-of-order events change nothing.
 */
package com.algomarket.workflows.purchases;
