package com.algomarket.workflows.valuation;

/**
 * What one page valued. {@code lastPortfolioId} is where the next page starts; {@code last} says there is none.
 */
public record ValuationPage(int valued, int unpriced, String lastPortfolioId, boolean last) {}
