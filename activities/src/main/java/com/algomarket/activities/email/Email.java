package com.algomarket.activities.email;

import java.time.Instant;

public record Email(String to, String subject, String body, Instant sentAt) {}
