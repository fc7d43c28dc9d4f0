package com.algomarket.api.developers;

import com.algomarket.api.Roles;
import com.algomarket.api.abuse.AbuseLimiter;
import com.algomarket.api.problem.ProblemWriter;
import com.algomarket.db.developers.ApiKeyRepository;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Algorithm API keys in the security chain: the key filter (added to the chain by the security configuration, not
 * registered as a servlet filter of its own), and a bearer token resolver that leaves {@code ak_} keys to it, so that
 * the JWT filter does not take a key for a malformed token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
class ApiKeySecurityConfiguration {

    @Bean
    ApiKeyAuthenticationFilter apiKeyAuthenticationFilter(
            ApiKeyRepository keys, ProblemWriter problems, Clock clock, AbuseLimiter limits) {
        return new ApiKeyAuthenticationFilter(keys, limits, problems, clock);
    }

    @Bean
    FilterRegistrationBean<ApiKeyAuthenticationFilter> apiKeyFilterOutsideTheSecurityChain(
            ApiKeyAuthenticationFilter filter) {
        FilterRegistrationBean<ApiKeyAuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver jwt = new DefaultBearerTokenResolver();
        return request -> ApiKeyAuthenticationFilter.presentedKey(request) != null ? null : jwt.resolve(request);
    }
}
