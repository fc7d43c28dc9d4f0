/**
 * Track records: the workflow {@code track-records} keeps each algorithm's track record (tables {@code track_records},
 * {@code track_record_days}) from its portfolios' fills and daily equity points, continuing each time from what it
 * stored, for {@code GET /algorithms/{id}/track-record} and the store list. It runs when it starts and then every hour,
 * pages through the algorithms 50 at a time, and continues as new every 24 runs; the signal {@code computeNow} runs it
 * at once.
 */
package com.algomarket.workflows.trackrecord;
