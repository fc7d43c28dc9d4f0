package com.algomarket.db.signals;

import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A portfolio subscribed to an algorithm, with what the fan-out sizes and checks it by: its connection's exchange and
 * status, and how much of the signal's symbol it holds.
 */
public record Subscriber(
        UUID portfolioId,
        UUID userId,
        UUID connectionId,
        Exchange exchange,
        ConnectionStatus connectionStatus,
        PortfolioStatus portfolioStatus,
        boolean acceptsNewEntries,
        BigDecimal size,
        BigDecimal positionQuantity) {}
