package com.algomarket.api.paper;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.api.Roles;
import com.algomarket.api.problem.ApiProblem;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
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

/**
 * The paper venue's portal: create keys (as one would in an exchange's web UI), inject faults, move markets. Exists
 * only where this app serves the venue (the embedded default); everywhere else these paths answer 404.
 */
@RestController
@RequestMapping("/api/v1/paper")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@ConditionalOnBooleanProperty("algomarket.paper.serve")
class PaperController {

    private final PaperVenue venue;

    PaperController(PaperVenue venue) {
        this.venue = venue;
    }

    record CreateKeyRequest(
            @NotEmpty Set<PaperExchange.Permission> permissions,

            @Size(max = 20)
            Map<@NotBlank @Size(max = 16) String, @NotNull @DecimalMin("0") @DecimalMax("1000000000") BigDecimal>
                    balances) {}

    record CreatedKey(String apiKey, String apiSecret, Set<PaperExchange.Permission> permissions) {}

    @PostMapping("/keys")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedKey createKey(@Valid @RequestBody CreateKeyRequest request) {
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        if (request.balances() != null) {
            request.balances().forEach((asset, amount) -> balances.put(asset.toUpperCase(Locale.ROOT), amount));
        }
        PaperExchange.ApiKey key = venue.exchange().createKey(EnumSet.copyOf(request.permissions()), balances);
        // Shown once, like an exchange's portal does; the venue keeps it to check signatures.
        return new CreatedKey(key.apiKey(), key.secret(), key.permissions());
    }

    record FaultRequest(
            @NotBlank @Size(max = 100) String endpoint,
            @NotNull PaperFaults.Kind kind,
            @NotNull @Positive @DecimalMax("1") Double rate,
            @Min(0) @Max(120_000) Long delayMillis,
            @Min(1) Integer count) {}

    @PostMapping("/faults")
    @ResponseStatus(HttpStatus.CREATED)
    List<PaperFaults.Fault> addFault(@Valid @RequestBody FaultRequest request) {
        try {
            venue.faults()
                    .add(new PaperFaults.Fault(
                            request.endpoint(),
                            request.kind(),
                            request.rate(),
                            request.delayMillis() == null ? null : Duration.ofMillis(request.delayMillis()),
                            request.count()));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validationFailed(List.of(new ApiProblem.FieldError("endpoint", e.getMessage())));
        }
        return venue.faults().list();
    }

    @GetMapping("/faults")
    List<PaperFaults.Fault> faults() {
        return venue.faults().list();
    }

    @DeleteMapping("/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clearFaults() {
        venue.faults().clear();
    }

    record MarketRequest(
            @NotNull @Positive @DecimalMax("1000000000") BigDecimal price,
            @Positive @DecimalMax("1000000000") BigDecimal depth) {}

    @GetMapping("/markets")
    List<PaperExchange.MarketView> markets() {
        return venue.exchange().marketViews();
    }

    @PutMapping("/markets/{symbol}")
    PaperExchange.MarketView setMarket(@PathVariable String symbol, @Valid @RequestBody MarketRequest request) {
        String venueSymbol = venueSymbol(symbol);
        venue.exchange().setMarket(venueSymbol, request.price(), request.depth());
        return venue.exchange().marketView(venueSymbol);
    }

    /** {@code BTC-EUR} in paths (a slash cannot be one) is the venue's {@code BTCEUR}. */
    private String venueSymbol(String symbol) {
        String venueSymbol = symbol.replace("-", "").toUpperCase(Locale.ROOT);
        if (venue.exchange().marketViews().stream()
                .noneMatch(market -> market.symbol().equals(venueSymbol))) {
            throw new ApiProblem(
                    HttpStatus.NOT_FOUND,
                    "unknown-symbol",
                    "Unknown symbol",
                    "The paper venue has no market " + symbol + ".");
        }
        return venueSymbol;
    }
}
