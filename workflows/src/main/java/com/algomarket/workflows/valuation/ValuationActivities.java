package com.algomarket.workflows.valuation;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface ValuationActivities {

    /**
     * Values a page of the portfolios that are not closed at their venues' prices and stores each one's point for the
     * day (a repeated call replaces the day's points: safe to retry).
     */
    ValuationPage valuePage(ValuationPageInput input);
}
