package com.algomarket.workflows.purchases;

/** Makes the purchase ACTIVE from {@code startsAtMillis} until {@code endsAtMillis} (epoch milliseconds). */
public record ActivateInput(String purchaseId, long startsAtMillis, long endsAtMillis) {}
