package com.algomarket.api.developers;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.db.developers.SalesRepository;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A developer's sales: purchases of their algorithms, revenue per currency, seats per algorithm. */
@RestController
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class SalesController {

    private final SalesRepository sales;

    @GetMapping("/api/v1/me/sales")
    @PreAuthorize("hasRole('DEVELOPER')")
    Sales sales(@AuthenticationPrincipal Jwt token) {
        return Sales.of(sales.sales(userId(token)));
    }
}
