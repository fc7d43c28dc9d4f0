package com.algomarket.workflows.common;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes operators filter by in the Temporal Web UI. Every workflow upserts the ones it knows on
 * every state change. The server must know them before a workflow uses them: the app registers them at start-up,
 * and the scripts pass them to {@code temporal server start-dev}.
 */
public final class SearchAttributeKeys {

    public static final SearchAttributeKey<String> USER_ID = SearchAttributeKey.forKeyword("UserId");
    public static final SearchAttributeKey<String> PORTFOLIO_ID = SearchAttributeKey.forKeyword("PortfolioId");
    public static final SearchAttributeKey<String> ALGORITHM_ID = SearchAttributeKey.forKeyword("AlgorithmId");
    public static final SearchAttributeKey<String> EXCHANGE = SearchAttributeKey.forKeyword("Exchange");
    public static final SearchAttributeKey<String> ORDER_STATUS = SearchAttributeKey.forKeyword("OrderStatus");
    public static final SearchAttributeKey<String> ONBOARDING_STEP = SearchAttributeKey.forKeyword("OnboardingStep");
    /** The last reconciliation of a connection: OK, MISMATCH (a portfolio was paused) or FAILED (exchange unread). */
    public static final SearchAttributeKey<String> RECONCILIATION = SearchAttributeKey.forKeyword("Reconciliation");

    public static final List<SearchAttributeKey<String>> ALL =
            List.of(USER_ID, PORTFOLIO_ID, ALGORITHM_ID, EXCHANGE, ORDER_STATUS, ONBOARDING_STEP, RECONCILIATION);

    private SearchAttributeKeys() {}
}
