package com.algomarket.db.email;

import java.time.Instant;

/** An email the embedded default would have sent. */
public record OutboxEmail(String to, String subject, String body, Instant sentAt) {}
