package com.algomarket.api.paper;

import com.algomarket.api.Roles;
import com.algomarket.api.mode.ModeSelection;
import com.algomarket.api.problem.ApiProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The paper venue's portal: create keys (as one would in an exchange's web UI), inject faults, move markets. Exists
 * only in the embedded default where this app serves the venue; everywhere else these paths answer 404. The venue
 * runs on the worker side, on its own port of 127.0.0.1 ({@code algomarket.paper.url}); this controller checks the
 * request and forwards it to the venue's portal pages ({@code /portal/...}).
 */
@RestController
@RequestMapping("/api/v1/paper")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@ConditionalOnBooleanProperty(ModeSelection.EMBEDDED_PROPERTY)
@ConditionalOnBooleanProperty("algomarket.paper.serve")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PaperController {

    /** Published by the venue when it starts. */
    private static final String VENUE_URL_PROPERTY = "algomarket.paper.url";

    private final Environment environment;

    enum Permission {
        READ,
        TRADE,
        WITHDRAW
    }

    enum FaultKind {
        LATENCY,
        HTTP_429,
        HTTP_5XX,
        TIMEOUT,
        LOST_RESPONSE,
        /** Sends a user-data stream event twice (endpoint "WS /ws-api/v3" only). */
        DUPLICATE
    }

    record CreateKeyRequest(
            @NotEmpty Set<Permission> permissions,

            @Size(max = 20)
            Map<@NotBlank @Size(max = 16) String, @NotNull @DecimalMin("0") @DecimalMax("1000000000") BigDecimal>
                    balances) {}

    record CreatedKey(String apiKey, String apiSecret, Set<Permission> permissions) {}

    @PostMapping("/keys")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedKey createKey(@Valid @RequestBody CreateKeyRequest request) {
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        if (request.balances() != null) {
            request.balances().forEach((asset, amount) -> balances.put(asset.toUpperCase(Locale.ROOT), amount));
        }
        // Shown once, like an exchange's portal does; the venue keeps it to check signatures.
        return portal().post()
                .uri("/portal/keys")
                .body(new CreateKeyRequest(request.permissions(), balances))
                .retrieve()
                .body(CreatedKey.class);
    }

    record FaultRequest(
            @NotBlank @Size(max = 100) String endpoint,
            @NotNull FaultKind kind,
            @NotNull @Positive @DecimalMax("1") Double rate,
            @Min(0) @Max(120_000) Long delayMillis,
            @Min(1) Integer count) {}

    /** A fault as the venue's portal lists it. */
    record PortalFault(String endpoint, FaultKind kind, double rate, Long delayMillis, Integer count) {

        Fault view() {
            return new Fault(endpoint, kind, rate, delayMillis == null ? null : Duration.ofMillis(delayMillis), count);
        }
    }

    record Fault(String endpoint, FaultKind kind, double rate, Duration delay, Integer count) {}

    @PostMapping("/faults")
    @ResponseStatus(HttpStatus.CREATED)
    List<Fault> addFault(@Valid @RequestBody FaultRequest request) {
        try {
            return views(portal().post()
                    .uri("/portal/faults")
                    .body(request)
                    .retrieve()
                    .body(PortalFault[].class));
        } catch (HttpClientErrorException.BadRequest e) {
            // The venue refused the fault (e.g. an endpoint that does not look like "POST /api/v3/order").
            throw ApiProblem.validationFailed(List.of(new ApiProblem.FieldError("endpoint", message(e))));
        }
    }

    @GetMapping("/faults")
    List<Fault> faults() {
        return views(portal().get().uri("/portal/faults").retrieve().body(PortalFault[].class));
    }

    @DeleteMapping("/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clearFaults() {
        portal().delete().uri("/portal/faults").retrieve().toBodilessEntity();
    }

    record MarketRequest(
            @NotNull @Positive @DecimalMax("1000000000") BigDecimal price,
            @Positive @DecimalMax("1000000000") BigDecimal depth) {}

    record MarketView(
            String symbol,
            String baseAsset,
            String quoteAsset,
            BigDecimal price,
            BigDecimal depthPerLevel,
            BigDecimal tickSize,
            BigDecimal stepSize,
            BigDecimal minQty,
            BigDecimal minNotional) {}

    @GetMapping("/markets")
    List<MarketView> markets() {
        return List.of(portal().get().uri("/portal/markets").retrieve().body(MarketView[].class));
    }

    /** {@code BTC-EUR} in paths (a slash cannot be one) is the venue's {@code BTCEUR}. */
    @PutMapping("/markets/{symbol}")
    MarketView setMarket(@PathVariable String symbol, @Valid @RequestBody MarketRequest request) {
        String venueSymbol = symbol.replace("-", "").toUpperCase(Locale.ROOT);
        try {
            return portal().put()
                    .uri("/portal/markets/{symbol}", venueSymbol)
                    .body(request)
                    .retrieve()
                    .body(MarketView.class);
        } catch (HttpClientErrorException.NotFound e) {
            throw new ApiProblem(
                    HttpStatus.NOT_FOUND,
                    "unknown-symbol",
                    "Unknown symbol",
                    "The paper venue has no market " + symbol + ".");
        }
    }

    /** One endpoint's count; {@code key} (the first characters of an API key) is absent for unsigned calls. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RequestCount(String endpoint, String key, long count) {}

    record Stats(List<RequestCount> requests, int streams, int orders) {}

    /** What the venue has been asked, so that tests and benchmarks can count exchange calls. */
    @GetMapping("/stats")
    Stats stats() {
        return portal().get().uri("/portal/stats").retrieve().body(Stats.class);
    }

    private RestClient portal() {
        return RestClient.create(environment.getRequiredProperty(VENUE_URL_PROPERTY));
    }

    private static List<Fault> views(PortalFault[] faults) {
        return Arrays.stream(faults).map(PortalFault::view).toList();
    }

    private static String message(HttpClientErrorException e) {
        JsonNode message = e.getResponseBodyAs(JsonNode.class);
        return message == null ? e.getStatusText() : message.path("message").asString();
    }
}
