package com.algomarket.activities.config;

import com.algomarket.activities.email.EmailSender;
import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.activities.email.SmtpEmailSender;
import com.algomarket.db.email.EmailOutboxRepository;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Real SMTP when {@code MAIL_HOST} is set, else the in-process outbox of the embedded default. (Spring Boot's mail
 * auto-configuration would take an empty host for a configured one, so the sender is built here.)
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class EmailConfiguration {

    @Bean
    @ConditionalOnExpression("!'${algomarket.mail.host:}'.isBlank()")
    EmailSender smtpEmailSender(MailProperties mail) {
        JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
        mailSender.setHost(mail.host());
        mailSender.setPort(mail.port());
        if (!mail.username().isBlank()) {
            mailSender.setUsername(mail.username());
            mailSender.setPassword(mail.password());
            mailSender.getJavaMailProperties().put("mail.smtp.auth", "true");
            mailSender.getJavaMailProperties().put("mail.smtp.starttls.enable", "true");
        }
        // Without timeouts a hung SMTP server would hold the activity until its start-to-close timeout.
        mailSender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "10000");
        mailSender.getJavaMailProperties().put("mail.smtp.timeout", "10000");
        mailSender.getJavaMailProperties().put("mail.smtp.writetimeout", "10000");
        return new SmtpEmailSender(mailSender, mail.from());
    }

    @Bean
    @ConditionalOnMissingBean(EmailSender.class)
    OutboxEmailSender outboxEmailSender(Clock clock, EmailOutboxRepository outbox) {
        return new OutboxEmailSender(1_000, clock, outbox);
    }
}
