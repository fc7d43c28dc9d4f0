package com.algomarket.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.api.support.ChildApp;
import com.algomarket.api.support.ChildAppEnvironment;
import com.algomarket.api.support.HistoryRecorder;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.api.support.TrailingStops;
import com.algomarket.api.temporal.codec.PayloadEncryptionCodec;
import com.algomarket.api.temporal.codec.PayloadEncryptionConfiguration;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.trailing.TrailingStop;
import com.algomarket.workflows.orders.trailing.TrailingStopWorkflow;
import com.algomarket.workflows.support.Await;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A trailing stop outlives the process that followed it: the app (REST API and workers, a child JVM) is killed with
 * SIGKILL while a TRAILING_STOP sell is armed and its stop has already risen, the venue's price moves while nothing
 * runs, and a new app picks the stop up where the dead worker's last heartbeat left it (not where it was armed), moves
 * it with the price, and once the price falls through it places the market sell exactly once, which fills.
 *
 * <p>Where the time goes: the app starts twice (20-90 s each on the 2-core build machine), and the server notices
 * the dead worker's follow only when its heartbeat times out (20 s) before the retry runs on the new worker.
 */
class TrailingStopCrashIT {

    private static final long SEED = 37;
    private static final String BTCEUR = "BTCEUR";
    /** Long enough for the heartbeat to time out and the retry to reach the new worker (its backoff is up to 30 s). */
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @RegisterExtension
    static final CrashParts PARTS = new CrashParts(SEED);

    private final PaperExchange venue = PARTS.venue().exchange();
    private final PayloadEncryptionCodec codec =
            PayloadEncryptionCodec.fromJsonKeyset(ChildAppEnvironment.payloadCodecKeyset());
    private WorkflowServiceStubs service;
    /** Reads what the child app wrote to Temporal: its payloads are encrypted with the tests' codec keyset. */
    private WorkflowClient client;

    @BeforeEach
    void temporalClient() {
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(ServerEnvironment.temporalAddress())
                .build());
        client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadEncryptionConfiguration.encrypting(codec))
                        .build());
    }

    @AfterEach
    void closeClient() {
        service.shutdown();
    }

    @Test
    void givenAnArmedTrailingStop_whenTheWorkerIsKilled_thenANewWorkerFollowsOnFromTheHeartbeatAndSellsOnce()
            throws Exception {
        Path directory = Files.createDirectories(Path.of("target", "crash", "trailing-stop-" + System.nanoTime()));
        try (ChildApp app = PARTS.app(ServerEnvironment.temporalAddress(), directory);
                CrashRun run = PARTS.run(app.port())) {
            app.start();
            run.subscribe(1);
            Subscriber subscriber = run.subscribers().getFirst();
            venue.setMarket(BTCEUR, new BigDecimal("60000"), BigDecimal.ONE);
            String buy = run.postBuy();
            Await.until(DEADLINE, () -> run.orderStatus(subscriber, buy), Optional.of(OrderStatus.FILLED)::equals);

            String sell = run.postSignal("""
                    {"symbol":"BTC/EUR","side":"SELL","type":"TRAILING_STOP","sizing":{"quantity":"0.001"},
                     "trailingAmount":"300"}""");
            String workflowId = WorkflowIds.order(subscriber.portfolioId(), sell);
            awaitStop(workflowId, "59700");
            venue.setMarket(BTCEUR, new BigDecimal("61000"), BigDecimal.ONE);
            awaitStop(workflowId, "60700");
            TrailingStop queried = client.newWorkflowStub(TrailingStopWorkflow.class, workflowId)
                    .state();
            assertThat(queried.armed()).as("armed before the kill").isTrue();
            assertThat(queried.triggered()).as("not crossed before the kill").isFalse();

            app.kill();
            Instant killedAt = Instant.now();
            assertThat(app.alive()).as("the app's process is gone").isFalse();
            // Killed while armed: still the trailing stop's run, its follow pending, nothing at the venue but the buy.
            var execution = client.newUntypedWorkflowStub(workflowId).describe();
            assertThat(execution.getWorkflowType()).isEqualTo("TrailingStopWorkflow");
            assertThat(execution.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
            String armedRun = execution.getExecution().getRunId();
            assertThat(TrailingStops.follow(client, workflowId)).isPresent();
            assertThat(run.orderStatus(subscriber, sell)).contains(OrderStatus.NEW);
            assertThat(venue.allOrders(subscriber.key().apiKey())).hasSize(1);

            // Between the stop the dead worker heartbeated (60,700) and the highest price it saw: a follow that
            // started again from the armed state would put the stop at 60,500 here.
            venue.setMarket(BTCEUR, new BigDecimal("60800"), BigDecimal.ONE);
            app.start();
            PendingActivityInfo resumed = Await.until(
                    DEADLINE,
                    () -> TrailingStops.follow(client, workflowId).orElseThrow(),
                    pending -> pending.getAttempt() > 1
                            && pending.hasLastHeartbeatTime()
                            && Timestamps.toMillis(pending.getLastHeartbeatTime()) > killedAt.toEpochMilli());
            assertThat(TrailingStops.heartbeated(client, resumed).map(TrailingStop::stop))
                    .as("the new worker's first stop")
                    .hasValueSatisfying(stop -> assertThat(stop).isEqualByComparingTo("60700"));

            venue.setMarket(BTCEUR, new BigDecimal("62000"), BigDecimal.ONE);
            awaitStop(workflowId, "61700");
            assertThat(venue.allOrders(subscriber.key().apiKey())).hasSize(1);
            venue.setMarket(BTCEUR, new BigDecimal("61600"), BigDecimal.ONE); // through the stop at 61,700

            Await.until(DEADLINE, () -> run.orderStatus(subscriber, sell), Optional.of(OrderStatus.FILLED)::equals);
            List<PaperOrder> sells = venue.allOrders(subscriber.key().apiKey()).stream()
                    .filter(order -> order.side().equals("SELL"))
                    .toList();
            assertThat(sells).as("the exit at the venue").hasSize(1);
            assertThat(sells.getFirst().executedQty()).isEqualByComparingTo("0.001");
            // Both orders placed once, their fills the venue's trades, the position the venue's (zero) balance.
            System.out.println("Trailing stop through a worker kill: " + run.verify(2));
            HistoryRecorder.recordRun(
                    client, codec, workflowId, armedRun, "trailing-stop", "worker-killed-while-armed");
        }
    }

    private void awaitStop(String workflowId, String stop) {
        Await.until(
                DEADLINE,
                () -> TrailingStops.heartbeatedStop(client, workflowId),
                heartbeated -> heartbeated.compareTo(new BigDecimal(stop)) == 0);
    }
}
