"""An index version's records, its manifest (model, corpus hash, law versions, counts) and its id."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IndexManifest:
    version: str
    model: str
    dim: int
    corpus_hash: str
    chunk_count: int
    law_versions: dict[str, str | None]
    created_at: float

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> IndexManifest:
        return cls(**json.loads(raw))


@dataclass
class Record:
    id: str
    document: str
    metadata: dict[str, Any]
    embedding: Sequence[float]


def new_version_id(corpus_hash: str) -> str:
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{int(time.time() * 1000) % 1000:03d}-{corpus_hash[:8]}"
