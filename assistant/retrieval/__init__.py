"""Ranking the sources for a question: embeddings, dense search, BM25, glossary expansion and reranking."""
