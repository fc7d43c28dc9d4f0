package com.algomarket.db.users;

import static com.algomarket.db.jooq.Tables.USERS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import com.algomarket.workflows.users.UserRole;
import com.algomarket.workflows.users.UserStatus;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Records;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

@Repository
@RequiredArgsConstructor
public class UserRepository {

    private final DSLContext dsl;

    public static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public boolean emailTaken(String email) {
        return dsl.fetchExists(USERS, USERS.EMAIL.eq(normaliseEmail(email)));
    }

    public boolean usernameTaken(String username) {
        return dsl.fetchExists(USERS, USERS.USERNAME_KEY.eq(username.toLowerCase(Locale.ROOT)));
    }

    /** The id of the developer with this username (case-insensitive), if there is one. */
    public Optional<UUID> findDeveloperIdByUsername(String username) {
        return dsl.fetchOptionalValue(
                USERS.ID,
                USERS.USERNAME_KEY.eq(username.toLowerCase(Locale.ROOT)).and(USERS.ROLE.eq(UserRole.DEVELOPER)));
    }

    /** Inserts a user in status PENDING_VERIFICATION; a taken email or username raises the driver's unique violation. */
    public void insert(NewUser user) {
        dsl.insertInto(USERS)
                .set(USERS.ID, user.id())
                .set(USERS.EMAIL, normaliseEmail(user.email()))
                .set(USERS.USERNAME, user.username())
                .set(USERS.USERNAME_KEY, user.username().toLowerCase(Locale.ROOT))
                .set(USERS.PASSWORD_HASH, user.passwordHash())
                .set(USERS.ROLE, user.role())
                .set(USERS.STATUS, UserStatus.PENDING_VERIFICATION)
                .set(USERS.NOTIFICATIONS, JSONB.valueOf(user.notificationsJson()))
                .set(USERS.TERMS_ACCEPTED_AT, user.termsAcceptedAt())
                .execute();
    }

    public Optional<User> findById(UUID id) {
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.USERNAME, USERS.ROLE, USERS.STATUS)
                .from(USERS)
                .where(USERS.ID.eq(id))
                .fetchOptional(Records.mapping(User::new));
    }

    /** PENDING_VERIFICATION -> VERIFIED; false when the user was not pending. */
    public boolean markVerified(UUID userId, OffsetDateTime now) {
        return dsl.update(USERS)
                        .set(USERS.STATUS, UserStatus.VERIFIED)
                        .set(USERS.UPDATED_AT, now)
                        .where(USERS.ID.eq(userId).and(USERS.STATUS.eq(UserStatus.PENDING_VERIFICATION)))
                        .execute()
                == 1;
    }

    /** What login needs to check a password; empty for an unknown email. */
    public Optional<LoginCandidate> findForLogin(String email) {
        return dsl.select(USERS.ID, USERS.ROLE, USERS.STATUS, USERS.PASSWORD_HASH)
                .from(USERS)
                .where(USERS.EMAIL.eq(normaliseEmail(email)))
                .fetchOptional(Records.mapping(LoginCandidate::new));
    }

    public record LoginCandidate(UUID id, UserRole role, UserStatus status, String passwordHash) {}

    /**
     * Removes a registration whose onboarding workflow could not be started; false when the user is gone or no longer
     * pending. Rows of the user's (a verification a workflow did write after all) make it fail as a foreign key
     * violation: such a user stays.
     */
    public boolean deleteUnverified(UUID userId) {
        return dsl.deleteFrom(USERS)
                        .where(USERS.ID.eq(userId).and(USERS.STATUS.eq(UserStatus.PENDING_VERIFICATION)))
                        .execute()
                == 1;
    }

    /**
     * Waits, inside the current transaction, until no transaction registering this user is still open. Registration
     * now commits before it starts the workflow, so nothing waits here any more; API nodes of the previous version,
     * which started the workflow inside their transaction and held this lock, may still run during an upgrade.
     */
    public void awaitRegistration(UUID userId) {
        dsl.select(field("pg_advisory_xact_lock_shared({0})", SQLDataType.OTHER, val(lockKey(userId))))
                .fetch();
    }

    // Two users sharing a lock key only means one may wait for the other's registration to finish: harmless.
    private static long lockKey(UUID userId) {
        return userId.getMostSignificantBits() ^ userId.getLeastSignificantBits();
    }
}
