package com.algomarket.api.connections;

import static com.algomarket.api.support.Problems.assertProblem;
import static com.algomarket.db.jooq.Tables.AUDIT_LOG;
import static com.algomarket.db.jooq.Tables.EXCHANGE_CONNECTIONS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static com.algomarket.db.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.email.Email;
import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperExchange.Permission;
import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Key rotation and revocation on the real servers and a paper venue whose accounts may hold several keys: a key of the
 * same account replaces the old one and the portfolio trades on with it; a key of another account, or one that may
 * withdraw or may not trade, changes nothing; a key deleted at the venue revokes its connection at the first order
 * that meets it, pauses the portfolio with the reason and emails the user, and a rotation makes it ACTIVE again.
 */
@RealServersOnPaper(seed = 19)
class KeyRotationIT extends OnPaperVenue {

    private static final EnumSet<Permission> READ_TRADE = EnumSet.of(Permission.READ, Permission.TRADE);

    @Autowired
    OutboxEmailSender outbox;

    private Subscriber subscriber;
    private Http user;
    private String connectionId;

    @BeforeEach
    void subscriberWithAPortfolio() {
        venue.faults().clear();
        subscriber = subscribers.subscribeToNewAlgorithm("1000", new BigDecimal("10000"));
        user = subscriber.http();
        connectionId = subscriber.connectionId();
    }

    @Test
    void givenAPortfolioOnTheConnection_whenListed_thenItsPortfolioAndAlgorithmAreShown() {
        Http.Response list = user.get("/api/v1/connections");

        assertThat(list.status()).isEqualTo(200);
        var connection = list.body().get(0);
        assertThat(connection.get("portfolios")).hasSize(1);
        assertThat(connection.get("portfolios").get(0).get("id").asString()).isEqualTo(subscriber.portfolioId());
        assertThat(connection.get("portfolios").get(0).get("status").asString()).isEqualTo("ACTIVE");
        String algorithmId =
                connection.get("portfolios").get(0).get("algorithmId").asString();
        assertThat(connection.get("algorithms")).hasSize(1);
        assertThat(connection.get("algorithms").get(0).get("id").asString()).isEqualTo(algorithmId);
        assertThat(connection.get("algorithms").get(0).get("name").asString()).startsWith("Signals ");
    }

    @Test
    void givenAnotherKeyOfTheSameAccount_whenRotated_thenSameConnectionAndPortfolioTradeOnWithTheNewKey() {
        PaperExchange.ApiKey rotated =
                venue.exchange().createKeyOfSameAccount(subscriber.key().apiKey(), READ_TRADE);
        String idempotencyKey = UUID.randomUUID().toString();

        Http.Response answer = rotate(rotated, idempotencyKey);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().get("id").asString()).isEqualTo(connectionId);
        assertThat(answer.body().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(answer.body().get("accountChecked").asBoolean()).isTrue();
        assertThat(answer.raw()).doesNotContain(rotated.secret()).doesNotContain(rotated.apiKey());
        Http.Response again = rotate(rotated, idempotencyKey);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(answer.body());
        // The retry answered the first answer again: the key was rotated once.
        assertThat(dsl.fetchCount(
                        AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(connectionId).and(AUDIT_LOG.ACTION.eq("KEY_ROTATED"))))
                .isEqualTo(1);
        Record row = connectionRow();
        assertThat(new String(row.get(EXCHANGE_CONNECTIONS.API_SECRET_CIPHERTEXT), StandardCharsets.ISO_8859_1))
                .doesNotContain(rotated.secret());
        assertThat(row.get(EXCHANGE_CONNECTIONS.KEY_FINGERPRINT)).doesNotContain(rotated.apiKey());

        // The old key is gone at the venue: an order that fills now went out with the new one.
        venue.exchange().deleteKey(subscriber.key().apiKey());
        DirectOrders direct = new DirectOrders(workflowClient, orders, subscriber);
        assertThat(direct.run(direct.order(Side.BUY, OrderType.MARKET, "0.001", null, 30)))
                .isEqualTo(OrderStatus.FILLED);
        assertThat(portfolioStatus()).isEqualTo(PortfolioStatus.ACTIVE);
        assertThat(connectionRow().get(EXCHANGE_CONNECTIONS.STATUS)).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void givenKeysOfAnotherAccountOrThatMayWithdrawOrMayNotTrade_whenRotated_then422AndNothingChanged() {
        String oldKey = subscriber.key().apiKey();
        Record before = connectionRow();
        PaperExchange.ApiKey otherAccount = venue.exchange().createKey(READ_TRADE, Map.of("EUR", BigDecimal.TEN));
        PaperExchange.ApiKey withdrawing = venue.exchange()
                .createKeyOfSameAccount(oldKey, EnumSet.of(Permission.READ, Permission.TRADE, Permission.WITHDRAW));
        PaperExchange.ApiKey readOnly = venue.exchange().createKeyOfSameAccount(oldKey, EnumSet.of(Permission.READ));

        assertProblem(rotate(otherAccount, UUID.randomUUID().toString()), 422, "key-of-another-account");
        assertProblem(rotate(withdrawing, UUID.randomUUID().toString()), 422, "withdraw-permission-enabled");
        assertProblem(rotate(readOnly, UUID.randomUUID().toString()), 422, "trade-permission-missing");
        assertProblem(
                users.verified("USER")
                        .http()
                        .postJson(
                                "/api/v1/connections/" + connectionId + "/rotate-key",
                                body(venue.exchange().createKeyOfSameAccount(oldKey, READ_TRADE))),
                404,
                "connection-not-found");

        Record after = connectionRow();
        assertThat(after.get(EXCHANGE_CONNECTIONS.API_KEY_CIPHERTEXT))
                .isEqualTo(before.get(EXCHANGE_CONNECTIONS.API_KEY_CIPHERTEXT));
        assertThat(after.get(EXCHANGE_CONNECTIONS.KEY_FINGERPRINT))
                .isEqualTo(before.get(EXCHANGE_CONNECTIONS.KEY_FINGERPRINT));
        assertThat(after.get(EXCHANGE_CONNECTIONS.STATUS)).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void givenAKeyDeletedAtTheExchange_whenAnOrderMeetsIt_thenRevokedPausedEmailedAndARotationReactivates() {
        PaperExchange.ApiKey rotated =
                venue.exchange().createKeyOfSameAccount(subscriber.key().apiKey(), READ_TRADE);
        venue.exchange().deleteKey(subscriber.key().apiKey());
        DirectOrders direct = new DirectOrders(workflowClient, orders, subscriber);

        OrderStatus status = direct.run(direct.order(Side.BUY, OrderType.MARKET, "0.001", null, 30));

        assertThat(status).isEqualTo(OrderStatus.REJECTED);
        Record connection = connectionRow();
        assertThat(connection.get(EXCHANGE_CONNECTIONS.STATUS)).isEqualTo(ConnectionStatus.REVOKED);
        assertThat(connection.get(EXCHANGE_CONNECTIONS.STATUS_REASON)).contains("refused the key");
        assertThat(portfolioStatus()).isEqualTo(PortfolioStatus.PAUSED);
        assertThat(dsl.select(PORTFOLIOS.STATUS_REASON)
                        .from(PORTFOLIOS)
                        .where(PORTFOLIOS.ID.eq(UUID.fromString(subscriber.portfolioId())))
                        .fetchOne(PORTFOLIOS.STATUS_REASON))
                .contains("refused the key of connection")
                .contains("/rotate-key");
        List<Email> emails = Await.until(
                DEADLINE,
                () -> outbox.sentTo(email()).stream()
                        .filter(mail -> mail.subject().contains("key was refused"))
                        .toList(),
                found -> !found.isEmpty());
        assertThat(emails).hasSize(1);
        assertThat(emails.getFirst().body()).contains(subscriber.portfolioId()).contains("rotate-key");

        Http.Response reactivated = rotate(rotated, UUID.randomUUID().toString());

        assertThat(reactivated.status()).as(reactivated.raw()).isEqualTo(200);
        assertThat(reactivated.body().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(portfolioStatus()).isEqualTo(PortfolioStatus.PAUSED);
        Http.Response resumed = user.postJson("/api/v1/portfolios/" + subscriber.portfolioId() + "/resume", "");
        assertThat(resumed.status()).as(resumed.raw()).isEqualTo(200);
        assertThat(direct.run(direct.order(Side.BUY, OrderType.MARKET, "0.001", null, 30)))
                .isEqualTo(OrderStatus.FILLED);
    }

    private Http.Response rotate(PaperExchange.ApiKey key, String idempotencyKey) {
        return user.postJson(
                "/api/v1/connections/" + connectionId + "/rotate-key", body(key), "Idempotency-Key", idempotencyKey);
    }

    private static String body(PaperExchange.ApiKey key) {
        return "{\"apiKey\": \"%s\", \"apiSecret\": \"%s\"}".formatted(key.apiKey(), key.secret());
    }

    private Record connectionRow() {
        return dsl.selectFrom(EXCHANGE_CONNECTIONS)
                .where(EXCHANGE_CONNECTIONS.ID.eq(UUID.fromString(connectionId)))
                .fetchOne();
    }

    private PortfolioStatus portfolioStatus() {
        return dsl.select(PORTFOLIOS.STATUS)
                .from(PORTFOLIOS)
                .where(PORTFOLIOS.ID.eq(UUID.fromString(subscriber.portfolioId())))
                .fetchOne(PORTFOLIOS.STATUS);
    }

    private String email() {
        return dsl.select(USERS.EMAIL)
                .from(USERS)
                .join(EXCHANGE_CONNECTIONS)
                .on(EXCHANGE_CONNECTIONS.USER_ID.eq(USERS.ID))
                .where(EXCHANGE_CONNECTIONS.ID.eq(UUID.fromString(connectionId)))
                .fetchOne(USERS.EMAIL);
    }
}
