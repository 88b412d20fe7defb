-- Data-path probes: the operator sends a probe event along the loan path; the ranking stream
-- records each one here in the ranking's transaction (received_at by the stream's clock,
-- written_at by the database's) and the operator reads it back. Pruned by the stream.
CREATE TABLE data_path_probes (
    probe_id    UUID        PRIMARY KEY,
    sent_at     TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    written_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX data_path_probes_sent_at ON data_path_probes (sent_at);

-- How far the ranking stream has counted each partition of the loans topic (the next offset it
-- will read), written in the ranking's transaction: the operator subtracts it from the topic's end
-- to report the events still waiting to be counted.
CREATE TABLE ranking_stream_positions (
    topic           TEXT        NOT NULL,
    kafka_partition INT         NOT NULL,
    next_offset     BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, kafka_partition)
);
