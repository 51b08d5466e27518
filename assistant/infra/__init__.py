"""Infrastructure the service runs on: settings, logs, privacy, deadlines, operator metrics, and shared state
(feedback, audit, conversations, limits; SQLite or PostgreSQL)."""
