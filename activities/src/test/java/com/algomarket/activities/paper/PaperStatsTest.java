package com.algomarket.activities.paper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The venue counts each account's user-data stream subscriptions, and remembers the most that were open at once. */
class PaperStatsTest {

    @Test
    void givenTwoSubscriptionsOverlapping_whenBothClosed_thenNoneOpenAndThePeakIsTwo() {
        PaperStats stats = new PaperStats();

        stats.streamOpened("account-1");
        stats.streamOpened("account-1");
        stats.streamOpened("account-2");
        stats.streamClosed("account-1");
        stats.streamClosed("account-1");

        assertThat(stats.streamsOf("account-1")).isEqualTo(new PaperStats.AccountStreams(0, 2));
        assertThat(stats.streamsOf("account-2")).isEqualTo(new PaperStats.AccountStreams(1, 1));
    }

    @Test
    void givenOneSubscriptionAfterAnother_whenCounted_thenThePeakStaysOne() {
        PaperStats stats = new PaperStats();

        stats.streamOpened("account-1");
        stats.streamClosed("account-1");
        stats.streamOpened("account-1");

        assertThat(stats.streamsOf("account-1")).isEqualTo(new PaperStats.AccountStreams(1, 1));
        assertThat(stats.streamsOf("unknown")).isEqualTo(new PaperStats.AccountStreams(0, 0));
    }
}
