/**
 * Daily valuation: the workflow {@code daily-valuation} stores one equity point per portfolio that is not closed and
 * UTC day (table {@code portfolio_equity}), valued at the venue's prices with fees included, for
 * {@code GET /portfolios/{id}/performance}. It values when it starts and at each UTC midnight, pages through the
 * portfolios 100 at a time, and continues as new every 7 valuations. A worker starts it when it starts (a running one
 * is left alone); the signal {@code valueNow} values at once.
 */
package com.algomarket.workflows.valuation;
