package com.algomarket.workflows.notifications;

/**
 * The failure types of a delivery attempt that another attempt cannot change, so Temporal does not retry them: the
 * webhook's URL resolves to an address the app does not call, or the webhook was removed or replaced since the event.
 * Any other failure (a timeout, a refused connection, an answer other than 2xx) is retried with backoff.
 */
public enum DeliveryFailure {
    URL_REFUSED,
    ENDPOINT_GONE
}
