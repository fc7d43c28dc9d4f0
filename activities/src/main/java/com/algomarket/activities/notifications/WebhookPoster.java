package com.algomarket.activities.notifications;

import com.algomarket.db.notifications.WebhookUrlPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Posts a signed event to a user's webhook. The URL is checked again right before the post, since the name may resolve
 * elsewhere than when it was saved (DNS rebinding); the client's own lookup a moment later is answered from the JVM's
 * address cache (30 s by default), so it connects to an address just checked. Redirects are never followed: a
 * receiver cannot send the post on into the private network. Only the status is read from the answer.
 */
@Component
class WebhookPoster {

    /** A delivery that another attempt cannot help: the URL is refused. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebhookUrlPolicy policy;
    private final HttpClient client;

    WebhookPoster(WebhookUrlPolicy policy) {
        this.policy = policy;
        this.client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Posts the body; throws with a short reason unless the receiver answered 2xx. */
    void post(String url, String body, String signature, String eventId) {
        URI uri;
        try {
            uri = policy.check(url).uri();
        } catch (WebhookUrlPolicy.Refused refused) {
            throw new Refused(refused.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "AlgoMarket-Webhooks/1")
                .header(WebhookSignature.HEADER, signature)
                .header("AlgoMarket-Event-Id", eventId)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        int status;
        try {
            status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("could not post to the webhook: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting to the webhook", e);
        }
        if (status < 200 || status > 299) {
            throw new IllegalStateException("the webhook answered HTTP " + status);
        }
    }
}
