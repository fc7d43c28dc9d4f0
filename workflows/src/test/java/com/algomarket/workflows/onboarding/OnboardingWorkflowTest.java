package com.algomarket.workflows.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

// A workflow that never reaches its worker would block a synchronous call forever: every test has a deadline.
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OnboardingWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL =
            TestTemporal.forWorkflow(OnboardingWorkflowImpl.class, "UserId", "OnboardingStep");

    private final OnboardingActivities activities = TestTemporal.mockActivities(OnboardingActivities.class);

    @Test
    void givenNewUser_whenOnboardingStarts_thenSendsOneVerificationEmailAndWaitsInVerifyEmail(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        OnboardingWorkflow workflow = started(env, worker, client, new OnboardingInput("user-1"));

        ArgumentCaptor<SendVerificationEmailInput> sent = ArgumentCaptor.forClass(SendVerificationEmailInput.class);
        verify(activities, timeout(5_000).times(1)).sendVerificationEmail(sent.capture());
        assertThat(sent.getValue().userId()).isEqualTo("user-1");
        assertThat(sent.getValue().verificationId()).isNotBlank();

        assertThat(workflow.currentStep()).isEqualTo(OnboardingStep.VERIFY_EMAIL);
        SearchAttributes attributes =
                WorkflowStub.fromTyped(workflow).describe().getTypedSearchAttributes();
        assertThat(attributes.get(SearchAttributeKeys.ONBOARDING_STEP)).isEqualTo("VERIFY_EMAIL");
        assertThat(attributes.get(SearchAttributeKeys.USER_ID)).isEqualTo("user-1");
    }

    @Test
    void givenUserMissing_whenOnboardingStarts_thenEndsWithoutRetrying(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        doThrow(ApplicationFailure.newNonRetryableFailure("no such user", OnboardingFailure.USER_NOT_FOUND.name()))
                .when(activities)
                .sendVerificationEmail(any());
        worker.registerActivitiesImplementations(activities);
        env.start();

        OnboardingOutcome outcome = newWorkflow(client, worker, "ghost").onboard(new OnboardingInput("ghost"));

        assertThat(outcome).isEqualTo(OnboardingOutcome.USER_NOT_FOUND);
        verify(activities, times(1)).sendVerificationEmail(any());
    }

    @Test
    void givenMailServerDown_whenSendingFails_thenRetriesUntilItWorks(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        doThrow(new IllegalStateException("SMTP connection refused"))
                .doThrow(new IllegalStateException("SMTP connection refused"))
                .doNothing()
                .when(activities)
                .sendVerificationEmail(any());
        OnboardingWorkflow workflow = started(env, worker, client, new OnboardingInput("user-2"));

        verify(activities, timeout(10_000).times(3)).sendVerificationEmail(any());
        assertThat(workflow.currentStep()).isEqualTo(OnboardingStep.VERIFY_EMAIL);
    }

    @Test
    void givenEveryStepDone_whenUpdatesArrive_thenAdvancesToDoneAndCompletesWithoutReminders(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        OnboardingWorkflow workflow = started(env, worker, client, new OnboardingInput("user-3"));

        assertThat(workflow.emailVerified()).isEqualTo(OnboardingStep.CONNECT_EXCHANGE);
        assertThat(workflow.emailVerified()).as("idempotent").isEqualTo(OnboardingStep.CONNECT_EXCHANGE);
        assertThat(workflow.exchangeConnected("connection-1")).isEqualTo(OnboardingStep.BUY_ALGORITHM);
        workflow.purchaseActivated("purchase-1");
        assertThat(workflow.portfolioCreated("portfolio-1"))
                .as("the signal came first")
                .isEqualTo(OnboardingStep.DONE);

        assertThat(WorkflowStub.fromTyped(workflow).getResult(OnboardingOutcome.class))
                .isEqualTo(OnboardingOutcome.COMPLETED);
        assertThat(WorkflowStub.fromTyped(workflow)
                        .describe()
                        .getTypedSearchAttributes()
                        .get(SearchAttributeKeys.ONBOARDING_STEP))
                .isEqualTo("DONE");
        verify(activities, never()).sendReminder(any());
    }

    @Test
    void givenUnverifiedUser_whenConnectingAnExchange_thenUpdateRejectedAndStepUnchanged(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        OnboardingWorkflow workflow = started(env, worker, client, new OnboardingInput("user-4"));

        assertThatThrownBy(() -> workflow.exchangeConnected("connection-1"))
                .isInstanceOf(WorkflowUpdateException.class);
        assertThat(workflow.currentStep()).isEqualTo(OnboardingStep.VERIFY_EMAIL);
    }

    @Test
    void givenStalledUser_whenDaysPass_thenRemindedAfter24And72HoursPerStepAndNoMore(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        OnboardingWorkflow workflow = started(env, worker, client, new OnboardingInput("user-5"));
        verify(activities, timeout(5_000)).sendVerificationEmail(any());

        env.sleep(Duration.ofHours(23));
        verify(activities, never()).sendReminder(any());
        env.sleep(Duration.ofHours(2));
        verify(activities, timeout(5_000))
                .sendReminder(new SendReminderInput("user-5", OnboardingStep.VERIFY_EMAIL, 1));
        env.sleep(Duration.ofHours(48));
        verify(activities, timeout(5_000))
                .sendReminder(new SendReminderInput("user-5", OnboardingStep.VERIFY_EMAIL, 2));
        env.sleep(Duration.ofDays(30));
        verify(activities, times(2)).sendReminder(any());

        // The clock starts again in the next step.
        workflow.emailVerified();
        env.sleep(Duration.ofHours(25));
        verify(activities, timeout(5_000))
                .sendReminder(new SendReminderInput("user-5", OnboardingStep.CONNECT_EXCHANGE, 1));
    }

    @Test
    void givenConfiguredReminders_whenStalled_thenRemindedThen(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        OnboardingWorkflow workflow = started(env, worker, client, new OnboardingInput("user-6", List.of(3600L)));

        env.sleep(Duration.ofMinutes(61));
        verify(activities, timeout(5_000))
                .sendReminder(new SendReminderInput("user-6", OnboardingStep.VERIFY_EMAIL, 1));
        env.sleep(Duration.ofDays(10));
        verify(activities, times(1)).sendReminder(any());
    }

    @Test
    void givenResendRequested_whenVerifying_thenNewVerificationEmailed_andAfterVerificationRejected(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        OnboardingWorkflow workflow = started(env, worker, client, new OnboardingInput("user-7"));
        verify(activities, timeout(5_000)).sendVerificationEmail(any());

        workflow.resendVerification();

        ArgumentCaptor<SendVerificationEmailInput> sent = ArgumentCaptor.forClass(SendVerificationEmailInput.class);
        verify(activities, times(2)).sendVerificationEmail(sent.capture());
        assertThat(sent.getAllValues().get(0).verificationId())
                .isNotEqualTo(sent.getAllValues().get(1).verificationId());
        workflow.emailVerified();
        assertThatThrownBy(workflow::resendVerification).isInstanceOf(WorkflowUpdateException.class);
    }

    /** Registers the mocked activities, starts the environment and the workflow for {@code input}'s user. */
    private OnboardingWorkflow started(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client, OnboardingInput input) {
        worker.registerActivitiesImplementations(activities);
        env.start();
        OnboardingWorkflow workflow = newWorkflow(client, worker, input.userId());
        WorkflowClient.start(workflow::onboard, input);
        return workflow;
    }

    // The extension gives each test its own task queue, so tests never steal each other's tasks.
    private static OnboardingWorkflow newWorkflow(WorkflowClient client, Worker worker, String userId) {
        return client.newWorkflowStub(
                OnboardingWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.onboarding(userId))
                        .setTaskQueue(worker.getTaskQueue())
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(SearchAttributeKeys.USER_ID, userId)
                                .build())
                        .build());
    }
}
