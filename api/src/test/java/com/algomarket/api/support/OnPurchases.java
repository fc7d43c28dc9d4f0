package com.algomarket.api.support;

import static com.algomarket.db.jooq.Tables.ALGORITHMS;

import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An IT of purchases through the REST API: before each test a new developer, who publishes algorithms, and a new
 * buyer, who buys them. The subclass carries {@link RealServers} with the payment settings it needs.
 */
public abstract class OnPurchases {

    @Autowired
    protected DSLContext dsl;

    @Autowired
    protected TestUsers users;

    protected Http developer;
    protected Http buyer;

    @BeforeEach
    void people() {
        developer = users.verified("DEVELOPER").http();
        buyer = users.verified("USER").http();
    }

    /** An algorithm of the developer at {@code price} EUR a 30-day period, with {@code seats} or unlimited (null). */
    protected String publish(String price, Integer seats) {
        return PaperSubscribers.algorithm(developer, price, seats);
    }

    /** {@code http} buys {@code periods} of the algorithm, with a coupon code or none (null); answers as it is. */
    protected static Http.Response buy(Http http, String algorithmId, int periods, String coupon) {
        return http.postJson(
                "/api/v1/purchases",
                "{\"algorithmId\":\"%s\",\"periods\":%d%s}"
                        .formatted(algorithmId, periods, coupon == null ? "" : ", \"couponCode\":\"" + coupon + "\""));
    }

    /** The algorithm's seats taken, as stored. */
    protected int seatsTaken(String algorithmId) {
        return dsl.select(ALGORITHMS.SEATS_TAKEN)
                .from(ALGORITHMS)
                .where(ALGORITHMS.ID.eq(UUID.fromString(algorithmId)))
                .fetchOne(ALGORITHMS.SEATS_TAKEN);
    }
}
