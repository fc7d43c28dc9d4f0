package com.algomarket.api.store;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.store.Algorithm;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.db.store.Coupon;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.store.AlgorithmStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class StoreService {

    private static final int LIST_LIMIT = 200;

    private final AlgorithmRepository algorithms;
    private final AuditLog auditLog;
    private final Clock clock;

    StoreService(AlgorithmRepository algorithms, AuditLog auditLog, Clock clock) {
        this.algorithms = algorithms;
        this.auditLog = auditLog;
        this.clock = clock;
    }

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

    List<Algorithm> list(Exchange exchange, String asset) {
        return algorithms.findPublished(
                exchange == null ? null : exchange.name(),
                asset == null || asset.isBlank() ? null : asset.strip().toUpperCase(Locale.ROOT),
                LIST_LIMIT);
    }

    Algorithm get(UUID id) {
        return algorithms.find(id).orElseThrow(() -> notFound(id));
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
