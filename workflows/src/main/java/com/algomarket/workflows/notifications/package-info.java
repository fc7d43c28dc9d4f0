/**
 * Notifications.
 *
 * <p>A user chooses which topics are emailed ({@code PUT /me/notifications}: {@code email: {fills, rejections, kill,
 * reconciliation, subscription, payments}}, fills off and the others on by default) and may add one webhook with the
 * event types it receives (none named: all). Events: {@code order.filled}, {@code order.partially_filled},
 * {@code order.rejected}, {@code order.cancelled} (the order workflow's end, version {@code notify-owner}),
 * {@code portfolio.killed} (the kill switch, in the kill's transaction), {@code portfolio.paused} (reconciliation),
 * {@code subscription.ending} (the ending reminders; webhook only, the reminder is its email), {@code
 * subscription.ended} (an expiry no paid renewal follows) and {@code payment.failed}.
 *
 * <p>An emitter records the event once (its id is derived from what happened: an order's end, a kill's epoch) with one
 * delivery per channel the user wants (the email; the webhook), each delivery's id derived from the event and the
 * endpoint, and starts one {@link com.algomarket.workflows.notifications.NotificationDeliveryWorkflow} per delivery under
 * that id with duplicates rejected, so an event reaches an endpoint once however often its emitter runs. The workflow
 * carries the delivery's id only: the activity reads the body, the address and the sealed secret from the database.
 * Each attempt signs the stored body anew ({@code AlgoMarket-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">}
 * with the {@code whsec_} secret), checks the URL again (DNS rebinding) and posts without following redirects; failures
 * are retried from 10 s, doubling, at most hourly, for 24 h; a refused URL or a replaced webhook ends them at once.
 */
package com.algomarket.workflows.notifications;
