package com.algomarket.workflows.notifications;

import com.algomarket.workflows.common.EnumNames;

/**
 * What a user chooses to be told by email ({@code PUT /me/notifications}: {@code email: {fills, rejections, kill,
 * reconciliation, subscription, payments}}). A topic a user never set takes its default: everything but fills, which
 * a busy portfolio has many of.
 */
public enum NotificationTopic {
    FILLS("fills", false),
    REJECTIONS("rejections", true),
    KILL("kill", true),
    RECONCILIATION("reconciliation", true),
    SUBSCRIPTION("subscription", true),
    PAYMENTS("payments", true);

    private final String preferenceKey;
    private final boolean emailByDefault;

    NotificationTopic(String preferenceKey, boolean emailByDefault) {
        this.preferenceKey = preferenceKey;
        this.emailByDefault = emailByDefault;
    }

    /** The topic's name in the REST body and in the stored preferences. */
    public String preferenceKey() {
        return preferenceKey;
    }

    public boolean emailByDefault() {
        return emailByDefault;
    }

    /** The topic of a preference key, or null for a key that names none. */
    public static NotificationTopic ofPreferenceKey(String key) {
        return EnumNames.constantNamed(values(), NotificationTopic::preferenceKey, key);
    }
}
