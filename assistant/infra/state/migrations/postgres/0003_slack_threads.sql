-- The threads the Slack bot answered someone in: it follows up there without a new mention.
CREATE TABLE IF NOT EXISTS slack_threads (
    channel TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (channel, thread_ts, user_hash)
);
CREATE INDEX IF NOT EXISTS slack_threads_created ON slack_threads (created_at);
