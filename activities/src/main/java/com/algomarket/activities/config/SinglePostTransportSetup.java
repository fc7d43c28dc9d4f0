package com.algomarket.activities.config;

import com.algomarket.activities.exchange.transport.SinglePostTransport;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Sets {@link SinglePostTransport} while Spring Boot prepares the environment, before any bean (and so any HTTP
 * client) exists: the JDK reads the property once, when HttpURLConnection's client class initialises. Registered in
 * this module's {@code META-INF/spring.factories}, so that every app that runs these activities gets it.
 */
public class SinglePostTransportSetup implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        SinglePostTransport.ensure();
    }
}
