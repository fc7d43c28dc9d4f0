package com.algomarket.api.connections;

import com.algomarket.api.Roles;
import com.algomarket.api.exchange.AccountReads;
import com.algomarket.db.connections.Connection;
import com.algomarket.workflows.connections.AssetBalance;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.Exchange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
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
class ConnectionsController {

    private final ConnectionsService service;

    ConnectionsController(ConnectionsService service) {
        this.service = service;
    }

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

    record Permissions(boolean read, boolean trade, Boolean withdraw) {}

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
            String balancesSource) {

        static ConnectionView of(Connection connection) {
            return of(connection, new AccountReads.ShownBalances(null, null, null, null));
        }

        static ConnectionView of(Connection connection, AccountReads.ShownBalances balances) {
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
                    balances.source() == null ? null : balances.source().name());
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
                .map(c -> ConnectionView.of(c.connection(), c.balances()))
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

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        service.delete(userId(token), id);
    }

    static UUID userId(Jwt token) {
        return UUID.fromString(token.getSubject());
    }
}
