"""The sources in memory: the normalized laws, the FAQ and the glossary, read from corpus/ or from an index version's snapshot."""
