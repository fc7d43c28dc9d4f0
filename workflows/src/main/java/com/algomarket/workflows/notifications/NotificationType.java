package com.algomarket.workflows.notifications;

import com.algomarket.workflows.common.EnumNames;

/**
 * The events a user is told about, by their wire names (a webhook body's {@code type}), each under the email topic
 * that decides whether it is emailed too. An order that ended cancelled or expired after part of it filled is a partial
 * fill; one that ended with nothing filled is a cancel, told under rejections: the order did not execute.
 *
 * <p>The email of {@link #SUBSCRIPTION_ENDING} is the purchase workflow's ending reminder, which names the renewal:
 * the event itself goes to webhooks only, so that nobody is emailed twice.
 */
public enum NotificationType {
    ORDER_FILLED("order.filled", NotificationTopic.FILLS),
    ORDER_PARTIALLY_FILLED("order.partially_filled", NotificationTopic.FILLS),
    ORDER_REJECTED("order.rejected", NotificationTopic.REJECTIONS),
    ORDER_CANCELLED("order.cancelled", NotificationTopic.REJECTIONS),
    PORTFOLIO_KILLED("portfolio.killed", NotificationTopic.KILL),
    PORTFOLIO_PAUSED("portfolio.paused", NotificationTopic.RECONCILIATION),
    SUBSCRIPTION_ENDING("subscription.ending", NotificationTopic.SUBSCRIPTION),
    SUBSCRIPTION_ENDED("subscription.ended", NotificationTopic.SUBSCRIPTION),
    PAYMENT_FAILED("payment.failed", NotificationTopic.PAYMENTS);

    private final String wireName;
    private final NotificationTopic topic;

    NotificationType(String wireName, NotificationTopic topic) {
        this.wireName = wireName;
        this.topic = topic;
    }

    public String wireName() {
        return wireName;
    }

    public NotificationTopic topic() {
        return topic;
    }

    /** Whether the notification's own email is sent; false when its emitter sends a fuller one itself. */
    public boolean emailedAsNotification() {
        return this != SUBSCRIPTION_ENDING;
    }

    /** The type of a wire name, or null for a name that is none. */
    public static NotificationType ofWireName(String name) {
        return EnumNames.constantNamed(values(), NotificationType::wireName, name);
    }
}
