package com.algomarket.db.orders;

import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One exchange trade of one of a portfolio's orders, with the order's symbol and side. */
public record PortfolioTrade(
        UUID id,
        UUID orderId,
        String exchangeTradeId,
        String symbol,
        Side side,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal fee,
        String feeAsset,
        OffsetDateTime executedAt) {}
