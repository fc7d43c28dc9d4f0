/**
 * Reconciliation: each connection has the workflow {@code reconcile-<connectionId>} (a durable timer and
 * continue-as-new every 100 comparisons, not a Schedule, so it runs on the in-process server too), comparing every
 * {@code RECONCILIATION_INTERVAL} (default 5 minutes; {@code RECONCILIATION_STREAMED_INTERVAL}, default an hour,
 * after a comparison that found the connection's WebSocket account stream connected), when the connection is made and
 * at every worker start. Per
 * symbol of its portfolios: the exchange's open orders, the database's open orders and the fills since the previous
 * run (24 h the first time). Our orders are known by the client order id's marker: one the database lost is
 * recognised by recomputing the ids of the last 7 days' signals and adopted; one the database has without the
 * exchange's id (sent by a worker that stopped before it recorded the answer) is looked up by its client order id and
 * its id and status adopted onto its row; a database order the exchange no longer lists is resolved from the
 * exchange's record of it, and its order workflow told to look it up now (it settles its order itself); fills are
 * imported once (by trade id, as the order workflow imports them); the user's own orders are counted and
 * left alone. What nothing explains (an order FILLED in the database but open at the exchange, an order unknown to the
 * exchange, an order with our marker no signal explains) pauses the portfolio with the reason in its
 * {@code statusReason}, counts {@code algomarket.reconciliation.mismatches} and sets the {@code Reconciliation} search
 * attribute to MISMATCH (OK or FAILED otherwise). Every run is a row in {@code reconciliation_runs}.
 */
package com.algomarket.workflows.reconciliation;
