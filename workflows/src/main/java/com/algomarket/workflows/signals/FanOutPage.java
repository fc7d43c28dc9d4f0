package com.algomarket.workflows.signals;

import com.algomarket.workflows.orders.PlannedOrder;
import java.util.List;

/**
 * One page of a signal's portfolios: the orders to start, how many portfolios got a recorded rejection instead, and
 * where the next page starts (null after the last).
 */
public record FanOutPage(List<PlannedOrder> orders, int rejected, String nextAfterPortfolioId) {}
