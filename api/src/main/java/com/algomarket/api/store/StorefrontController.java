package com.algomarket.api.store;

import com.algomarket.api.Roles;
import com.algomarket.api.store.StoreController.AlgorithmView;
import jakarta.validation.constraints.Size;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A developer's storefront: their published algorithms, paged and sorted as the store list is. */
@RestController
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class StorefrontController {

    private final StoreService store;

    @GetMapping("/api/v1/developers/{username}/algorithms")
    StorePage<AlgorithmView> algorithms(
            @PathVariable @Size(max = 32) String username,
            @RequestParam(required = false) @Size(max = 20) String sort,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return StoreController.views(
                store, store.storefront(username, new StoreService.ListQuery(null, null, sort, limit, cursor)));
    }
}
