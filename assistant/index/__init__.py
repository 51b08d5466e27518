"""The vector index: versioned Chroma collections, their guard against a hung server, and the vectors held in memory."""
