package com.algomarket.workflows.orders.trailing;

import io.temporal.activity.ActivityInterface;

/** What a trailing stop asks of the venue's prices. */
@ActivityInterface
public interface TrailingStopActivities {

    /**
     * Follows the venue's price from {@code follow.state()}, moving the stop, until it is crossed, the portfolio may
     * no longer trade, or the window ends. Heartbeats the state at each price, so that a retry on another worker (the
     * first one died) resumes from the highest price seen, not from the start; answers the state it ended at.
     */
    TrailingFollowed follow(TrailingFollow follow);
}
