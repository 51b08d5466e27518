-- The schema as it was before versioned migrations (IF NOT EXISTS: an existing hms.sqlite3 keeps its rows).
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT,
    source TEXT NOT NULL,
    user_hash TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    question TEXT NOT NULL,
    answer_id TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS turns_conversation ON turns (conversation_id, id);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
    latency_ms REAL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_answer ON audit (answer_id);
CREATE TABLE IF NOT EXISTS rate_limits (
    key TEXT NOT NULL,
    "window" INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key, "window")
);
CREATE TABLE IF NOT EXISTS widget_usage (day TEXT PRIMARY KEY, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS slack_events (event_id TEXT PRIMARY KEY, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS slack_answers (answer_id TEXT PRIMARY KEY, answer TEXT NOT NULL, created_at REAL NOT NULL);
