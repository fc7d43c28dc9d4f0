package com.algomarket.api.abuse;

import java.util.Locale;

/** The anonymous or cheap-to-repeat actions an attacker would repeat: each has its own buckets. */
public enum AbuseAction {
    LOGIN("login attempts"),
    REGISTER("registrations"),
    VERIFY("verification attempts"),
    RESEND("verification emails"),
    COUPON_CHECK("coupon checks"),
    /** Signals posted with one algorithm API key: the "account" is the key, so a runaway strategy is braked. */
    KEY_SIGNAL("signals with this API key");

    private final String plural;

    AbuseAction(String plural) {
        this.plural = plural;
    }

    /** How the client reads it: "Too many login attempts ...". */
    String plural() {
        return plural;
    }

    /** Its key under {@code algomarket.abuse.limits}. */
    String property() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
