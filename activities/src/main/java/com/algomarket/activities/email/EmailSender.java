package com.algomarket.activities.email;

/** Delivers an email or throws: activities rely on the exception to have Temporal retry the delivery. */
public interface EmailSender {

    void send(String to, String subject, String body);
}
