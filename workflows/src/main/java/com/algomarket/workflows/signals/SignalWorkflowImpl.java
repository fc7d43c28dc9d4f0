package com.algomarket.workflows.signals;

import static com.algomarket.workflows.common.ActivityStubOptions.localAttemptsUntil;
import static com.algomarket.workflows.common.ActivityStubOptions.retryBetween;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.temporal.workflow.Workflow;

public class SignalWorkflowImpl implements SignalWorkflow {

    /**
     * Portfolios planned and started per pair of local activities. Each result is recorded in the history as soon as
     * the workflow task heartbeats, so a fan-out's progress survives a task that times out; a page must therefore
     * finish well inside the 10 s workflow task timeout even on a loaded machine. Pages of 500 did not: the benchmark's
     * fan-out to 1,000 portfolios, with a load average of 12, stopped at 810 orders, its task timing out and its
     * second page starting over again and again.
     */
    static final int PAGE_SIZE = 100;

    /** The page size of histories recorded before {@link #SMALLER_PAGES}. */
    static final int PAGE_SIZE_BEFORE = 500;

    static final String SMALLER_PAGES = "fan-out-pages-of-100";

    // Local activities: planning is database reads and writes plus cached exchange rules, starting is a batch of
    // start calls; running them in the workflow task's worker saves task-queue round trips on the signal-to-order
    // path. Both are idempotent, so retried; the deadline is what makes the SDK retry a local activity at all, and a
    // signal not planned and started in ten minutes is stale.
    private final SignalActivities activities = Workflow.newLocalActivityStub(
            SignalActivities.class,
            localAttemptsUntil(ofSeconds(30), ofMinutes(10), retryBetween(ofMillis(200), ofSeconds(30))));

    @Override
    public SignalOutcome run(String signalId) {
        int started = 0;
        int rejected = 0;
        String after = null;
        int pageSize = Workflow.getVersion(SMALLER_PAGES, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
                ? PAGE_SIZE_BEFORE
                : PAGE_SIZE;
        do {
            FanOutPage page = activities.planOrders(signalId, after, pageSize);
            started += page.orders().isEmpty() ? 0 : activities.startOrders(page.orders());
            rejected += page.rejected();
            after = page.nextAfterPortfolioId();
        } while (after != null);
        return new SignalOutcome(started, rejected);
    }
}
