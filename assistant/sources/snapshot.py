"""The normalized corpus as one blob that travels with each index version.

A serving host loads the corpus of the index version it serves from this snapshot, so corpus and index are
always a matching pair and hosts need no corpus files. The blob is gzip'd JSON of the files the corpus hash
covers ({relative path: text}); loading it checks that it hashes to the version's corpus hash.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from assistant.sources.corpus import Corpus, CorpusError, corpus_files, load_corpus


def pack(corpus_dir: Path) -> bytes:
    files = {str(p.relative_to(corpus_dir)): p.read_bytes().decode("utf-8") for p in corpus_files(corpus_dir)}
    return gzip.compress(json.dumps(files, ensure_ascii=False, sort_keys=True).encode(), mtime=0)


def load_snapshot(blob: bytes, *, expected_hash: str) -> Corpus:
    """The Corpus in ``blob``; raises CorpusError if it is not the corpus the index was built from."""
    files: dict[str, str] = json.loads(gzip.decompress(blob))
    with tempfile.TemporaryDirectory(prefix="hms-corpus-") as tmp:
        root = Path(tmp)
        for name, text in files.items():
            target = (root / name).resolve()
            if root.resolve() not in target.parents:
                raise CorpusError(f"Corpus snapshot holds a path outside the corpus: {name!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))  # bytes as they were: the hash covers bytes
        corpus = load_corpus(root)
    if corpus.content_hash != expected_hash:
        raise CorpusError(
            f"Corpus snapshot hashes to {corpus.content_hash}, the index expects {expected_hash}"
        )
    return corpus
