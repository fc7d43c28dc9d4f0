package com.algomarket.api.store;

import static com.algomarket.api.Decimals.plain;
import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.api.abuse.AbuseAction;
import com.algomarket.api.abuse.AbuseLimiter;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.store.Algorithm;
import com.algomarket.db.store.Coupon;
import com.algomarket.db.trackrecord.TrackRecordRepository;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.store.AlgorithmStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The algorithm store: developers publish algorithms and coupons; anyone signed in browses. */
@RestController
@RequestMapping("/api/v1/algorithms")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class StoreController {

    private final StoreService store;
    private final AbuseLimiter limits;

    record Money(
            @NotNull @DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2)
            BigDecimal amount,

            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code like EUR")
            String currency) {}

    /** Only what a developer may set: no id, owner, status or seat count taken. */
    record PublishRequest(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 5_000) String description,
            @NotEmpty @Size(max = 7) Set<@NotNull Exchange> exchanges,

            @NotNull @Pattern(regexp = "[A-Z0-9]{2,10}", message = "must be an asset code like EUR or USDT")
            String quoteCurrency,

            @NotEmpty @Size(max = 50)
            List<@NotNull @Pattern(regexp = "[A-Z0-9]{2,10}/[A-Z0-9]{2,10}", message = "must look like BTC/EUR") String>
                    symbols,

            @NotNull @Valid Money price,
            @NotNull @Min(1) @Max(3_650) Integer periodDays,
            @Min(1) @Max(1_000_000) Integer seats) {}

    record AlgorithmView(
            UUID id,
            UUID developerId,
            String name,
            String description,
            List<String> exchanges,
            String quoteCurrency,
            List<String> symbols,
            MoneyView price,
            int periodDays,
            Integer seats,
            Integer seatsAvailable,
            AlgorithmStatus status,
            TrackRecordView trackRecord) {

        static AlgorithmView of(Algorithm a) {
            return of(a, null);
        }

        /** With its track record's figures (no daily index) when it has one. */
        static AlgorithmView of(Algorithm a, TrackRecordRepository.Summary trackRecord) {
            return new AlgorithmView(
                    a.id(),
                    a.developerId(),
                    a.name(),
                    a.description(),
                    a.exchanges(),
                    a.quoteCurrency(),
                    a.symbols(),
                    new MoneyView(plain(a.priceAmount()), a.priceCurrency()),
                    a.periodDays(),
                    a.seatsTotal(),
                    a.seatsAvailable(),
                    a.status(),
                    trackRecord == null || trackRecord.since() == null ? null : TrackRecordView.of(trackRecord, null));
        }
    }

    record MoneyView(String amount, String currency) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('DEVELOPER')")
    AlgorithmView publish(@AuthenticationPrincipal Jwt token, @Valid @RequestBody PublishRequest request) {
        return AlgorithmView.of(store.publish(userId(token), request));
    }

    /**
     * Published algorithms, a page at a time ({@code limit} 1..500, default 50; {@code cursor} from the previous
     * page's {@code nextCursor}), sorted by {@code newest} (default), {@code price}, {@code seatsLeft} or
     * {@code trackRecord}.
     */
    @GetMapping
    StorePage<AlgorithmView> list(
            @RequestParam(required = false) Exchange exchange,
            @RequestParam(required = false) @Size(max = 10) String asset,
            @RequestParam(required = false) @Size(max = 20) String sort,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return views(store, store.list(new StoreService.ListQuery(exchange, asset, sort, limit, cursor)));
    }

    /** A page of algorithms, each with its track record's figures. */
    static StorePage<AlgorithmView> views(StoreService store, StorePage<Algorithm> page) {
        Map<UUID, TrackRecordRepository.Summary> trackRecords = store.trackRecords(page.items());
        return page.map(a -> AlgorithmView.of(a, trackRecords.get(a.id())));
    }

    @GetMapping("/{id}")
    AlgorithmView get(@PathVariable UUID id) {
        return AlgorithmView.of(store.get(id));
    }

    record CouponRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{3,64}", message = "must be 3 to 64 letters, digits, _ or -")
            String code,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 2)
            BigDecimal percentOff,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") @Digits(integer = 7, fraction = 2)
            BigDecimal amountOff,

            @Min(1) @Max(1_000_000) Integer maxRedemptions,
            OffsetDateTime expiresAt) {}

    record CouponView(
            UUID id,
            String code,
            String percentOff,
            String amountOff,
            Integer maxRedemptions,
            int redemptions,
            OffsetDateTime expiresAt) {

        static CouponView of(Coupon c) {
            return new CouponView(
                    c.id(),
                    c.code(),
                    plain(c.percentOff()),
                    plain(c.amountOff()),
                    c.maxRedemptions(),
                    c.redemptions(),
                    c.expiresAt());
        }
    }

    @PostMapping("/{id}/coupons")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('DEVELOPER')")
    CouponView createCoupon(
            @AuthenticationPrincipal Jwt token, @PathVariable UUID id, @Valid @RequestBody CouponRequest request) {
        if ((request.percentOff() == null) == (request.amountOff() == null)) {
            throw ApiProblem.validationFailed(
                    List.of(new ApiProblem.FieldError("percentOff", "give exactly one of percentOff and amountOff")));
        }
        return CouponView.of(store.createCoupon(userId(token), id, request));
    }

    record CouponCheck(boolean available, String reason) {}

    @GetMapping("/{id}/coupons/{code}")
    CouponCheck checkCoupon(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @PathVariable String code,
            HttpServletRequest http) {
        // Coupon codes are short secrets worth guessing: checks are limited per address and per user.
        limits.acquire(AbuseAction.COUPON_CHECK, http, token.getSubject());
        String reason = store.couponUnavailableReason(id, code);
        return new CouponCheck(reason == null, reason);
    }
}
