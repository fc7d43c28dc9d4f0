package com.algomarket.workflows.purchases;

/**
 * A purchase whose seat (and coupon) the API has reserved already. {@code amountMinor} is in the currency's minor
 * unit (cents); zero skips payment. The subscription lasts {@code periods} x {@code periodDays} from payment, or from
 * {@code startsNotBeforeMillis} (epoch milliseconds) when that is later: a renewal ({@code renewsPurchaseId} set)
 * starts when the purchase it renews ends. Both are absent from histories recorded before renewals existed.
 */
public record PurchaseInput(
        String purchaseId,
        String userId,
        String algorithmId,
        long amountMinor,
        String currency,
        int periods,
        int periodDays,
        long paymentDeadlineSeconds,
        String renewsPurchaseId,
        long startsNotBeforeMillis) {}
