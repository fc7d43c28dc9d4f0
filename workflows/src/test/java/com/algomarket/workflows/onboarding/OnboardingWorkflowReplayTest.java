package com.algomarket.workflows.onboarding;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.support.RecordedHistories;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays histories recorded from the real dev server ({@code temporal workflow show --output json}) against the
 * current implementation. A change that would break running workflows fails here; such a change needs a
 * {@code Workflow.getVersion} gate. The fixtures are regenerated only on purpose, never to make this test pass.
 */
class OnboardingWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"verification-email-sent", "user-not-found", "verified-and-connected", "done"})
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("onboarding", scenario, 5, OnboardingWorkflowImpl.class);
    }

    @Test
    void givenIncompatibleChange_whenReplayed_thenNondeterminismIsCaught() {
        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(
                        RecordedHistories.load("onboarding", "verification-email-sent"),
                        OnboardingWithoutEmailWorkflow.class))
                // The replayer reports the NonDeterministicException inside its own RuntimeException.
                .hasMessageContaining(NonDeterministicException.class.getName())
                .hasMessageContaining("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED");
    }

    /** A careless edit: the email step removed without a version gate. */
    public static class OnboardingWithoutEmailWorkflow extends OnboardingWorkflowImpl {

        private boolean verified;

        @Override
        public OnboardingOutcome onboard(OnboardingInput input) {
            Workflow.upsertTypedSearchAttributes(SearchAttributeKeys.ONBOARDING_STEP.valueSet("VERIFY_EMAIL"));
            Workflow.await(() -> verified);
            return OnboardingOutcome.COMPLETED;
        }
    }
}
