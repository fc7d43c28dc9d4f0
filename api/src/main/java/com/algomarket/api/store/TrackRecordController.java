package com.algomarket.api.store;

import com.algomarket.api.Roles;
import com.algomarket.db.trackrecord.TrackRecordRepository;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A published algorithm's track record, as the track-record workflow last stored it (never computed on request);
 * browsable like the store.
 */
@RestController
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class TrackRecordController {

    private final StoreService store;
    private final TrackRecordRepository trackRecords;

    @GetMapping("/api/v1/algorithms/{id}/track-record")
    TrackRecordView trackRecord(@PathVariable UUID id) {
        store.getPublished(id);
        return trackRecords
                .summary(id)
                .filter(summary -> summary.since() != null)
                .map(summary -> TrackRecordView.of(summary, trackRecords.daysFrom(id, summary.since())))
                .orElse(TrackRecordView.NONE);
    }
}
