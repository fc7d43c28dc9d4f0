package com.algomarket.api.support;

import com.algomarket.workflows.support.Await;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A user's purchase as the REST API answers it ({@code GET /purchases/{id}}), and waiting for its status. */
public final class Purchases {

    /** Long enough for the purchase workflow and the simulated payment provider on a busy CI machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private Purchases() {}

    public static JsonNode get(Http user, String purchaseId) {
        return user.get("/api/v1/purchases/" + purchaseId).body();
    }

    public static String status(Http user, String purchaseId) {
        return get(user, purchaseId).get("status").asString();
    }

    /** Waits until the purchase has {@code status} and answers it as it was then; fails after the deadline. */
    public static JsonNode awaitStatus(Http user, String purchaseId, String status) {
        return Await.until(
                DEADLINE,
                () -> get(user, purchaseId),
                purchase -> status.equals(purchase.get("status").asString()));
    }
}
