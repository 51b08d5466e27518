"""Infrastructure the service runs on: shared state (feedback, audit, limits, ...) and operator metrics."""
