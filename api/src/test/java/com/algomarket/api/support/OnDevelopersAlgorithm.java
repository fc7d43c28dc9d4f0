package com.algomarket.api.support;

import org.junit.jupiter.api.BeforeEach;

/**
 * An IT on a {@link PaperVenue} about signals of one algorithm: before each test a new developer publishes a free
 * algorithm trading BTC/EUR on PAPER ({@link PaperSubscribers#algorithm}). JUnit runs this {@code @BeforeEach}
 * before the subclass's own, which may subscribe users to {@link #algorithmId}.
 */
public abstract class OnDevelopersAlgorithm extends OnPaperVenue {

    /** The developer's session with the REST API, which posts the algorithm's signals. */
    protected Http developer;

    protected String algorithmId;

    @BeforeEach
    void publishAlgorithm() {
        developer = users.verified("DEVELOPER").http();
        algorithmId = PaperSubscribers.algorithm(developer);
    }
}
