package com.algomarket.db.notifications;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process's one webhook URL policy: the API checks a URL with it when it is saved, a worker before each post. */
@Configuration(proxyBeanMethods = false)
class WebhookUrlPolicyConfiguration {

    /** {@code embedded}: the embedded default, whose webhooks may post to this machine. */
    @Bean
    WebhookUrlPolicy webhookUrlPolicy(@Value("${algomarket.embedded.active:false}") boolean embedded) {
        return WebhookUrlPolicy.withSystemResolver(embedded);
    }
}
