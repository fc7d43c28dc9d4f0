package com.algomarket.workflows.purchases;

/** Reminds the buyer that the purchase's subscription ends in {@code daysLeft} days, unless a paid renewal follows. */
public record EndingReminderInput(String purchaseId, int daysLeft) {}
