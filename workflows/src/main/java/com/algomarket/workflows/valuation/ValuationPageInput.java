package com.algomarket.workflows.valuation;

/** Values the next page of portfolios, by id after {@code afterPortfolioId} (null: the first page), as of the day. */
public record ValuationPageInput(long epochDay, String afterPortfolioId) {}
