-- Feedback idempotency keys (a retried POST stores one row), one audit row per answer (a replayed spool
-- never doubles a row), and shared settings (the pseudonym key in multi-host mode lives here).
ALTER TABLE feedback ADD COLUMN idem_key TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS feedback_idem ON feedback (answer_id, idem_key);
CREATE INDEX IF NOT EXISTS feedback_created ON feedback (created_at);
DROP INDEX IF EXISTS audit_answer;
CREATE UNIQUE INDEX IF NOT EXISTS audit_answer_unique ON audit (answer_id);
CREATE INDEX IF NOT EXISTS audit_created ON audit (created_at);
CREATE TABLE IF NOT EXISTS state_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
