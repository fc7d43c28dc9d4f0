package com.algomarket.api.idempotency;

import com.algomarket.api.Roles;
import com.algomarket.db.idempotency.IdempotencyRepository;
import java.time.Duration;
import java.time.OffsetDateTime;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes stored idempotent requests older than the window ({@code algomarket.idempotency.window}) in which a retry
 * gets the first answer; a retry later than that runs as a new request. Runs at start and then every
 * {@code algomarket.idempotency.purge-interval} on each API node: the delete is the same whoever runs it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
class IdempotencyPurge {

    private final IdempotencyRepository requests;

    @Value("${algomarket.idempotency.window}")
    private final Duration window;

    @Scheduled(fixedDelayString = "${algomarket.idempotency.purge-interval}")
    void purge() {
        try {
            int deleted = requests.deleteOlderThan(OffsetDateTime.now().minus(window));
            if (deleted > 0) {
                log.info("Purged {} idempotent requests older than {}", deleted, window);
            }
        } catch (RuntimeException e) {
            // The database may be down for a while; the next run tries again.
            log.warn("Could not purge idempotent requests: {}", e.toString());
        }
    }
}
