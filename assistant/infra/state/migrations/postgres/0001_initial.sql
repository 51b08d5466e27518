-- The state tables as the SQLite schema has them, in PostgreSQL types.
CREATE TABLE feedback (
    id BIGSERIAL PRIMARY KEY,
    answer_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT,
    source TEXT NOT NULL,
    user_hash TEXT,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE turns (
    id BIGSERIAL PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    question TEXT NOT NULL,
    answer_id TEXT,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX turns_conversation ON turns (conversation_id, id);
CREATE TABLE audit (
    id BIGSERIAL PRIMARY KEY,
    answer_id TEXT NOT NULL,
    request_id TEXT,
    user_hash TEXT,
    source TEXT NOT NULL,
    question TEXT,
    cited TEXT NOT NULL,
    law_as_of TEXT,
    abstained INTEGER NOT NULL,
    model TEXT,
    index_version TEXT,
    mode TEXT,
    latency_ms DOUBLE PRECISION,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE rate_limits (
    key TEXT NOT NULL,
    "window" BIGINT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key, "window")
);
CREATE TABLE widget_usage (day TEXT PRIMARY KEY, count INTEGER NOT NULL);
CREATE TABLE slack_events (event_id TEXT PRIMARY KEY, created_at DOUBLE PRECISION NOT NULL);
CREATE TABLE slack_answers (answer_id TEXT PRIMARY KEY, answer TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL);
