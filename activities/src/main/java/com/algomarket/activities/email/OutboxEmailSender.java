package com.algomarket.activities.email;

import com.algomarket.db.email.EmailOutboxRepository;
import com.algomarket.db.email.OutboxEmail;
import java.time.Clock;
import java.util.List;
import lombok.RequiredArgsConstructor;

/**
 * The embedded default's mail server: keeps the most recent emails in the database's outbox so that a developer (or
 * a test) can read them at {@code GET /api/v1/dev/outbox}. Bounded, because the app may run for days.
 */
@RequiredArgsConstructor
public class OutboxEmailSender implements EmailSender {

    private final int capacity;
    private final Clock clock;
    private final EmailOutboxRepository outbox;

    @Override
    public void send(String to, String subject, String body) {
        outbox.append(new OutboxEmail(to, subject, body, clock.instant()), capacity);
    }

    /** Emails sent to {@code to} (all when null), oldest first. */
    public List<Email> sentTo(String to) {
        return outbox.sentTo(to).stream()
                .map(email -> new Email(email.to(), email.subject(), email.body(), email.sentAt()))
                .toList();
    }
}
