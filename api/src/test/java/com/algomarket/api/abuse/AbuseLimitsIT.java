package com.algomarket.api.abuse;

import static com.algomarket.api.support.Problems.assertProblem;
import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static com.algomarket.db.jooq.Tables.PURCHASES;
import static com.algomarket.db.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.Purchases;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.TestUsers;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.purchases.PurchaseStatus;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The abuse limits through real HTTP, against the real PostgreSQL and Temporal. The limits are set low here (the
 * other ITs raise the per-address ones, as they all call from 127.0.0.1). 127.0.0.1 is a trusted proxy in this class,
 * so that a test can call "from" other addresses with X-Forwarded-For while the users it needs register from
 * 127.0.0.1 (at most 10 per class, the register limit below).
 */
@RealServers(
        properties = {
            "algomarket.abuse.trusted-proxies=127.0.0.1,::1",
            "algomarket.abuse.limits.login.per-account=5/15m",
            "algomarket.abuse.limits.register.per-ip=10/1h",
            "algomarket.abuse.limits.coupon-check.per-account=3/1h",
            "algomarket.abuse.limits.verify.per-account=3/15m",
            "algomarket.abuse.limits.resend.per-account=2/1h",
            // Registration has just sent a code: without this, a resend answers 429 resend-cooldown, not the limit.
            "algomarket.onboarding.resend-cooldown=PT0S",
            "algomarket.abuse.max-unpaid-purchases=3",
            "algomarket.stripe.secret-key=",
            "algomarket.stripe.webhook-secret=whsec_abuse_it"
        })
class AbuseLimitsIT {

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext dsl;

    @Test
    void givenFiveWrongPasswords_whenTheSixthLoginComes_then429WithRetryAfter_evenForTheRightPassword() {
        TestUsers.TestUser ann = users.verified("USER");
        TestUsers.TestUser bob = users.verified("USER");

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(login(ann.email(), "wrong password " + attempt), 401, "bad-credentials");
        }
        Http.Response sixth = login(ann.email(), "wrong password 6");
        Http.Response right = login(ann.email(), TestUsers.PASSWORD);

        assertProblem(sixth, 429, "rate-limited");
        // 5 attempts refill over 15 minutes: the next one in 3 minutes at most.
        assertThat(Long.parseLong(sixth.header("Retry-After"))).isBetween(1L, 180L);
        assertProblem(right, 429, "rate-limited");
        assertThat(right.header("Retry-After")).isNotNull();
        assertThat(right.body().has("accessToken")).isFalse();
        // Another account from the same address is not limited.
        assertThat(login(bob.email(), TestUsers.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void givenOneAddressFloodingRegistrations_whenOverItsLimit_then429AndNothingStored_whileOthersRegister() {
        String flooder = "203.0.113.7";
        for (int registration = 1; registration <= 10; registration++) {
            assertThat(register(newEmail(), flooder).status()).isEqualTo(201);
        }

        String refusedEmail = newEmail();
        Http.Response refused = register(refusedEmail, flooder);

        assertProblem(refused, 429, "rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(dsl.fetchCount(USERS, USERS.EMAIL.eq(UserRepository.normaliseEmail(refusedEmail))))
                .isZero();
        assertThat(register(newEmail(), "198.51.100.1").status()).isEqualTo(201);
    }

    @Test
    void givenThreeUnpaidPurchases_whenBuyingAFourth_then409UntilOneIsPaid() {
        Http developer = users.verified("DEVELOPER").http();
        Http buyer = users.verified("USER").http();
        String algorithm = PaperSubscribers.algorithm(developer, "10");

        String first = null;
        for (int purchase = 1; purchase <= 3; purchase++) {
            Http.Response bought = buy(buyer, algorithm, null);
            assertThat(bought.status()).as(bought.raw()).isEqualTo(201);
            first = first == null ? bought.body().get("id").asString() : first;
        }
        assertProblem(buy(buyer, algorithm, null), 409, "too-many-unpaid-purchases");
        assertThat(dsl.fetchCount(PURCHASES, PURCHASES.ALGORITHM_ID.eq(UUID.fromString(algorithm))))
                .isEqualTo(3);
        assertThat(dsl.select(ALGORITHMS.SEATS_TAKEN)
                        .from(ALGORITHMS)
                        .where(ALGORITHMS.ID.eq(UUID.fromString(algorithm)))
                        .fetchOne(ALGORITHMS.SEATS_TAKEN))
                .isEqualTo(3);

        String paid = first;
        assertThat(buyer.postJson("/api/v1/purchases/" + paid + "/simulate-payment", "{\"outcome\":\"succeeded\"}")
                        .status())
                .isEqualTo(202);
        Purchases.awaitStatus(buyer, paid, PurchaseStatus.ACTIVE.name());
        assertThat(buy(buyer, algorithm, null).status()).isEqualTo(201);
    }

    @Test
    void givenCouponChecks_whenOverTheAccountsLimit_then429ForChecksAndPurchasesNamingACoupon() {
        Http developer = users.verified("DEVELOPER").http();
        Http guesser = users.verified("USER").http();
        String algorithm = PaperSubscribers.algorithm(developer, "10");

        for (int guess = 1; guess <= 3; guess++) {
            Http.Response check = guesser.get("/api/v1/algorithms/" + algorithm + "/coupons/GUESS" + guess);
            assertThat(check.status()).as(check.raw()).isEqualTo(200);
            assertThat(check.body().get("available").asBoolean()).isFalse();
        }

        Http.Response limited = guesser.get("/api/v1/algorithms/" + algorithm + "/coupons/GUESS4");
        assertProblem(limited, 429, "rate-limited");
        assertThat(limited.header("Retry-After")).isNotNull();
        assertProblem(buy(guesser, algorithm, "GUESS5"), 429, "rate-limited");
        assertThat(dsl.fetchCount(PURCHASES, PURCHASES.ALGORITHM_ID.eq(UUID.fromString(algorithm))))
                .isZero();
    }

    @Test
    void givenCodeGuessesAndResends_whenOverTheAccountsLimits_then429WithRetryAfter_whileAnotherAccountGoesOn() {
        String email = newEmail();
        String other = newEmail();
        String address = "198.51.100.20";
        assertThat(register(email, address).status()).isEqualTo(201);
        assertThat(register(other, address).status()).isEqualTo(201);

        for (int guess = 1; guess <= 3; guess++) {
            Http.Response wrong = anonymousPost("/api/v1/auth/verify", verifyBody(email, "00000" + guess), address);
            assertThat(wrong.status()).as(wrong.raw()).isBetween(400, 499).isNotEqualTo(429);
        }
        Http.Response fourth = anonymousPost("/api/v1/auth/verify", verifyBody(email, "000004"), address);
        assertProblem(fourth, 429, "rate-limited");
        assertThat(Long.parseLong(fourth.header("Retry-After"))).isPositive();
        assertThat(anonymousPost("/api/v1/auth/verify", verifyBody(other, "000001"), address)
                        .status())
                .isNotEqualTo(429);

        for (int resend = 1; resend <= 2; resend++) {
            assertThat(anonymousPost("/api/v1/auth/resend-verification", emailBody(email), address)
                            .status())
                    .isEqualTo(202);
        }
        Http.Response third = anonymousPost("/api/v1/auth/resend-verification", emailBody(email), address);
        assertProblem(third, 429, "rate-limited");
        assertThat(Long.parseLong(third.header("Retry-After"))).isPositive();
        assertThat(anonymousPost("/api/v1/auth/resend-verification", emailBody(other), address)
                        .status())
                .isEqualTo(202);
    }

    private Http.Response anonymousPost(String path, String body, String fromAddress) {
        return users.anonymous().postJson(path, body, "X-Forwarded-For", fromAddress);
    }

    private static String verifyBody(String email, String code) {
        return "{\"email\": \"%s\", \"code\": \"%s\"}".formatted(email, code);
    }

    private static String emailBody(String email) {
        return "{\"email\": \"%s\"}".formatted(email);
    }

    private Http.Response login(String email, String password) {
        return users.anonymous()
                .postJson("/api/v1/auth/login", "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password));
    }

    private Http.Response register(String email, String fromAddress) {
        return users.anonymous()
                .postJson(
                        "/api/v1/auth/register",
                        """
                        {"email": "%s", "username": "%s", "password": "%s", "role": "USER", "acceptTerms": true}
                        """.formatted(email, "f" + UUID.randomUUID().toString().substring(0, 8), TestUsers.PASSWORD),
                        "X-Forwarded-For",
                        fromAddress);
    }

    private static String newEmail() {
        return "flood." + UUID.randomUUID() + "@example.com";
    }

    private static Http.Response buy(Http http, String algorithmId, String coupon) {
        return http.postJson(
                "/api/v1/purchases",
                "{\"algorithmId\":\"%s\",\"periods\":1%s}"
                        .formatted(algorithmId, coupon == null ? "" : ", \"couponCode\":\"" + coupon + "\""));
    }
}
