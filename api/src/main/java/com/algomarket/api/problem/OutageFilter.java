package com.algomarket.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outage answer for failures outside the controllers: a servlet filter that reads the database (the idempotency
 * store) fails before {@link ProblemHandler} can see it, and would otherwise end as the servlet container's 500.
 * Outermost, so that it sees every other filter's failure.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
class OutageFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!Outages.isOutage(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("A dependency is unavailable: {}", e.toString());
            response.resetBuffer();
            problems.write(response, Outages.problem());
        }
    }
}
