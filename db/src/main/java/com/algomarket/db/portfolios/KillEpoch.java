package com.algomarket.db.portfolios;

import java.util.UUID;

/** A portfolio and how many times it has moved to KILLED: its current kill names its flatten after this. */
public record KillEpoch(UUID portfolioId, int epoch) {}
