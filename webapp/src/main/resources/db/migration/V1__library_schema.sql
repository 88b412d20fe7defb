-- The library's relational schema. The website owns it; the Spark jobs and the book feed write
-- into book_ranking, ranking_processed_events, recommendations and books by these names.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE books (
    id               BIGSERIAL PRIMARY KEY,
    isbn13           CHAR(13)    NOT NULL UNIQUE CHECK (isbn13 ~ '^97[89][0-9]{10}$'),
    title            TEXT        NOT NULL CHECK (length(title) > 0),
    authors          TEXT        NOT NULL,
    publication_year INTEGER,
    language         TEXT,
    copies           INTEGER     NOT NULL DEFAULT 1 CHECK (copies >= 0),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Case-insensitive substring search over title and authors (ILIKE '%term%') uses these.
CREATE INDEX books_title_trgm ON books USING gin (title gin_trgm_ops);
CREATE INDEX books_authors_trgm ON books USING gin (authors gin_trgm_ops);

CREATE TABLE members (
    id            BIGSERIAL PRIMARY KEY,
    username      TEXT        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
    password_hash TEXT        NOT NULL,
    first_name    TEXT        NOT NULL,
    last_name     TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE loans (
    id          BIGSERIAL PRIMARY KEY,
    member_id   BIGINT      NOT NULL REFERENCES members (id),
    book_id     BIGINT      NOT NULL REFERENCES books (id),
    loaned_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    returned_at TIMESTAMPTZ,
    CHECK (returned_at IS NULL OR returned_at >= loaned_at)
);
CREATE INDEX loans_member ON loans (member_id, loaned_at DESC);
CREATE INDEX loans_book_open ON loans (book_id) WHERE returned_at IS NULL;

-- Loan events waiting to be published to Kafka (transactional outbox, relayed by the website).
CREATE TABLE loan_event_outbox (
    event_id     UUID PRIMARY KEY,
    book_id      BIGINT      NOT NULL,
    payload      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX loan_event_outbox_pending ON loan_event_outbox (created_at) WHERE published_at IS NULL;

-- Live ranking, written by the loan-ranking stream job, read by the home page.
CREATE TABLE book_ranking (
    book_id           BIGINT PRIMARY KEY REFERENCES books (id),
    total_loans       BIGINT      NOT NULL DEFAULT 0,
    currently_on_loan BIGINT      NOT NULL DEFAULT 0,
    last_event_at     TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX book_ranking_top ON book_ranking (total_loans DESC, book_id);

-- Event ids the stream job has already counted: a replayed or duplicated event changes nothing.
CREATE TABLE ranking_processed_events (
    event_id     UUID PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Top recommendations per member, replaced by each run of the recommendations job.
CREATE TABLE recommendations (
    member_id       BIGINT           NOT NULL REFERENCES members (id),
    rank            SMALLINT         NOT NULL CHECK (rank BETWEEN 1 AND 4),
    book_id         BIGINT           NOT NULL REFERENCES books (id),
    because_book_id BIGINT REFERENCES books (id),
    score           DOUBLE PRECISION NOT NULL,
    generated_at    TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, rank)
);
