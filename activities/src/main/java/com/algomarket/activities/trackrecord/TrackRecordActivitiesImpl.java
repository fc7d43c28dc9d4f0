package com.algomarket.activities.trackrecord;

import com.algomarket.db.trackrecord.TrackRecordArithmetic;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.IndexDay;
import com.algomarket.db.trackrecord.TrackRecordRepository;
import com.algomarket.db.trackrecord.TrackRecordRepository.FillCursor;
import com.algomarket.db.trackrecord.TrackRecordRepository.State;
import com.algomarket.db.trackrecord.TrackRecordRepository.StoredFill;
import com.algomarket.workflows.trackrecord.TrackRecordActivities;
import com.algomarket.workflows.trackrecord.TrackRecordPage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Brings a page of algorithms' track records up to date from what each stored: the fills stored since its cursor, and
 * the index from the day before its last stored day on (that day's points may have been valued again since). An
 * algorithm's whole update is one transaction, so a failure leaves its record as it was for the next run.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class TrackRecordActivitiesImpl implements TrackRecordActivities {

    static final int PAGE_SIZE = 50;
    static final int FILLS_PER_READ = 1_000;

    private final TrackRecordRepository records;
    private final Clock clock;

    @Override
    public TrackRecordPage updatePage(String afterAlgorithmId) {
        UUID after = afterAlgorithmId == null ? null : UUID.fromString(afterAlgorithmId);
        List<UUID> page = records.algorithmsWithPortfoliosAfter(after, PAGE_SIZE);
        int updated = 0;
        int failed = 0;
        for (UUID algorithmId : page) {
            try {
                update(algorithmId);
                updated++;
            } catch (DataAccessException | ArithmeticException e) {
                // One algorithm's failure does not stop the others': it is tried again at the next run.
                log.warn("Track record of algorithm {} not updated: {}", algorithmId, e.getMessage());
                failed++;
            }
        }
        String last = page.isEmpty() ? afterAlgorithmId : page.getLast().toString();
        return new TrackRecordPage(updated, failed, last, page.size() < PAGE_SIZE);
    }

    /** Continues the algorithm's track record from what it stored (from nothing, the first time). */
    public void update(UUID algorithmId) {
        State state = records.state(algorithmId);
        TrackRecordArithmetic.Trades trades = state.trades();
        FillCursor cursor = state.cursor();
        List<StoredFill> fills;
        do {
            fills = records.fillsAfter(algorithmId, cursor, FILLS_PER_READ);
            trades = TrackRecordArithmetic.applyFills(
                    trades, fills.stream().map(StoredFill::fill).toList());
            cursor = fills.isEmpty() ? cursor : fills.getLast().position();
        } while (fills.size() == FILLS_PER_READ);

        TrackRecordArithmetic.Resume resume = TrackRecordArithmetic.Resume.after(state.lastDays());
        LocalDate from = resume.from();
        List<IndexDay> days = TrackRecordArithmetic.chain(
                resume.start(), records.valuesBefore(algorithmId, from), records.pointsFrom(algorithmId, from));
        records.save(
                algorithmId,
                trades,
                records.portfoliosThatTraded(algorithmId),
                cursor,
                from,
                days,
                OffsetDateTime.now(clock));
    }
}
