package com.algomarket.workflows.orders;

/** The pre-trade risk check's answer: approved, or refused with the reason recorded on the order. */
public record RiskDecision(boolean approved, String reason) {

    public static RiskDecision approve() {
        return new RiskDecision(true, null);
    }

    public static RiskDecision refuse(String reason) {
        return new RiskDecision(false, reason);
    }
}
