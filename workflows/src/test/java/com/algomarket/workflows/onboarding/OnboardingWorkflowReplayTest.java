package com.algomarket.workflows.onboarding;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.support.RecordedHistories;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import org.junit.jupiter.api.Test;

/**
 * That a replay catches a change that would break running workflows: a recorded onboarding history (replayed as it is
 * by RecordedHistoriesReplayTest) fails to replay against an implementation changed without a
 * {@code Workflow.getVersion} gate.
 */
class OnboardingWorkflowReplayTest {

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
