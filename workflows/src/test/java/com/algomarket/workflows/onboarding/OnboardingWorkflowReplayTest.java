package com.algomarket.workflows.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.workflows.common.SearchAttributeKeys;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
        WorkflowExecutionHistory history = history(scenario);
        assertThat(history.getEvents()).hasSizeGreaterThan(5);

        WorkflowReplayer.replayWorkflowExecution(history, OnboardingWorkflowImpl.class);
    }

    @Test
    void givenIncompatibleChange_whenReplayed_thenNondeterminismIsCaught() {
        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(
                        history("verification-email-sent"), OnboardingWithoutEmailWorkflow.class))
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

    private static WorkflowExecutionHistory history(String scenario) throws IOException {
        String path = "/histories/onboarding/" + scenario + ".json";
        try (InputStream json = OnboardingWorkflowReplayTest.class.getResourceAsStream(path)) {
            assertThat(json).as(path).isNotNull();
            return WorkflowExecutionHistory.fromJson(new String(json.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
