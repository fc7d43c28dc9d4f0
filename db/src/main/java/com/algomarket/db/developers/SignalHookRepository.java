package com.algomarket.db.developers;

import static com.algomarket.db.jooq.Tables.HOOK_ALERTS;
import static com.algomarket.db.jooq.Tables.SIGNAL_HOOKS;

import com.algomarket.db.jooq.tables.records.SignalHooksRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;
import org.springframework.stereotype.Repository;

/** Signal hooks (one per algorithm, found by the hash of its token) and the alerts each took recently. */
@Repository
@RequiredArgsConstructor
public class SignalHookRepository {

    /** How long an alert row is kept after its window: long enough for nobody to care, short enough to stay small. */
    private static final Duration ALERT_RETENTION = Duration.ofHours(1);

    private final DSLContext dsl;

    /**
     * Gives the algorithm a hook with this token hash, or replaces the token of the one it has: in one statement, so
     * the old token stops matching the moment the new one is stored.
     */
    public SignalHook rotate(
            UUID algorithmId, String tokenHash, BigDecimal defaultFraction, BigDecimal defaultQuantity) {
        return dsl.insertInto(SIGNAL_HOOKS)
                .set(SIGNAL_HOOKS.ID, UUID.randomUUID())
                .set(SIGNAL_HOOKS.ALGORITHM_ID, algorithmId)
                .set(SIGNAL_HOOKS.TOKEN_HASH, tokenHash)
                .set(SIGNAL_HOOKS.DEFAULT_PORTFOLIO_FRACTION, defaultFraction)
                .set(SIGNAL_HOOKS.DEFAULT_QUANTITY, defaultQuantity)
                .onConflict(SIGNAL_HOOKS.ALGORITHM_ID)
                .doUpdate()
                // All but the id: the hook keeps it, and the alerts it took refer to it.
                .setNonPrimaryKeyToExcluded()
                .set(SIGNAL_HOOKS.ROTATED_AT, DSL.currentOffsetDateTime())
                .returning()
                .fetchOne(SignalHookRepository::toHook);
    }

    public Optional<SignalHook> findByTokenHash(String tokenHash) {
        return dsl.selectFrom(SIGNAL_HOOKS)
                .where(SIGNAL_HOOKS.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(SignalHookRepository::toHook);
    }

    /** What a hook's alert became: the signal it claimed, or the signal an identical earlier alert claimed. */
    public record AlertClaim(UUID signalId, boolean first) {}

    /**
     * Claims an alert body for {@code signalId}, unless the same body reached this hook within {@code window}: one
     * statement on the (hook, body) primary key, so that concurrent identical alerts make one signal. An older row of
     * the same body is taken over (a new alert after the window is a new signal).
     */
    public AlertClaim claimAlert(UUID hookId, String bodyHash, UUID signalId, Duration window) {
        // A second round only when the earlier claim was given back between the two statements below.
        for (int attempt = 0; ; attempt++) {
            Optional<UUID> claimed = dsl.insertInto(HOOK_ALERTS)
                    .set(HOOK_ALERTS.HOOK_ID, hookId)
                    .set(HOOK_ALERTS.BODY_HASH, bodyHash)
                    .set(HOOK_ALERTS.SIGNAL_ID, signalId)
                    .onConflict(HOOK_ALERTS.HOOK_ID, HOOK_ALERTS.BODY_HASH)
                    .doUpdate()
                    .setNonConflictingKeyToExcluded()
                    .set(HOOK_ALERTS.RECEIVED_AT, DSL.currentOffsetDateTime())
                    .where(HOOK_ALERTS.RECEIVED_AT.lt(
                            DSL.currentOffsetDateTime().minus(interval(window))))
                    .returning(HOOK_ALERTS.SIGNAL_ID)
                    .fetchOptional(HOOK_ALERTS.SIGNAL_ID);
            if (claimed.isPresent()) {
                dsl.deleteFrom(HOOK_ALERTS)
                        .where(HOOK_ALERTS.HOOK_ID.eq(hookId))
                        .and(HOOK_ALERTS.RECEIVED_AT.lt(
                                DSL.currentOffsetDateTime().minus(interval(ALERT_RETENTION))))
                        .execute();
                return new AlertClaim(claimed.get(), true);
            }
            Optional<UUID> earlier = dsl.fetchOptionalValue(
                    HOOK_ALERTS.SIGNAL_ID, HOOK_ALERTS.HOOK_ID.eq(hookId).and(HOOK_ALERTS.BODY_HASH.eq(bodyHash)));
            if (earlier.isPresent() || attempt == 2) {
                return new AlertClaim(earlier.orElse(null), false);
            }
        }
    }

    /** Gives a claim back when its signal could not be made, so that the sender's retry is not taken for a repeat. */
    public void releaseAlert(UUID hookId, String bodyHash, UUID signalId) {
        dsl.deleteFrom(HOOK_ALERTS)
                .where(HOOK_ALERTS.HOOK_ID.eq(hookId))
                .and(HOOK_ALERTS.BODY_HASH.eq(bodyHash))
                .and(HOOK_ALERTS.SIGNAL_ID.eq(signalId))
                .execute();
    }

    /** An interval, for arithmetic on the database's clock (the same clock that stamps received_at). */
    private static Field<DayToSecond> interval(Duration duration) {
        return DSL.val(DayToSecond.valueOf(duration));
    }

    private static SignalHook toHook(SignalHooksRecord r) {
        return new SignalHook(
                r.getId(),
                r.getAlgorithmId(),
                r.getDefaultPortfolioFraction(),
                r.getDefaultQuantity(),
                r.getRotatedAt());
    }
}
