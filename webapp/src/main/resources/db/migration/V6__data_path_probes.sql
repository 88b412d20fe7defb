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
