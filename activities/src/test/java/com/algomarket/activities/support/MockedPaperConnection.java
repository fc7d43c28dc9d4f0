package com.algomarket.activities.support;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.support.ActiveConnections;
import com.algomarket.workflows.exchange.Exchange;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An active connection to the paper venue as an activity reaches it, every step a mock: its row in {@code connections}
 * (by id, and for its user), its {@code key} in the {@code vault}, and a {@code gateway} that answers for PAPER. A test
 * stubs on these mocks what else its case needs.
 */
public record MockedPaperConnection(
        UUID id, ConnectionRepository connections, CredentialVault vault, ExchangeGateway gateway, ApiCredentials key) {

    public static MockedPaperConnection of(UUID id, UUID userId) {
        MockedPaperConnection paper = new MockedPaperConnection(
                id,
                mock(ConnectionRepository.class),
                mock(CredentialVault.class),
                mock(ExchangeGateway.class),
                new ApiCredentials("key", "secret", null));
        Connection row = ActiveConnections.paper(id, userId, "paper");
        when(paper.connections.find(id)).thenReturn(Optional.of(row));
        when(paper.connections.findForUser(id, userId)).thenReturn(Optional.of(row));
        when(paper.vault.open(id)).thenReturn(paper.key);
        when(paper.gateway.exchange()).thenReturn(Exchange.PAPER);
        return paper;
    }

    /** A worker's gateways that reach the paper venue only: keyed by the exchange each names, so built after the stub. */
    public ExchangeGateways gateways() {
        return new ExchangeGateways(List.of(gateway));
    }
}
