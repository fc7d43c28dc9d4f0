package com.algomarket.workflows.portfolios;

/** A portfolio's status; the names are those of the REST contract and the database. */
public enum PortfolioStatus {
    /** Trades the algorithm's signals. */
    ACTIVE,
    /** Sends no new orders until the user resumes it. */
    PAUSED,
    /** Stopped by the kill switch: it may only send the sells that flatten its positions. */
    KILLED,
    CLOSED
}
