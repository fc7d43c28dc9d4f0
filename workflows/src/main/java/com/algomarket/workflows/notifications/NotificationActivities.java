package com.algomarket.workflows.notifications;

import io.temporal.activity.ActivityInterface;

/**
 * What the notification side asks of the worker. Inputs are ids: the activities read the event, the user's choices and
 * the webhook from the database, so no price, quantity, address or secret passes through Temporal.
 */
@ActivityInterface
public interface NotificationActivities {

    /**
     * Tells the order's owner how it ended (filled, partly filled, rejected or cancelled), as the order's row says,
     * through the channels they chose; starts a {@link NotificationDeliveryWorkflow} per delivery.
     */
    void orderEnded(String orderId);

    /**
     * One attempt of a delivery: sends the email, or posts the signed event to the webhook. Fails with a
     * {@link DeliveryFailure} type when another attempt cannot help, with any other failure when it may.
     */
    void deliver(String deliveryId);

    /** Records that the delivery failed for good, with the last error. */
    void giveUp(String deliveryId, String reason);
}
