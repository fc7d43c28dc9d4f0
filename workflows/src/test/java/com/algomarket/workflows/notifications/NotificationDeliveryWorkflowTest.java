package com.algomarket.workflows.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.support.RecordedHistories;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/** One delivery's retries, with the activities mocked and a day of time skipped in seconds. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotificationDeliveryWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL =
            TestTemporal.forWorkflow(NotificationDeliveryWorkflowImpl.class, "UserId");

    private static final String DELIVERY = "d-1";

    private final NotificationActivities activities = TestTemporal.mockActivities(NotificationActivities.class);
    /** The (skipped) time of each attempt, in milliseconds since the epoch. */
    private final List<Long> attempts = new CopyOnWriteArrayList<>();

    @Test
    void givenReceiverThatFailsTwice_whenDelivering_thenRetriedWithGrowingWaitsUntilDelivered(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        receiverThatAnswers(
                env,
                attempt ->
                        attempt <= 2 ? ApplicationFailure.newFailure("HTTP 503 from the receiver", "HTTP_503") : null);

        DeliveryStatus status = run(env, worker, client);

        assertThat(status).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(attempts).hasSize(3);
        List<Long> waits = waits();
        assertThat(waits.getFirst()).isGreaterThanOrEqualTo(NotificationDeliveryWorkflowImpl.FIRST_WAIT.toMillis());
        assertThat(waits.get(1)).isGreaterThanOrEqualTo(2 * NotificationDeliveryWorkflowImpl.FIRST_WAIT.toMillis());
        verify(activities, never()).giveUp(anyString(), anyString());
        recordIfAsked(client, "retried-then-delivered");
    }

    @Test
    void givenReceiverThatNeverAnswers_whenDelivering_thenBacksOffExponentiallyAndGivesUpAfterADay(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        receiverThatAnswers(env, attempt -> ApplicationFailure.newFailure("connection refused", "CONNECT"));
        long started = env.currentTimeMillis();

        DeliveryStatus status = run(env, worker, client);

        assertThat(status).isEqualTo(DeliveryStatus.FAILED);
        long lastAttempt = attempts.getLast();
        assertThat(Duration.ofMillis(lastAttempt - started))
                .isLessThanOrEqualTo(NotificationDeliveryWorkflow.GIVE_UP_AFTER)
                .isGreaterThan(NotificationDeliveryWorkflow.GIVE_UP_AFTER.minus(
                        NotificationDeliveryWorkflowImpl.LONGEST_WAIT.multipliedBy(2)));
        // Doubling from 10 s to the hourly cap: 10 s, 20 s, 40 s ... then hourly, about 30 attempts in the day.
        List<Long> waits = waits();
        for (int i = 1; i < 8; i++) {
            assertThat(waits.get(i)).isGreaterThanOrEqualTo(waits.get(i - 1) * 2 - 1_000);
        }
        assertThat(waits).allMatch(wait -> wait <= NotificationDeliveryWorkflowImpl.LONGEST_WAIT.toMillis() + 1_000);
        assertThat(attempts).hasSizeBetween(25, 40);
        verify(activities).giveUp(eq(DELIVERY), anyString());
        recordIfAsked(client, "gave-up-after-a-day");
    }

    @Test
    void givenUrlThatResolvesToAPrivateAddress_whenDelivering_thenNotRetriedAndFailedWithTheReason(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        receiverThatAnswers(
                env,
                attempt -> ApplicationFailure.newNonRetryableFailure(
                        "hooks.example.com resolves to 10.0.0.7, a private address",
                        DeliveryFailure.URL_REFUSED.name()));

        DeliveryStatus status = run(env, worker, client);

        assertThat(status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(attempts).hasSize(1);
        InOrder order = inOrder(activities);
        order.verify(activities).deliver(DELIVERY);
        order.verify(activities).giveUp(eq(DELIVERY), startsWith("URL_REFUSED: hooks.example.com resolves to"));
    }

    /**
     * A receiver whose delivery attempts are noted at their (skipped) time: attempt {@code n} (from 1) fails with
     * {@code failureAt.apply(n)}, or is delivered when that is null.
     */
    private void receiverThatAnswers(TestWorkflowEnvironment env, IntFunction<ApplicationFailure> failureAt) {
        doAnswer(call -> {
                    attempts.add(env.currentTimeMillis());
                    ApplicationFailure failure = failureAt.apply(attempts.size());
                    if (failure != null) {
                        throw failure;
                    }
                    return null;
                })
                .when(activities)
                .deliver(DELIVERY);
    }

    private static void recordIfAsked(WorkflowClient client, String scenario) {
        RecordedHistories.recordIfAsked(
                client, WorkflowIds.notificationDelivery(DELIVERY), "notification-delivery", scenario);
    }

    private DeliveryStatus run(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        worker.registerActivitiesImplementations(activities);
        env.start();
        return TestTemporal.newWorkflow(
                        client, worker, NotificationDeliveryWorkflow.class, WorkflowIds.notificationDelivery(DELIVERY))
                .deliver(DELIVERY);
    }

    private List<Long> waits() {
        List<Long> waits = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            waits.add(attempts.get(i) - attempts.get(i - 1));
        }
        return waits;
    }
}
