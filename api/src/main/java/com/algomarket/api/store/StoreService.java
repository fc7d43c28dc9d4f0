package com.algomarket.api.store;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.store.Algorithm;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.db.store.Coupon;
import com.algomarket.db.store.StoreSort;
import com.algomarket.db.trackrecord.TrackRecordRepository;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.store.AlgorithmStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class StoreService {

    private final AlgorithmRepository algorithms;
    private final UserRepository users;
    private final AuditLog auditLog;
    private final TrackRecordRepository trackRecords;
    private final Clock clock;

    @Transactional
    Algorithm publish(UUID developerId, StoreController.PublishRequest request) {
        List<String> symbols = request.symbols().stream().distinct().toList();
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            if (!symbols.get(i).endsWith("/" + request.quoteCurrency())) {
                errors.add(new ApiProblem.FieldError(
                        "symbols[" + i + "]",
                        "must be quoted in " + request.quoteCurrency() + ", the algorithm's quote currency"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validationFailed(errors);
        }
        Algorithm algorithm = new Algorithm(
                UUID.randomUUID(),
                developerId,
                request.name().strip(),
                request.description().strip(),
                request.exchanges().stream().map(Exchange::name).sorted().toList(),
                request.quoteCurrency(),
                symbols,
                request.price().amount(),
                request.price().currency(),
                request.periodDays(),
                request.seats(),
                0,
                AlgorithmStatus.PUBLISHED,
                OffsetDateTime.now(clock));
        algorithms.insert(algorithm);
        auditLog.append(
                "user:" + developerId, "algorithm", algorithm.id().toString(), AlgorithmStatus.PUBLISHED.name(), "{}");
        return algorithms.find(algorithm.id()).orElseThrow();
    }

    /** What a store list asks for: filters (null: any), order, page size and where the previous page ended. */
    record ListQuery(Exchange exchange, String asset, String sort, Integer limit, String cursor) {}

    StorePage<Algorithm> list(ListQuery query) {
        return page(null, query);
    }

    /** A developer's storefront: their published algorithms; an unknown username (or a user's) answers 404. */
    StorePage<Algorithm> storefront(String username, ListQuery query) {
        UUID developerId = users.findDeveloperIdByUsername(username)
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.NOT_FOUND,
                        "developer-not-found",
                        "Developer not found",
                        "There is no developer " + username + "."));
        return page(developerId, query);
    }

    private StorePage<Algorithm> page(UUID developerId, ListQuery query) {
        StoreSort sort = sort(query.sort());
        int limit = StorePage.limit(query.limit());
        StoreSort.Position after =
                query.cursor() == null || query.cursor().isBlank() ? null : StoreCursor.decode(query.cursor(), sort);
        List<AlgorithmRepository.Listed> rows;
        try {
            rows = algorithms.pagePublished(
                    developerId,
                    query.exchange() == null ? null : query.exchange().name(),
                    query.asset() == null || query.asset().isBlank()
                            ? null
                            : query.asset().strip().toUpperCase(Locale.ROOT),
                    sort,
                    after,
                    limit + 1);
        } catch (IllegalArgumentException | DateTimeParseException badKey) {
            throw StoreCursor.invalid("This cursor is not one of ours.");
        }
        StorePage<AlgorithmRepository.Listed> page =
                StorePage.of(rows, limit, last -> StoreCursor.encode(sort, last.position()));
        return page.map(AlgorithmRepository.Listed::algorithm);
    }

    /**
     * {@code newest} (the default), {@code price} (cheapest first), {@code seatsLeft} (most seats left first) or
     * {@code trackRecord} (best return since the first trade first, algorithms without a track record last); any
     * other answers 400 {@code invalid-parameter}.
     */
    static StoreSort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return StoreSort.NEWEST;
        }
        return switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "newest" -> StoreSort.NEWEST;
            case "price" -> StoreSort.PRICE;
            case "seatsleft", "seats_left", "seats-left" -> StoreSort.SEATS_LEFT;
            case "trackrecord", "track_record", "track-record" -> StoreSort.TRACK_RECORD;
            default -> throw ApiProblem.invalidParameter("sort", "must be newest, price, seatsLeft or trackRecord");
        };
    }

    Algorithm get(UUID id) {
        return algorithms.find(id).orElseThrow(() -> notFound(id));
    }

    /** A published algorithm; one that is not (or no longer) published is as unknown as a missing one. */
    Algorithm getPublished(UUID id) {
        return algorithms
                .find(id)
                .filter(found -> found.status() == AlgorithmStatus.PUBLISHED)
                .orElseThrow(() -> notFound(id));
    }

    /** The stored track records of these algorithms, by id (absent: none computed yet). */
    Map<UUID, TrackRecordRepository.Summary> trackRecords(List<Algorithm> listed) {
        return listed.isEmpty()
                ? Map.of()
                : trackRecords.summaries(listed.stream().map(Algorithm::id).toList());
    }

    @Transactional
    Coupon createCoupon(UUID developerId, UUID algorithmId, StoreController.CouponRequest request) {
        Algorithm algorithm = algorithms
                .find(algorithmId)
                // Another developer's algorithm is as unknown to them as a missing one.
                .filter(found -> found.developerId().equals(developerId))
                .orElseThrow(() -> notFound(algorithmId));
        if (request.expiresAt() != null && !request.expiresAt().isAfter(OffsetDateTime.now(clock))) {
            throw ApiProblem.validationFailed(List.of(new ApiProblem.FieldError("expiresAt", "must be in the future")));
        }
        if (algorithms.couponExists(algorithm.id(), request.code())) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "coupon-exists",
                    "Coupon exists",
                    "This algorithm has a coupon " + request.code() + " already.");
        }
        Coupon coupon = new Coupon(
                UUID.randomUUID(),
                algorithm.id(),
                request.code(),
                request.percentOff(),
                request.amountOff(),
                request.maxRedemptions(),
                0,
                request.expiresAt());
        algorithms.insertCoupon(coupon);
        auditLog.append("user:" + developerId, "coupon", coupon.id().toString(), "CREATED", "{}");
        return coupon;
    }

    /** Why the coupon cannot be used now, or null when it can. */
    String couponUnavailableReason(UUID algorithmId, String code) {
        get(algorithmId);
        Coupon coupon = algorithms.findCoupon(algorithmId, code).orElse(null);
        return coupon == null ? "UNKNOWN" : coupon.unavailableReason(OffsetDateTime.now(clock));
    }

    private static ApiProblem notFound(UUID id) {
        return new ApiProblem(
                HttpStatus.NOT_FOUND,
                "algorithm-not-found",
                "Algorithm not found",
                "There is no algorithm " + id + ".");
    }
}
