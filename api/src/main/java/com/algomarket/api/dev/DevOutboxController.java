package com.algomarket.api.dev;

import com.algomarket.activities.email.Email;
import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.api.Roles;
import com.algomarket.api.embedded.EmbeddedInfrastructure;
import com.algomarket.api.problem.ApiProblem;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The embedded default's mailbox: the emails the app would have sent. Absent (404) in any other mode. */
@RestController
@ConditionalOnBooleanProperty(EmbeddedInfrastructure.ACTIVE_PROPERTY)
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
class DevOutboxController {

    private final ObjectProvider<OutboxEmailSender> outbox;

    DevOutboxController(ObjectProvider<OutboxEmailSender> outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/v1/dev/outbox")
    List<Email> outbox(@RequestParam(required = false) String to) {
        OutboxEmailSender sender = outbox.getIfAvailable();
        if (sender == null) {
            throw new ApiProblem(
                    HttpStatus.NOT_FOUND,
                    "no-outbox",
                    "No outbox",
                    "Emails are delivered by SMTP (MAIL_HOST is set), so there is no outbox to read.");
        }
        return sender.sentTo(to);
    }
}
