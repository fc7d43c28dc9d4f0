package com.algomarket.api.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.temporal.WorkflowStarts;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.streams.AccountStreamInput;
import com.algomarket.workflows.streams.AccountStreamWorkflow;
import com.algomarket.workflows.support.Await;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator's Prometheus scrapes, on the real servers with a connection's account stream running: after one signal's order has
 * filled on the paper venue (its connection's stream dropped once on the way), the orders-by-status gauge, the
 * signal-to-venue histogram and the stream's connected, lag and reconnect meters have moved, and every metric the
 * app's Grafana dashboard queries is in the scrape; once the stream is stopped, its meters are gone.
 */
@RealServersOnPaper(
        seed = 43,
        properties = {
            // Counted every second instead of every 15: the test waits for the count to move.
            "algomarket.metrics.orders-refresh=PT1S"
        })
class MetricsIT extends OnPaperVenue {

    @LocalServerPort
    int port;

    @Value("${algomarket.operator.token}")
    String operatorToken;

    private AccountStreamWorkflow stream;

    /** Stops the connection's stream workflow, so that no later test's worker takes up a stream to a closed venue. */
    @AfterEach
    void stopTheStream() {
        venue.faults().clear();
        if (stream != null) {
            stream.stop();
            WorkflowStub.fromTyped(stream).getResult(Void.class);
        }
    }

    @Test
    void givenAStreamAndOneSignalsOrder_whenScraped_thenTheAppsMetricsMovedAndTheDashboardFindsEachOfThem() {
        Http developer = users.verified("DEVELOPER").http();
        String algorithmId = PaperSubscribers.algorithm(developer);
        Subscriber subscriber = subscribers.subscribe(algorithmId, "1000");
        String connection = subscriber.connectionId();
        // The connection's stream workflow, started as ACCOUNT_STREAMS=true starts it on connecting (not switched on
        // here: at the worker's start it would start a stream for every connection earlier ITs left in the database).
        stream = workflowClient.newWorkflowStub(
                AccountStreamWorkflow.class,
                WorkflowStarts.options(WorkflowIds.accountStream(connection), TaskQueues.STREAMS));
        WorkflowClient.start(stream::run, new AccountStreamInput(connection, 3600));
        // Its activity registers the stream's meters once it runs on this worker.
        PrometheusScrape streaming =
                awaitScrape(scrape -> scrape.value("algomarket_stream_connected", "connection", connection)
                                .orElse(0)
                        == 1);
        double filledBefore =
                streaming.value("algomarket_orders", "status", "FILLED").orElseThrow();
        double latenciesBefore = streaming
                .value("algomarket_signal_to_venue_seconds_count", "exchange", "PAPER")
                .orElseThrow();
        // The stream's next event (the order's NEW report) drops its connection: it reconnects and catches up.
        venue.faults().add(new PaperFaults.Fault(PaperFaults.STREAM, PaperFaults.Kind.LOST_RESPONSE, 1, null, 1));

        Http.Response accepted = developer.postJson(
                "/api/v1/algorithms/" + algorithmId + "/signals",
                """
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"portfolioFraction":"0.01"}}""",
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        String signalId = accepted.body().get("signalId").asString();
        Await.until(DEADLINE, () -> rows.orderStatus(subscriber.portfolioId(), signalId), OrderStatus.FILLED::equals);

        PrometheusScrape after =
                awaitScrape(scrape -> value(scrape, "algomarket_orders", "status", "FILLED") > filledBefore
                        && value(scrape, "algomarket_stream_reconnects_total", "connection", connection) >= 1
                        && value(scrape, "algomarket_stream_connected", "connection", connection) == 1);
        assertThat(value(after, "algomarket_signal_to_venue_seconds_count", "exchange", "PAPER"))
                .isGreaterThan(latenciesBefore);
        assertThat(value(after, "algomarket_signal_to_venue_seconds_sum", "exchange", "PAPER"))
                .isPositive();
        assertThat(value(after, "algomarket_stream_lag_seconds", "connection", connection))
                .isGreaterThanOrEqualTo(0);
        assertThat(after.names())
                .as("every metric the app's dashboard queries")
                .containsAll(Dashboards.metricNames(Dashboards.APP));

        // A stream this worker no longer holds is not reported: its activity removed its meters as it ended.
        stream.stop();
        WorkflowStub.fromTyped(stream).getResult(Void.class);
        stream = null;
        assertThat(scrape().value("algomarket_stream_connected", "connection", connection))
                .isEmpty();
    }

    private PrometheusScrape awaitScrape(Predicate<PrometheusScrape> condition) {
        return Await.until(DEADLINE, this::scrape, condition);
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.parse(new Http(port)
                .withBearer(operatorToken)
                .get("/actuator/prometheus")
                .raw());
    }

    private static double value(PrometheusScrape scrape, String name, String label, String labelValue) {
        OptionalDouble value = scrape.value(name, label, labelValue);
        return value.orElse(Double.NaN);
    }
}
