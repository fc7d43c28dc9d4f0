package com.algomarket.workflows.valuation;

/**
 * One day's valuation: the UTC day (days since 1970-01-01), how many portfolios got a point and how many could not be
 * priced (a venue or a symbol's price unavailable: no point for them that day, rather than a wrong one).
 */
public record ValuationTally(long epochDay, int valued, int unpriced) {}
