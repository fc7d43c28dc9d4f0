package com.algomarket.db.email;

import static com.algomarket.db.jooq.Tables.EMAIL_OUTBOX;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The embedded default's outbox: the newest emails, kept bounded because the app may run for days. */
@Repository
@RequiredArgsConstructor
public class EmailOutboxRepository {

    private final DSLContext dsl;

    /** Appends the email and drops the oldest beyond {@code capacity}. */
    public void append(OutboxEmail email, int capacity) {
        dsl.insertInto(EMAIL_OUTBOX)
                .set(EMAIL_OUTBOX.RECIPIENT, email.to())
                .set(EMAIL_OUTBOX.SUBJECT, email.subject())
                .set(EMAIL_OUTBOX.BODY, email.body())
                .set(EMAIL_OUTBOX.SENT_AT, email.sentAt().atOffset(ZoneOffset.UTC))
                .execute();
        dsl.deleteFrom(EMAIL_OUTBOX)
                .where(EMAIL_OUTBOX.ID.le(dsl.select(EMAIL_OUTBOX.ID)
                        .from(EMAIL_OUTBOX)
                        .orderBy(EMAIL_OUTBOX.ID.desc())
                        .offset(capacity)
                        .limit(1)))
                .execute();
    }

    /** Emails sent to {@code to} (every email when null), oldest first. */
    public List<OutboxEmail> sentTo(String to) {
        return dsl.selectFrom(EMAIL_OUTBOX)
                .where(
                        to == null
                                ? DSL.noCondition()
                                : DSL.lower(EMAIL_OUTBOX.RECIPIENT).eq(to.toLowerCase(Locale.ROOT)))
                .orderBy(EMAIL_OUTBOX.ID)
                .fetch(row -> new OutboxEmail(
                        row.getRecipient(),
                        row.getSubject(),
                        row.getBody(),
                        row.getSentAt().toInstant()));
    }
}
