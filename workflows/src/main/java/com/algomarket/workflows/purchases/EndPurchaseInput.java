package com.algomarket.workflows.purchases;

/** Ends a purchase in a final status and gives its seat back. */
public record EndPurchaseInput(String purchaseId, PurchaseStatus status) {}
