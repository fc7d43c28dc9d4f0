package com.algomarket.api.purchases;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.api.abuse.AbuseAction;
import com.algomarket.api.abuse.AbuseLimiter;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.store.StorePage;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.workflows.purchases.PurchaseStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
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

@RestController
@RequestMapping("/api/v1/purchases")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PurchasesController {

    private final PurchaseService purchases;
    private final PaymentsConfiguration.PaymentMode mode;
    private final AbuseLimiter limits;
    private final PaymentSimulator simulator;

    record PurchaseRequest(
            @NotNull UUID algorithmId,
            @NotNull @Min(1) @Max(120) Integer periods,
            @Pattern(regexp = "[A-Za-z0-9_-]{3,64}") String couponCode) {}

    record Amount(String amount, String currency) {

        static Amount of(Purchase p) {
            return new Amount(p.amount().setScale(2).toPlainString(), p.currency());
        }
    }

    record PurchaseView(
            UUID id,
            UUID algorithmId,
            PurchaseStatus status,
            Amount amount,
            int periods,
            String paymentClientSecret,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String workflowId) {

        static PurchaseView of(Purchase p, String clientSecret) {
            return new PurchaseView(
                    p.id(),
                    p.algorithmId(),
                    p.status(),
                    Amount.of(p),
                    p.periods(),
                    clientSecret,
                    p.startsAt(),
                    p.endsAt(),
                    p.workflowId());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PurchaseView buy(
            @AuthenticationPrincipal Jwt token, @Valid @RequestBody PurchaseRequest request, HttpServletRequest http) {
        if (request.couponCode() != null) {
            // An unknown coupon answers 422 before anything is stored: a coupon check like GET .../coupons/{code}.
            limits.acquire(AbuseAction.COUPON_CHECK, http, token.getSubject());
        }
        PurchaseService.Created created =
                purchases.buy(userId(token), request.algorithmId(), request.periods(), request.couponCode());
        return PurchaseView.of(created.purchase(), created.clientSecret());
    }

    record RenewalRequest(
            @NotNull @Min(1) @Max(120) Integer periods,
            @Pattern(regexp = "[A-Za-z0-9_-]{3,64}") String couponCode) {}

    record ListedPurchase(
            UUID id,
            UUID algorithmId,
            PurchaseStatus status,
            Amount amount,
            int periods,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            UUID renewsPurchaseId,
            List<UUID> portfolios) {}

    /** The caller's purchases, newest first, a page at a time ({@code limit} 1..500, default 50). */
    @GetMapping
    StorePage<ListedPurchase> list(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return purchases.list(userId(token), limit, cursor).map(listed -> {
            Purchase p = listed.purchase();
            return new ListedPurchase(
                    p.id(),
                    p.algorithmId(),
                    p.status(),
                    Amount.of(p),
                    p.periods(),
                    p.startsAt(),
                    p.endsAt(),
                    p.renewsPurchaseId(),
                    listed.portfolioIds());
        });
    }

    /**
     * Buys the next periods of the purchase: a purchase that starts when it ends, paid like a purchase; once paid, the
     * purchase's portfolios trade on across the end with no gap.
     */
    @PostMapping("/{id}/renew")
    @ResponseStatus(HttpStatus.CREATED)
    PurchaseView renew(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @Valid @RequestBody RenewalRequest request,
            HttpServletRequest http) {
        if (request.couponCode() != null) {
            limits.acquire(AbuseAction.COUPON_CHECK, http, token.getSubject());
        }
        PurchaseService.Created created = purchases.renew(userId(token), id, request.periods(), request.couponCode());
        return PurchaseView.of(created.purchase(), created.clientSecret());
    }

    @GetMapping("/{id}")
    PurchaseView get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        Purchase purchase = purchases.get(userId(token), id);
        return PurchaseView.of(purchase, purchases.clientSecretWhileAwaitingPayment(purchase));
    }

    record SimulatedPayment(
            @NotNull @Pattern(regexp = "succeeded|failed") String outcome) {}

    /** Only with simulated payments (the embedded default); 404 when Stripe runs. */
    @PostMapping("/{id}/simulate-payment")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void simulatePayment(
            @AuthenticationPrincipal Jwt token, @PathVariable UUID id, @Valid @RequestBody SimulatedPayment request) {
        if (!mode.simulated()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "Payments are not simulated here.");
        }
        simulator.simulatePayment(userId(token), id, "succeeded".equals(request.outcome()));
    }
}
