-- Loans per book in the ranking stream's sliding windows. The stream counts each loan event once
-- (by ranking_processed_events) in the ranking's transaction and copies the totals it touched to
-- Cassandra's windowed_loan_counts, which the website's loan trend reads. It prunes a window a
-- day after the window ended; until then a late loan still counts in it.
CREATE TABLE loan_window_counts (
    window_start   TIMESTAMPTZ NOT NULL,
    window_minutes INT         NOT NULL,
    book_id        BIGINT      NOT NULL,
    loans          BIGINT      NOT NULL,
    PRIMARY KEY (window_start, window_minutes, book_id)
);
