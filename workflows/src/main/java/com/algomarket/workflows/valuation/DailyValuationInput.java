package com.algomarket.workflows.valuation;

/** {@code lastValuation} carries the previous run's tally across continue-as-new (null at the first start). */
public record DailyValuationInput(ValuationTally lastValuation) {}
