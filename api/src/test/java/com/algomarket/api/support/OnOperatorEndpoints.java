package com.algomarket.api.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An IT of the endpoints that are for operators (actuator, payload codec): the app's port, users made through the
 * REST API, and the operator token. The subclass carries {@link RealServers}.
 */
public abstract class OnOperatorEndpoints {

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestUsers users;

    @Value("${algomarket.operator.token}")
    protected String operatorToken;

    /** A client of the app that sends no credential. */
    protected Http anonymous() {
        return new Http(port);
    }

    /** A client of the app that sends the operator token. */
    protected Http operator() {
        return new Http(port).withBearer(operatorToken);
    }
}
