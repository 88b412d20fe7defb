-- Failed sign-ins, one row each for the user name tried and for the client address, so sign-in
-- throttling holds across every replica of the website. Rows older than the window are pruned.
CREATE TABLE sign_in_failures (
    subject   TEXT        NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_subject ON sign_in_failures (subject, failed_at);
