package com.algomarket.activities.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMTP server that sends the emails ({@code algomarket.mail.*}; the defaults are in application.yml). Only read
 * when {@code host} is set; else the emails go to the outbox.
 *
 * @param username empty: the server takes mail without authentication
 * @param from the sender of every email, e.g. {@code AlgoMarket <no-reply@algomarket.local>}
 */
@ConfigurationProperties("algomarket.mail")
record MailProperties(String host, int port, String username, String password, String from) {

    MailProperties {
        // An empty MAIL_USERNAME or MAIL_PASSWORD may bind as null; they are read as the empty strings they were.
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }
}
