package com.algomarket.api.portfolios;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnDevelopersAlgorithm;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.support.Await;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The kill switch through REST on the real dev server and a paper venue: it fails closed (every portfolio KILLED, the
 * order workflows it cannot reach named in the answer), a repeated kill adds no flatten and no sell, and an order
 * whose cancel signal was lost cancels itself when it next wakes.
 */
@RealServersOnPaper(seed = 23)
class KillSwitchIT extends OnDevelopersAlgorithm {

    @Autowired
    PortfolioRepository portfolios;

    @BeforeEach
    void algorithm() {
        venue.faults().clear();
    }

    @Test
    void givenAPosition_whenKilledTwiceWithFlattenAndKillAllAtOnce_thenOneFlattenAndOneSell() throws Exception {
        Subscriber subscriber = subscribers.subscribe(algorithmId, "1000");
        String buy = signal(algorithmId, """
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.002"}}""");
        Await.until(DEADLINE, () -> rows.orderStatus(subscriber.portfolioId(), buy), OrderStatus.FILLED::equals);
        String kill = "/api/v1/portfolios/" + subscriber.portfolioId() + "/kill";

        // A double click and a kill-all, all at once.
        List<Http.Response> answers = atOnce(
                () -> subscriber.http().postJson(kill, "{\"flatten\":true}"),
                () -> subscriber.http().postJson(kill, "{\"flatten\":true}"),
                () -> subscriber.http().postJson("/api/v1/kill", "{\"flatten\":true}"));

        for (Http.Response killed : answers) {
            assertThat(killed.status()).as(killed.raw()).isEqualTo(202);
            assertThat(killed.body().get("unreachable")).isEmpty();
        }
        Await.until(DEADLINE, () -> rows.position(subscriber.portfolioId()), held -> held.signum() == 0);
        String flattenId = WorkflowIds.flatten(subscriber.portfolioId(), "kill-1");
        assertThat(workflowClient
                        .newUntypedWorkflowStub(flattenId)
                        .getResult(DEADLINE.toSeconds(), TimeUnit.SECONDS, Integer.class))
                .isEqualTo(1);
        assertThat(dsl.fetchCount(
                        ORDERS,
                        ORDERS.PORTFOLIO_ID
                                .eq(UUID.fromString(subscriber.portfolioId()))
                                .and(ORDERS.SIDE.eq(Side.SELL))))
                .isEqualTo(1);
        assertThat(venue.exchange().allOrders(subscriber.key().apiKey()))
                .filteredOn(order -> order.side().equals("SELL"))
                .singleElement()
                .satisfies(order -> assertThat(order.executedQty()).isEqualByComparingTo("0.002"));
        assertThat(venue.exchange().balances(subscriber.key().apiKey()).get("BTC")[0])
                .isEqualByComparingTo("0");
        // One kill epoch: the repeated kills found the portfolio KILLED and asked for the same flatten.
        assertThat(portfolios.killedEpochs(
                        ownerOf(subscriber.portfolioId()), List.of(UUID.fromString(subscriber.portfolioId()))))
                .singleElement()
                .satisfies(epoch -> assertThat(epoch.epoch()).isEqualTo(1));
    }

    @Test
    void givenTwoPortfoliosAndAnOrderWhoseWorkflowIsGone_whenKillAll_thenBothKilledAndTheOrderNamedUnreachable() {
        Subscriber subscriber = subscribers.subscribe(algorithmId, "1000");
        String otherAlgorithm = PaperSubscribers.algorithm(developer);
        String otherPortfolio =
                subscribers.portfolio(subscriber.http(), otherAlgorithm, subscriber.connectionId(), "1000");
        String resting = """
                {"symbol":"BTC/EUR","side":"BUY","type":"LIMIT","limitPrice":"30000","sizing":{"quantity":"0.001"},
                 "timeoutSeconds":600}""";
        String lost = signal(algorithmId, resting);
        String followed = signal(otherAlgorithm, resting);
        Await.until(DEADLINE, () -> rows.orderStatus(subscriber.portfolioId(), lost), OrderStatus.PENDING::equals);
        Await.until(DEADLINE, () -> rows.orderStatus(otherPortfolio, followed), OrderStatus.PENDING::equals);
        // The first order's workflow is gone (an operator terminated it): its row stays PENDING, its order rests.
        workflowClient
                .newUntypedWorkflowStub(WorkflowIds.order(subscriber.portfolioId(), lost))
                .terminate("test: the workflow that follows the order is gone");

        Http.Response killed = subscriber.http().postJson("/api/v1/kill", "{}");

        assertThat(killed.status()).as(killed.raw()).isEqualTo(202);
        assertThat(killed.body().get("cancelled").asInt()).isEqualTo(1);
        assertThat(killed.body().get("unreachable"))
                .singleElement()
                .satisfies(id -> assertThat(id.asString())
                        .isEqualTo(rows.orderId(subscriber.portfolioId(), lost).toString()));
        for (String portfolioId : List.of(subscriber.portfolioId(), otherPortfolio)) {
            assertThat(subscriber
                            .http()
                            .get("/api/v1/portfolios/" + portfolioId)
                            .body()
                            .get("status")
                            .asString())
                    .isEqualTo("KILLED");
        }
        Await.until(DEADLINE, () -> rows.orderStatus(otherPortfolio, followed), OrderStatus.CANCELLED::equals);
        assertThat(rows.orderStatus(subscriber.portfolioId(), lost)).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void givenRestingOrderWhoseCancelSignalWasLost_whenItNextWakes_thenItCancelsItselfAtTheVenue() throws Exception {
        Subscriber subscriber = subscribers.subscribe(algorithmId, "1000");
        DirectOrders direct = new DirectOrders(workflowClient, orders, subscriber);
        OrderInput resting = direct.order(Side.BUY, OrderType.LIMIT, "0.001", "30000", 600);
        OrderWorkflow workflow = direct.workflow(resting);
        WorkflowClient.start(workflow::run, resting);
        Await.until(
                DEADLINE,
                () -> orders.findIntent(UUID.fromString(resting.orderId()))
                        .orElseThrow()
                        .status(),
                OrderStatus.PENDING::equals);

        // The kill commits, and its cancel signal never arrives.
        assertThat(portfolios.kill(
                        ownerOf(subscriber.portfolioId()),
                        List.of(UUID.fromString(subscriber.portfolioId())),
                        "test: kill whose signal was lost"))
                .hasSize(1);

        // Its first waits are 1, 2, 4, 8 and 16 s, then 30 s: it wakes well within the deadline.
        assertThat(WorkflowStub.fromTyped(workflow)
                        .getResult(DEADLINE.toSeconds(), TimeUnit.SECONDS, OrderStatus.class))
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(dsl.select(ORDERS.REASON)
                        .from(ORDERS)
                        .where(ORDERS.ID.eq(UUID.fromString(resting.orderId())))
                        .fetchOne(ORDERS.REASON))
                .isEqualTo("kill switch: portfolio KILLED");
        assertThat(venue.exchange().openOrders(subscriber.key().apiKey(), "BTCEUR"))
                .isEmpty();
    }

    /** Sends the requests from threads of their own, released together; answers their responses in order. */
    @SafeVarargs
    private static List<Http.Response> atOnce(Callable<Http.Response>... requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(requests.length)) {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (Callable<Http.Response> request : requests) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                responses.add(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            return responses;
        }
    }

    private String signal(String algorithm, String json) {
        return PaperSubscribers.signal(developer, algorithm, json);
    }

    private UUID ownerOf(String portfolioId) {
        return dsl.select(PORTFOLIOS.USER_ID)
                .from(PORTFOLIOS)
                .where(PORTFOLIOS.ID.eq(UUID.fromString(portfolioId)))
                .fetchOne(PORTFOLIOS.USER_ID);
    }
}
