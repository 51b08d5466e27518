"""The question before any source is chosen: input checks, follow-ups, what the sources cannot answer, and fact-type questions."""
