"""The vector index: versioned Chroma collections, the Chroma server connection and its guard against a hung
server, and the vectors held in memory."""
