package com.algomarket.workflows.notifications;

/** How a notification reaches its user: an email (through the app's mail sender or outbox) or their webhook. */
public enum DeliveryChannel {
    EMAIL,
    WEBHOOK
}
