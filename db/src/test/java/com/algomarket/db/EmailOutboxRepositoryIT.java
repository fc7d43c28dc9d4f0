package com.algomarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.email.EmailOutboxRepository;
import com.algomarket.db.email.OutboxEmail;
import com.algomarket.db.support.MigratedSchema;
import java.time.Instant;
import lombok.RequiredArgsConstructor;
import org.junit.jupiter.api.Test;

/** The embedded default's outbox keeps the newest emails and finds them by recipient, whatever the case. */
@MigratedSchema("email_outbox_repository_it")
@RequiredArgsConstructor
class EmailOutboxRepositoryIT {

    private final EmailOutboxRepository outbox;

    @Test
    void givenFullOutbox_whenSending_thenDropsTheOldestEmail() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        outbox.append(new OutboxEmail("a@example.com", "1", "first", now), 2);
        outbox.append(new OutboxEmail("a@example.com", "2", "second", now), 2);
        outbox.append(new OutboxEmail("b@example.com", "3", "third", now), 2);

        assertThat(outbox.sentTo(null)).extracting(OutboxEmail::subject).containsExactly("2", "3");
        assertThat(outbox.sentTo("A@example.com"))
                .extracting(OutboxEmail::subject)
                .containsExactly("2");
        assertThat(outbox.sentTo("b@example.com").getFirst().sentAt()).isEqualTo(now);
    }
}
