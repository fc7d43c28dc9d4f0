package com.algomarket.workflows.signals;

import static com.algomarket.workflows.common.ActivityStubOptions.localAttemptsUntil;
import static com.algomarket.workflows.common.ActivityStubOptions.retryBetween;

import io.temporal.workflow.Workflow;
import java.time.Duration;

public class SignalWorkflowImpl implements SignalWorkflow {

    /**
     * Portfolios planned per activity: bounds each result's size (a page of orders is a few hundred kilobytes at
     * most, far from Temporal's 2 MB payload limit) while keeping a fan-out to 1,000 portfolios at two pages.
     */
    static final int PAGE_SIZE = 500;

    // Local activities: planning is database reads and writes plus cached exchange rules, starting is a batch of
    // start calls; running them in the workflow task's worker saves task-queue round trips on the signal-to-order
    // path. Both are idempotent, so retried; the deadline is what makes the SDK retry a local activity at all, and a
    // signal not planned and started in ten minutes is stale.
    private final SignalActivities activities = Workflow.newLocalActivityStub(
            SignalActivities.class,
            localAttemptsUntil(
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(10),
                    retryBetween(Duration.ofMillis(200), Duration.ofSeconds(30))));

    @Override
    public SignalOutcome run(String signalId) {
        int started = 0;
        int rejected = 0;
        String after = null;
        do {
            FanOutPage page = activities.planOrders(signalId, after, PAGE_SIZE);
            started += page.orders().isEmpty() ? 0 : activities.startOrders(page.orders());
            rejected += page.rejected();
            after = page.nextAfterPortfolioId();
        } while (after != null);
        return new SignalOutcome(started, rejected);
    }
}
