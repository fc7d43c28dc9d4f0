package com.algomarket.activities.connections;

import com.algomarket.activities.email.EmailSender;
import com.algomarket.activities.portfolios.PortfolioPauses;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.connections.ConnectionStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What follows when an exchange refuses a connection's key (an AUTH failure on an order or on the account stream): the
 * key was revoked or lost a permission at the exchange, so the connection is marked REVOKED, its active portfolios
 * are paused with the reason (no order of theirs would pass anyway), and the user is told. A rotated key makes the
 * connection ACTIVE again; the user resumes the portfolios.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class KeyRevocations {

    private static final String ACTOR = "exchange";

    private final ConnectionRepository connections;
    private final PortfolioRepository portfolios;
    private final PortfolioPauses pauses;
    private final UserRepository users;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final EmailSender email;
    private final Clock clock;

    /** The portfolio reason, which the user reads in {@code GET /portfolios/{id}}. */
    static String pauseReason(Connection connection) {
        return "the exchange refused the key of connection \"" + connection.name()
                + "\": rotate its key (POST /connections/" + connection.id() + "/rotate-key), then resume";
    }

    /**
     * Marks the connection REVOKED and pauses its ACTIVE portfolios, in one transaction, then tells the user. Only the
     * call that changed the connection does so: the many orders and the stream that meet the same refused key report it
     * once. {@code exchangeMessage} is the exchange's own words (never the key).
     */
    public void keyRefused(UUID connectionId, String exchangeMessage) {
        Connection connection = connections.find(connectionId).orElse(null);
        if (connection == null || connection.status() == ConnectionStatus.REVOKED) {
            return;
        }
        String connectionReason = "the exchange refused the key: " + exchangeMessage;
        // Null when another call revoked it first: that one tells the user.
        List<Portfolio> paused = transactions.execute(status -> {
            if (!connections.markRevoked(connectionId, truncated(connectionReason), OffsetDateTime.now(clock))) {
                return null;
            }
            auditLog.append(
                    ACTOR,
                    "exchange_connection",
                    connectionId.toString(),
                    ConnectionStatus.REVOKED.name(),
                    Map.of("reason", connectionReason));
            return pauses.pauseActive(ACTOR, portfolios.findByConnection(connectionId), pauseReason(connection));
        });
        if (paused == null) {
            return;
        }
        log.warn("Connection {} revoked ({}); {} portfolio(s) paused", connectionId, exchangeMessage, paused.size());
        notifyConnectionRevoked(connection, paused);
    }

    /**
     * The one place a revoked connection is announced to its user: an email today; user webhooks
     * ({@code portfolio.paused}) route from here too.
     */
    void notifyConnectionRevoked(Connection connection, List<Portfolio> paused) {
        var user = users.findById(connection.userId()).orElse(null);
        if (user == null) {
            return;
        }
        StringBuilder body = new StringBuilder()
                .append(connection.exchange())
                .append(" refused the API key of your connection \"")
                .append(connection.name())
                .append("\": it was deleted or lost a permission at the exchange. We marked the connection ")
                .append("REVOKED and sent no further orders with it.\n\n");
        if (!paused.isEmpty()) {
            body.append("Paused portfolios:\n");
            paused.forEach(p -> body.append("  ").append(p.id()).append('\n'));
            body.append('\n');
        }
        body.append("Create a new key with read and trade permission (never withdraw) for the same exchange ")
                .append("account, rotate it in with POST /api/v1/connections/")
                .append(connection.id())
                .append("/rotate-key, then resume your portfolios.");
        try {
            email.send(user.email(), "Your " + connection.exchange() + " key was refused", body.toString());
        } catch (RuntimeException e) {
            // The revocation stands and the portfolios stay paused (GET /connections shows why); only the email is
            // lost,
            // and a failing mail server must not turn the order's AUTH failure into a retryable one.
            log.warn(
                    "Could not email user {} about revoked connection {}: {}",
                    user.id(),
                    connection.id(),
                    e.toString());
        }
    }

    private static String truncated(String reason) {
        return reason.length() > 1_000 ? reason.substring(0, 1_000) : reason;
    }
}
