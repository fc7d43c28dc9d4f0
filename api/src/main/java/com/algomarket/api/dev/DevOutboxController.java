package com.algomarket.api.dev;

import com.algomarket.api.Roles;
import com.algomarket.api.mode.ModeSelection;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.email.EmailOutboxRepository;
import com.algomarket.db.email.OutboxEmail;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded default's mailbox: the emails the app would have sent, which the worker's outbox sender keeps in the
 * database. Absent (404) in any other mode.
 */
@RestController
@ConditionalOnBooleanProperty(ModeSelection.EMBEDDED_PROPERTY)
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
class DevOutboxController {

    private final EmailOutboxRepository outbox;
    private final boolean smtp;

    DevOutboxController(EmailOutboxRepository outbox, @Value("${algomarket.mail.host:}") String mailHost) {
        this.outbox = outbox;
        this.smtp = !mailHost.isBlank();
    }

    @GetMapping("/api/v1/dev/outbox")
    List<OutboxEmail> outbox(@RequestParam(required = false) String to) {
        if (smtp) {
            throw new ApiProblem(
                    HttpStatus.NOT_FOUND,
                    "no-outbox",
                    "No outbox",
                    "Emails are delivered by SMTP (MAIL_HOST is set), so there is no outbox to read.");
        }
        return outbox.sentTo(to);
    }
}
