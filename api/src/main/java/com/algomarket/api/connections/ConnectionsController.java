package com.algomarket.api.connections;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.api.exchange.AccountReads;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionUse;
import com.algomarket.workflows.connections.AssetBalance;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/connections")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ConnectionsController {

    private final ConnectionsService service;

    /** The secret fields are write-only: no response type has them, and toString hides them. */
    record ConnectRequest(
            @NotNull Exchange exchange,
            @NotBlank @Size(max = 64) String name,
            // The bounds CredentialFormat also checks, stated here so that the OpenAPI document shows them; the shape
            // of each exchange's key (length, PEM, whitespace) is CredentialFormat's alone.
            @NotEmpty @Size(max = 4_096) String apiKey,
            @NotEmpty @Size(max = 4_096) String apiSecret,
            @Size(max = 4_096) String passphrase) {

        @Override
        public String toString() {
            return "ConnectRequest[exchange=" + exchange + ", name=" + name + "]";
        }
    }

    /** A new key for a connection; write-only like the connect request's. */
    record RotateKeyRequest(
            @NotEmpty @Size(max = 4_096) String apiKey,
            @NotEmpty @Size(max = 4_096) String apiSecret,
            @Size(max = 4_096) String passphrase) {

        @Override
        public String toString() {
            return "RotateKeyRequest[]";
        }
    }

    record Permissions(boolean read, boolean trade, Boolean withdraw) {}

    /** A portfolio (not closed) that trades on the connection, and the algorithm it follows. */
    record PortfolioUseView(UUID id, PortfolioStatus status, String statusReason, UUID algorithmId) {}

    record AlgorithmUseView(UUID id, String name) {}

    /**
     * {@code balances} are the exchange's as of {@code balancesAsOf}, vouched for by {@code balancesSource}: STREAM
     * (the account stream keeps them current) or READ (read at the exchange then, where no stream kept them).
     */
    record ConnectionView(
            UUID id,
            Exchange exchange,
            String name,
            ConnectionStatus status,
            String statusReason,
            Permissions permissions,
            List<BalanceView> balances,
            String balancesUnavailable,
            OffsetDateTime balancesAsOf,
            String balancesSource,
            // The portfolios and algorithms in GET /connections only; accountChecked in a rotation's answer only.
            @JsonInclude(JsonInclude.Include.NON_NULL) List<PortfolioUseView> portfolios,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<AlgorithmUseView> algorithms,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean accountChecked) {

        static ConnectionView of(Connection connection) {
            return of(connection, AccountReads.ShownBalances.NONE, null, null);
        }

        /**
         * {@code uses}: the portfolios on the connection (null: not shown); {@code accountChecked}: after a rotation,
         * whether the exchange could confirm the new key's account (null otherwise).
         */
        static ConnectionView of(
                Connection connection,
                AccountReads.ShownBalances balances,
                List<ConnectionUse> uses,
                Boolean accountChecked) {
            return new ConnectionView(
                    connection.id(),
                    connection.exchange(),
                    connection.name(),
                    connection.status(),
                    connection.statusReason(),
                    new Permissions(connection.canRead(), connection.canTrade(), connection.canWithdraw()),
                    balances.balances() == null
                            ? null
                            : balances.balances().stream().map(BalanceView::of).toList(),
                    balances.unavailable(),
                    balances.asOf(),
                    balances.source() == null ? null : balances.source().name(),
                    uses == null
                            ? null
                            : uses.stream()
                                    .map(use -> new PortfolioUseView(
                                            use.portfolioId(),
                                            use.portfolioStatus(),
                                            use.portfolioStatusReason(),
                                            use.algorithmId()))
                                    .toList(),
                    uses == null
                            ? null
                            : uses.stream()
                                    .map(use -> new AlgorithmUseView(use.algorithmId(), use.algorithmName()))
                                    .distinct()
                                    .toList(),
                    accountChecked);
        }
    }

    record BalanceView(String asset, String free, String locked) {

        static BalanceView of(AssetBalance balance) {
            return new BalanceView(
                    balance.asset(),
                    balance.free().toPlainString(),
                    balance.locked().toPlainString());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ConnectionView connect(@AuthenticationPrincipal Jwt token, @Valid @RequestBody ConnectRequest request) {
        Connection connection = service.connect(
                userId(token),
                new ConnectionsService.NewConnection(
                        request.exchange(),
                        request.name().strip(),
                        request.apiKey(),
                        request.apiSecret(),
                        request.passphrase()));
        return ConnectionView.of(connection);
    }

    @GetMapping
    List<ConnectionView> list(@AuthenticationPrincipal Jwt token) {
        return service.list(userId(token)).stream()
                .map(c -> ConnectionView.of(c.connection(), c.balances(), c.uses(), null))
                .toList();
    }

    @PostMapping("/{id}/pause")
    ConnectionView pause(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return ConnectionView.of(service.pause(userId(token), id));
    }

    @PostMapping("/{id}/resume")
    ConnectionView resume(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return ConnectionView.of(service.resume(userId(token), id));
    }

    /** The connection keeps its id and portfolios; 422 for a key of another account or with the wrong permissions. */
    @PostMapping("/{id}/rotate-key")
    ConnectionView rotateKey(
            @AuthenticationPrincipal Jwt token, @PathVariable UUID id, @Valid @RequestBody RotateKeyRequest request) {
        ConnectionsService.RotatedConnection rotated = service.rotateKey(
                userId(token),
                id,
                new ConnectionsService.NewKey(request.apiKey(), request.apiSecret(), request.passphrase()));
        return ConnectionView.of(rotated.connection(), AccountReads.ShownBalances.NONE, null, rotated.accountChecked());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        service.delete(userId(token), id);
    }
}
