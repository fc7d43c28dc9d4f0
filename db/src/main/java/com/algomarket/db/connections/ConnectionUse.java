package com.algomarket.db.connections;

import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.util.UUID;

/** A portfolio that trades on a connection (one not closed), with the algorithm it follows. */
public record ConnectionUse(
        UUID connectionId,
        UUID portfolioId,
        PortfolioStatus portfolioStatus,
        String portfolioStatusReason,
        UUID algorithmId,
        String algorithmName) {}
