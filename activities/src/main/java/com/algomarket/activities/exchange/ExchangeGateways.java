package com.algomarket.activities.exchange;

import com.algomarket.workflows.exchange.Exchange;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway of each exchange this process is configured for. */
public class ExchangeGateways {

    private final Map<Exchange, ExchangeGateway> gateways = new EnumMap<>(Exchange.class);

    public ExchangeGateways(List<ExchangeGateway> gateways) {
        gateways.forEach(gateway -> this.gateways.put(gateway.exchange(), gateway));
    }

    public Optional<ExchangeGateway> find(Exchange exchange) {
        return Optional.ofNullable(gateways.get(exchange));
    }

    public ExchangeGateway get(Exchange exchange) {
        return find(exchange).orElseThrow(() -> new IllegalStateException("No gateway configured for " + exchange));
    }
}
