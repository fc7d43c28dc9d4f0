package com.algomarket.api.developers;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.store.Algorithm;
import com.algomarket.db.store.AlgorithmRepository;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/** A developer's own algorithm by id; another developer's answers 404 as a missing one does. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class OwnedAlgorithms {

    private final AlgorithmRepository algorithms;

    Algorithm find(UUID developerId, UUID algorithmId) {
        return algorithms
                .find(algorithmId)
                .filter(found -> found.developerId().equals(developerId))
                .orElseThrow(() -> ApiProblem.notFound("algorithm", algorithmId));
    }
}
