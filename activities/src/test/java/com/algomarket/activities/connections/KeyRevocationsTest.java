package com.algomarket.activities.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.activities.email.EmailSender;
import com.algomarket.activities.portfolios.PortfolioPauses;
import com.algomarket.activities.support.StoredPortfolios;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.users.User;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import com.algomarket.workflows.users.UserRole;
import com.algomarket.workflows.users.UserStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** A refused key revokes its connection once: portfolios paused with the reason, one email, whatever the mail server. */
class KeyRevocationsTest {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID CONNECTION = UUID.randomUUID();
    private static final Portfolio ACTIVE = portfolio(PortfolioStatus.ACTIVE);
    private static final Portfolio KILLED = portfolio(PortfolioStatus.KILLED);

    private final ConnectionRepository connections = mock(ConnectionRepository.class);
    private final PortfolioRepository portfolios = mock(PortfolioRepository.class);
    private final UserRepository users = mock(UserRepository.class);
    private final AuditLog auditLog = mock(AuditLog.class);
    private final EmailSender email = mock(EmailSender.class);
    private KeyRevocations revocations;

    @BeforeEach
    void revocations() {
        PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
        when(transactions.getTransaction(any())).thenReturn(new SimpleTransactionStatus());
        revocations = new KeyRevocations(
                connections,
                portfolios,
                new PortfolioPauses(portfolios, auditLog),
                users,
                auditLog,
                new TransactionTemplate(transactions),
                email,
                Clock.systemUTC());
        when(connections.find(CONNECTION)).thenReturn(Optional.of(connection(ConnectionStatus.ACTIVE)));
        when(portfolios.findByConnection(CONNECTION)).thenReturn(List.of(ACTIVE, KILLED));
        when(portfolios.changeStatus(
                        eq(ACTIVE.id()), eq(USER), eq(List.of(PortfolioStatus.ACTIVE)), any(), anyString()))
                .thenReturn(true);
        when(users.findById(USER))
                .thenReturn(Optional.of(new User(USER, "ada@example.com", "ada", UserRole.USER, UserStatus.VERIFIED)));
    }

    @Test
    void givenAnActiveConnection_whenTheExchangeRefusesItsKey_thenRevokedPortfoliosPausedWithTheReasonAndUserEmailed() {
        when(connections.markRevoked(eq(CONNECTION), anyString(), any())).thenReturn(true);

        revocations.keyRefused(CONNECTION, "PAPER refused the key: Invalid API-key");

        verify(connections).markRevoked(eq(CONNECTION), contains("Invalid API-key"), any(OffsetDateTime.class));
        verify(portfolios)
                .changeStatus(
                        eq(ACTIVE.id()),
                        eq(USER),
                        eq(List.of(PortfolioStatus.ACTIVE)),
                        eq(PortfolioStatus.PAUSED),
                        contains("refused the key of connection \"main\""));
        verify(auditLog)
                .append(eq("exchange"), eq("exchange_connection"), eq(CONNECTION.toString()), eq("REVOKED"), anyMap());
        verify(auditLog).append(eq("exchange"), eq("portfolio"), eq(ACTIVE.id().toString()), eq("PAUSED"), anyMap());
        verify(email)
                .send(
                        eq("ada@example.com"),
                        contains("key was refused"),
                        contains(ACTIVE.id().toString()));
    }

    @Test
    void givenAConnectionAnotherCallRevokedFirst_whenItsKeyIsRefusedAgain_thenNothingMoreHappens() {
        when(connections.markRevoked(eq(CONNECTION), anyString(), any())).thenReturn(false);

        revocations.keyRefused(CONNECTION, "refused");

        verify(portfolios, never()).changeStatus(any(), any(), any(), any(), any());
        verify(email, never()).send(any(), any(), any());
    }

    @Test
    void givenARevokedConnection_whenItsKeyIsRefusedAgain_thenTheDatabaseIsNotWrittenAtAll() {
        when(connections.find(CONNECTION)).thenReturn(Optional.of(connection(ConnectionStatus.REVOKED)));

        revocations.keyRefused(CONNECTION, "refused");

        verify(connections, never()).markRevoked(any(), any(), any());
        verify(email, never()).send(any(), any(), any());
    }

    @Test
    void givenAFailingMailServer_whenTheKeyIsRefused_thenTheRevocationStandsAndNothingIsThrown() {
        when(connections.markRevoked(eq(CONNECTION), anyString(), any())).thenReturn(true);
        doThrow(new IllegalStateException("SMTP down")).when(email).send(any(), any(), any());

        revocations.keyRefused(CONNECTION, "refused");

        verify(connections).markRevoked(eq(CONNECTION), anyString(), any());
        assertThat(KeyRevocations.pauseReason(connection(ConnectionStatus.REVOKED)))
                .contains("/connections/" + CONNECTION + "/rotate-key");
    }

    private static Connection connection(ConnectionStatus status) {
        return new Connection(
                CONNECTION, USER, Exchange.PAPER, "main", true, true, false, status, null, OffsetDateTime.now());
    }

    private static Portfolio portfolio(PortfolioStatus status) {
        return StoredPortfolios.portfolio(UUID.randomUUID(), USER, CONNECTION, "1000", status, null);
    }
}
