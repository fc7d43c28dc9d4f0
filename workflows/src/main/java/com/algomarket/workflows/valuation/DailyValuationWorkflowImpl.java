package com.algomarket.workflows.valuation;

import static com.algomarket.workflows.common.ActivityStubOptions.attemptsUntil;
import static com.algomarket.workflows.common.ActivityStubOptions.retryBetween;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

public class DailyValuationWorkflowImpl implements DailyValuationWorkflow {

    /** Valuations per run before continue-as-new: a week of days keeps each run's history short. */
    static final int VALUATIONS_BEFORE_CONTINUE_AS_NEW = 7;

    static final long DAY_MILLIS = ofDays(1).toMillis();

    // A page reads the venues' prices and writes the points: failures (a venue down, the database restarting) are
    // retried with backoff, for at most an hour, so that one bad day does not hold up the next.
    private final ValuationActivities activities = Workflow.newActivityStub(
            ValuationActivities.class,
            attemptsUntil(ofMinutes(5), ofHours(1), retryBetween(ofSeconds(5), ofMinutes(5))));

    private ValuationTally lastValuation;
    private boolean valueNow;

    @Override
    public void run(DailyValuationInput input) {
        lastValuation = input == null ? null : input.lastValuation();
        int valuations = 0;
        while (true) {
            long today = Math.floorDiv(Workflow.currentTimeMillis(), DAY_MILLIS);
            if (valueNow || lastValuation == null || lastValuation.epochDay() < today) {
                valueNow = false;
                lastValuation = valueAll(today);
                valuations++;
                if (valuations == VALUATIONS_BEFORE_CONTINUE_AS_NEW) {
                    break;
                }
            }
            long untilMidnight = (today + 1) * DAY_MILLIS - Workflow.currentTimeMillis();
            Workflow.await(ofMillis(Math.max(untilMidnight, 1)), () -> valueNow);
        }
        // The new run starts with the day valued: it waits for the next midnight (or a valueNow) before it values.
        Workflow.continueAsNew(new DailyValuationInput(lastValuation));
    }

    /** Every page of portfolios; a page that fails past its retries ends the day's valuation where it stopped. */
    private ValuationTally valueAll(long epochDay) {
        int valued = 0;
        int unpriced = 0;
        String after = null;
        try {
            ValuationPage page;
            do {
                page = activities.valuePage(new ValuationPageInput(epochDay, after));
                valued += page.valued();
                unpriced += page.unpriced();
                after = page.lastPortfolioId();
            } while (!page.last());
        } catch (ActivityFailure failed) {
            Workflow.getLogger(DailyValuationWorkflowImpl.class)
                    .warn(
                            "Daily valuation of day {} stopped after portfolio {}: {}",
                            epochDay,
                            after,
                            failed.getMessage());
        }
        return new ValuationTally(epochDay, valued, unpriced);
    }

    @Override
    public void valueNow() {
        valueNow = true;
    }

    @Override
    public ValuationTally lastValuation() {
        return lastValuation;
    }
}
