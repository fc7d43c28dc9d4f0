package com.algomarket.db.users;

import static com.algomarket.db.jooq.Tables.EMAIL_VERIFICATIONS;

import com.algomarket.db.jooq.tables.records.EmailVerificationsRecord;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
@RequiredArgsConstructor
public class EmailVerificationRepository {

    private final DSLContext dsl;

    /** When the verification with this id was emailed: empty if it does not exist or was not sent yet. */
    public Optional<OffsetDateTime> sentAt(UUID verificationId) {
        return dsl.fetchOptionalValue(EMAIL_VERIFICATIONS.SENT_AT, EMAIL_VERIFICATIONS.ID.eq(verificationId));
    }

    /**
     * Creates the verification, or gives an unsent one new secrets: only hashes are stored, so a retry that must send
     * the email again cannot recover the old code and issues a new one.
     */
    public void upsertUnsent(
            UUID verificationId, UUID userId, String codeHash, String tokenHash, OffsetDateTime expiresAt) {
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

    /** A verification as the check of a code or link needs it; {@code sentAt} is null while it is being sent. */
    public record Verification(
            UUID id,
            UUID userId,
            String codeHash,
            int attempts,
            OffsetDateTime expiresAt,
            OffsetDateTime sentAt,
            OffsetDateTime consumedAt) {}

    /** The user's most recently sent verification: the one whose code counts. */
    public Optional<Verification> latestSent(UUID userId) {
        return dsl.selectFrom(EMAIL_VERIFICATIONS)
                .where(EMAIL_VERIFICATIONS.USER_ID.eq(userId))
                .and(EMAIL_VERIFICATIONS.SENT_AT.isNotNull())
                .orderBy(EMAIL_VERIFICATIONS.SENT_AT.desc())
                .limit(1)
                .fetchOptional(EmailVerificationRepository::toVerification);
    }

    /**
     * The user's newest verification, sent or being sent: the one whose code counts. Not only sent ones: the email is
     * marked sent after the mail server took it, and a fast client (OrderCrashSafetyIT's) types the code in between.
     */
    public Optional<Verification> latest(UUID userId) {
        return dsl.selectFrom(EMAIL_VERIFICATIONS)
                .where(EMAIL_VERIFICATIONS.USER_ID.eq(userId))
                .orderBy(EMAIL_VERIFICATIONS.CREATED_AT.desc(), EMAIL_VERIFICATIONS.ID)
                .limit(1)
                .fetchOptional(EmailVerificationRepository::toVerification);
    }

    /** The verification a link's token belongs to, sent or being sent (see {@link #latest}). */
    public Optional<Verification> findByTokenHash(String tokenHash) {
        return dsl.selectFrom(EMAIL_VERIFICATIONS)
                .where(EMAIL_VERIFICATIONS.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(EmailVerificationRepository::toVerification);
    }

    /** Counts a wrong code, atomically, so that parallel guesses cannot exceed the limit; returns the new count. */
    public int recordFailedAttempt(UUID verificationId) {
        return dsl.update(EMAIL_VERIFICATIONS)
                .set(EMAIL_VERIFICATIONS.ATTEMPTS, EMAIL_VERIFICATIONS.ATTEMPTS.plus(1))
                .where(EMAIL_VERIFICATIONS.ID.eq(verificationId))
                .returning(EMAIL_VERIFICATIONS.ATTEMPTS)
                .fetchOne(EMAIL_VERIFICATIONS.ATTEMPTS);
    }

    /**
     * Uses the verification up, if it is unused, unexpired and within {@code maxAttempts}; false otherwise. The
     * conditions are in the update itself, so two parallel requests cannot both use it.
     */
    public boolean consume(UUID verificationId, int maxAttempts, OffsetDateTime now) {
        return dsl.update(EMAIL_VERIFICATIONS)
                        .set(EMAIL_VERIFICATIONS.CONSUMED_AT, now)
                        .where(EMAIL_VERIFICATIONS.ID.eq(verificationId))
                        .and(EMAIL_VERIFICATIONS.CONSUMED_AT.isNull())
                        .and(EMAIL_VERIFICATIONS.EXPIRES_AT.gt(now))
                        .and(EMAIL_VERIFICATIONS.ATTEMPTS.lt(maxAttempts))
                        .execute()
                == 1;
    }

    private static Verification toVerification(EmailVerificationsRecord r) {
        return new Verification(
                r.getId(),
                r.getUserId(),
                r.getCodeHash(),
                r.getAttempts(),
                r.getExpiresAt(),
                r.getSentAt(),
                r.getConsumedAt());
    }
}
