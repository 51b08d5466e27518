-- Feedback idempotency keys, one audit row per answer, shared settings (the pseudonym key).
ALTER TABLE feedback ADD COLUMN idem_key TEXT;
CREATE UNIQUE INDEX feedback_idem ON feedback (answer_id, idem_key);
CREATE INDEX feedback_created ON feedback (created_at);
CREATE UNIQUE INDEX audit_answer_unique ON audit (answer_id);
CREATE INDEX audit_created ON audit (created_at);
CREATE TABLE state_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
