package com.algomarket.db.users;

import static com.algomarket.db.jooq.Tables.EMAIL_VERIFICATIONS;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
public class EmailVerificationRepository {

    private final DSLContext dsl;

    public EmailVerificationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** When the verification with this id was emailed: empty if it does not exist or was not sent yet. */
    public Optional<OffsetDateTime> sentAt(UUID verificationId) {
        return dsl.select(EMAIL_VERIFICATIONS.SENT_AT)
                .from(EMAIL_VERIFICATIONS)
                .where(EMAIL_VERIFICATIONS.ID.eq(verificationId))
                .fetchOptional(EMAIL_VERIFICATIONS.SENT_AT);
    }

    /**
     * Creates the verification, or gives an unsent one new secrets: only hashes are stored, so a retry that must send
     * the email again cannot recover the old code and issues a new one.
     */
    public void upsertUnsent(UUID verificationId, UUID userId, String codeHash, String tokenHash,
            OffsetDateTime expiresAt) {
        dsl.insertInto(EMAIL_VERIFICATIONS)
                .set(EMAIL_VERIFICATIONS.ID, verificationId)
                .set(EMAIL_VERIFICATIONS.USER_ID, userId)
                .set(EMAIL_VERIFICATIONS.CODE_HASH, codeHash)
                .set(EMAIL_VERIFICATIONS.TOKEN_HASH, tokenHash)
                .set(EMAIL_VERIFICATIONS.EXPIRES_AT, expiresAt)
                .onConflict(EMAIL_VERIFICATIONS.ID)
                .doUpdate()
                .set(EMAIL_VERIFICATIONS.CODE_HASH, codeHash)
                .set(EMAIL_VERIFICATIONS.TOKEN_HASH, tokenHash)
                .set(EMAIL_VERIFICATIONS.EXPIRES_AT, expiresAt)
                .where(EMAIL_VERIFICATIONS.SENT_AT.isNull())
                .execute();
    }

    public void markSent(UUID verificationId, OffsetDateTime sentAt) {
        dsl.update(EMAIL_VERIFICATIONS)
                .set(EMAIL_VERIFICATIONS.SENT_AT, sentAt)
                .where(EMAIL_VERIFICATIONS.ID.eq(verificationId))
                .and(EMAIL_VERIFICATIONS.SENT_AT.isNull())
                .execute();
    }
}
