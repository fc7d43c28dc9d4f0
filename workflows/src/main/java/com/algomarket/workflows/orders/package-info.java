/**
 * Signals and orders.
 *
 * <p>An algorithm's owner posts a signal with an {@code Idempotency-Key} (required: a signal retried without one would
 * trade every portfolio twice). It is checked whole before anything is written, stored once per key, and the fan-out
 * workflow {@code signal-<signalId>} plans the subscribed portfolios 500 at a time (a local activity) and starts one
 * {@code order-<portfolioId>-<signalId>} per portfolio that may trade, from a local activity through the client, 32 at a
 * time (child workflows were measured at about 3 starts a second: every child start goes through the parent's
 * history). Sizing is rounded down to the exchange's quantity step: {@code quantity} as given; {@code
 * portfolioFraction} on a BUY: that share of the portfolio's size at the limit or stop price, or the venue's last
 * price for a market order; on a SELL: that share of what the portfolio holds. A portfolio that gets no exchange order
 * gets its order recorded as REJECTED with the reason (paused or killed portfolio, subscription ended for BUYs,
 * connection not ACTIVE, symbol not traded, nothing to sell, below the exchange's minimum). Default timeouts: MARKET
 * 60 s, LIMIT 1 h, STOP_LOSS 7 days.
 *
 * <p>Each order workflow: risk check, then the intent recorded as NEW (both local activities, behind
 * {@code Workflow.getVersion("local-risk-and-intent")}), then submitted under its client order id (an UNKNOWN outcome
 * is looked up twice, 5 s apart, and resubmitted only when absent; a retried submit looks the order up first, since an
 * attempt whose worker died mid-call may have placed it; RATE_LIMITED and UNAVAILABLE are retried with backoff;
 * REJECTED is recorded with the exchange's reason), followed with backoff (1 s to 30 s), cancelled at its timeout or on
 * request and counted cancelled only when the exchange says so (a fill that wins the race is a fill), and reconciled:
 * fills imported once per exchange trade id into the portfolio's position. Where an account stream follows the order's
 * connection (streams on: the planner sets {@code OrderInput.safetyLookupSeconds}), the workflow polls nothing after
 * the submit (version {@code wait-for-executions}): the stream signals each execution of the order ({@code
 * execution}, counted once per trade id), the workflow asks the exchange once only after the safety interval without
 * news (an hour by default), cancels at its timeout as above, and settles from the trades the stream recorded (the
 * exchange's fills only where those do not add up, e.g. a market order filled in its submit's answer). A final status
 * is stored only once the fills are settled. Every transition goes to the audit log and the {@code OrderStatus} search
 * attribute. Once the final status is recorded, the owner is told how the order ended, as they chose (version {@code
 * notify-owner}; see {@code com.algomarket.workflows.notifications}).
 *
 * <p>The risk check, with per-portfolio limits ({@code GET|PUT /portfolios/{id}/risk}; a null limit takes the default
 * relative to the portfolio's size): portfolio ACTIVE (KILLED only for a flatten's sells); connection ACTIVE; no BUY
 * after the subscription ended; a SELL no larger than the position; order notional at most {@code maxOrderNotional}
 * (default 1 x size); position notional after a BUY at most {@code maxPositionNotional} (default 1 x size); at most
 * {@code maxOrdersPerMinute} (default 10); no BUY once the day's (UTC) realised loss reaches {@code dailyLossLimit}
 * (default 0.1 x size); the free balance at the exchange; last, the portfolio's own ledger. The ledger's rule and the
 * order's reservation are one transaction that locks the portfolio's row, so two orders of one portfolio are checked
 * one after the other: a BUY spends at most the portfolio's free quote (size plus realised PnL, less the cost of what it
 * holds, less what its other open buys reserve; refused {@code insufficient-balance}), a SELL sells at most the
 * position less what its other open sells will sell. Reservations are derived from the orders table: an order
 * reserves from its approval (its row's {@code reserved_at}) until its fills are imported into the position, so an
 * order the exchange filled but whose fills are not imported yet still holds what it will move. A fill moves the
 * position under the lock of the position's row, which is made to exist before it is locked.
 *
 * <p>Kill switch: {@code POST /portfolios/{id}/kill} (or {@code POST /kill}) writes KILLED first, every named
 * portfolio in one transaction, so the order activities refuse to send anything for them from that moment; then it
 * asks every open order workflow to cancel, best effort: the answer names the orders whose workflow it could not
 * reach ({@code unreachable}), and each order workflow also reads its portfolio's status whenever it wakes while
 * following an order and cancels by itself once it is KILLED (version {@code cancel-when-killed}). With
 * {@code flatten}, {@code flatten-<portfolioId>-kill-<epoch>} (the epoch counts the portfolio's transitions to KILLED,
 * so a repeated kill names the same flatten and starts none) waits until those orders are final (at most an hour),
 * then sells each position at market, less what open sells still cover.
 */
package com.algomarket.workflows.orders;
