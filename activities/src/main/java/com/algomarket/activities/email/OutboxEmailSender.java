package com.algomarket.activities.email;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The embedded default's mail server: keeps the most recent emails in memory so that a developer (or a test) can
 * read them at {@code GET /api/v1/dev/outbox}. Bounded, because the app may run for days.
 */
public class OutboxEmailSender implements EmailSender {

    private final int capacity;
    private final Clock clock;
    private final Deque<Email> emails = new ArrayDeque<>();

    public OutboxEmailSender(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized void send(String to, String subject, String body) {
        if (emails.size() == capacity) {
            emails.removeFirst();
        }
        emails.addLast(new Email(to, subject, body, clock.instant()));
    }

    /** Emails sent to {@code to} (all when null), oldest first. */
    public synchronized List<Email> sentTo(String to) {
        return emails.stream()
                .filter(email -> to == null || email.to().equalsIgnoreCase(to))
                .toList();
    }
}
