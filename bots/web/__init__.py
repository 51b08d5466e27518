"""The web front end: FastAPI service, streaming chat page and embeddable widget."""
