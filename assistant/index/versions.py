"""The vector index: versioned Chroma collections behind an atomic 'current' pointer.

Embedded (default): each version is its own PersistentClient directory under data/index/versions/, and
data/index/CURRENT names the live one; a new version is written beside it and CURRENT is swapped with
os.replace, so a failed or killed ingest leaves the previous index serving.
Server (HMS_CHROMA_URL): each version is a collection `hms-<version>` on the Chroma server, and the
pointer is the metadata of the collection `hms-pointer`.
Either way, the version's manifest (model, corpus hash, law versions, counts) and its normalized corpus
(assistant.sources.snapshot) travel with it: `corpus.json.gz` in the version directory, or the collection
`hms.corpus-<version>` on the server.
"""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import chromadb

from assistant.index.connection import INGEST_TIMEOUT_S, SERVING_CALL_TIMEOUT_S, ChromaServer, chroma_settings
from assistant.index.errors import IndexNotReady
from assistant.index.manifest import IndexManifest, Record

COLLECTION_CONFIG: Any = {"hnsw": {"space": "cosine"}}
KEEP_VERSIONS = 3
SNAPSHOT_FILE = "corpus.json.gz"
SNAPSHOT_PART = 256 * 1024  # characters of base64 per document in a server-side snapshot


class IndexStore:
    """Opens, creates and swaps index versions. One instance per process; cheap to construct."""

    def __init__(
        self,
        *,
        index_dir: Path,
        chroma_url: str | None = None,
        collection: str = "hms",
        token: str | None = None,
        timeout_s: float = INGEST_TIMEOUT_S,
        ca_file: Path | None = None,
        ping_timeout_s: float | None = None,
    ):
        """``chroma_url``: the versions live on that Chroma server (else in ``index_dir``); ``ping_timeout_s``
        (serving): calls are abandoned once a heartbeat takes longer than this."""
        self.index_dir = index_dir
        self.collection = collection
        self.server = (
            ChromaServer(
                chroma_url, token=token, timeout_s=timeout_s, ca_file=ca_file, ping_timeout_s=ping_timeout_s
            )
            if chroma_url
            else None
        )

    @classmethod
    def from_settings(cls, settings: Any, *, serving: bool = False) -> IndexStore:
        """The store the settings name; ``serving`` uses the short HMS_CHROMA_TIMEOUT_S."""
        token = settings.chroma_token
        return cls(
            index_dir=settings.index_dir,
            chroma_url=settings.chroma_url,
            collection=settings.collection,
            token=token.get_secret_value() if hasattr(token, "get_secret_value") else token,
            timeout_s=SERVING_CALL_TIMEOUT_S if serving else INGEST_TIMEOUT_S,
            ca_file=settings.chroma_ca_file,
            ping_timeout_s=settings.chroma_timeout_s if serving else None,
        )

    # -- clients ------------------------------------------------------------------------------------
    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """A call to the Chroma server, abandoned if the server stops answering pings (serving only)."""
        return self.server.call(fn, *args, **kwargs) if self.server else fn(*args, **kwargs)

    def _client_for(self, version: str) -> Any:
        if self.server:
            return self.server.client()
        return chromadb.PersistentClient(path=str(self._version_dir(version)), settings=chroma_settings())

    def _version_dir(self, version: str) -> Path:
        return self.index_dir / "versions" / version

    def _collection_name(self, version: str) -> str:
        return f"{self.collection}-{version}" if self.server else self.collection

    # -- the pointer ----------------------------------------------------------------------------------
    def current_version(self) -> str | None:
        if self.server:
            try:
                pointer = self.server.call(
                    self.server.client().get_or_create_collection,
                    f"{self.collection}-pointer",
                    embedding_function=None,
                )
            except IndexNotReady:
                raise
            except Exception as exc:
                raise IndexNotReady(
                    f"Får ikke kontakt med Chroma-serveren på {self.server.url} ({type(exc).__name__}).",
                    code="chroma_unreachable",
                ) from exc
            return (pointer.metadata or {}).get("current")
        path = self.index_dir / "CURRENT"
        return path.read_text().strip() or None if path.is_file() else None

    def _set_current(self, version: str, manifest: IndexManifest) -> None:
        if self.server:
            pointer = self.server.client().get_or_create_collection(
                f"{self.collection}-pointer", embedding_function=None
            )
            pointer.modify(metadata={"current": version, "manifest": manifest.to_json()})
            return
        tmp = self.index_dir / f".CURRENT.{os.getpid()}"
        tmp.write_text(version)
        os.replace(tmp, self.index_dir / "CURRENT")

    def snapshot(self, version: str) -> bytes | None:
        """The version's corpus snapshot, or None for a version built before snapshots existed."""
        if self.server:
            try:
                col = self.server.client().get_collection(
                    self._snapshot_name(version), embedding_function=None
                )
            except Exception as exc:
                if "does not exist" in str(exc) or "NotFound" in type(exc).__name__:
                    return None
                raise
            got = col.get(include=["documents"])
            parts = sorted(zip(got["ids"], got["documents"], strict=True))
            return base64.b64decode("".join(doc for _, doc in parts))
        path = self._version_dir(version) / SNAPSHOT_FILE
        return path.read_bytes() if path.is_file() else None

    def _snapshot_name(self, version: str) -> str:
        return f"{self.collection}.corpus-{version}"

    def _write_snapshot(self, version: str, blob: bytes) -> None:
        if not self.server:
            (self._version_dir(version) / SNAPSHOT_FILE).write_bytes(blob)
            return
        client = self.server.client()
        with contextlib.suppress(Exception):
            client.delete_collection(self._snapshot_name(version))
        col = client.create_collection(self._snapshot_name(version), embedding_function=None)
        text = base64.b64encode(blob).decode()
        parts = [text[i : i + SNAPSHOT_PART] for i in range(0, len(text), SNAPSHOT_PART)] or [""]
        col.add(
            ids=[f"part-{n:05d}" for n in range(len(parts))], documents=parts, embeddings=[[0.0]] * len(parts)
        )

    def manifest(self, version: str) -> IndexManifest:
        if self.server:
            col = self.server.call(
                self.server.client().get_collection, self._collection_name(version), embedding_function=None
            )
            return IndexManifest.from_json(col.metadata["manifest"])
        return IndexManifest.from_json((self._version_dir(version) / "manifest.json").read_text())

    # -- reading ------------------------------------------------------------------------------------
    def open(self, version: str) -> Any:
        """The Chroma collection of a version (raises IndexNotReady if it cannot be opened)."""
        try:
            client = self._client_for(version)
            collection = self._call(
                client.get_collection, self._collection_name(version), embedding_function=None
            )
            return self.server.guarded(collection) if self.server else collection
        except IndexNotReady:
            raise
        except Exception as exc:
            raise IndexNotReady(
                f"Indeksen {version} kan ikke åpnes ({type(exc).__name__}: {exc}). Kjør `hms ingest`.",
                code="index_corrupt",
            ) from exc

    @staticmethod
    def read_all(collection: Any, *, embeddings: bool = False, batch: int = 2000) -> list[Record]:
        include = ["documents", "metadatas", *(["embeddings"] if embeddings else [])]
        records: list[Record] = []
        offset = 0
        while True:
            got = collection.get(include=include, limit=batch, offset=offset)
            ids = got["ids"]
            for i, id_ in enumerate(ids):
                emb = got["embeddings"][i] if embeddings else ()
                records.append(Record(id_, got["documents"][i], dict(got["metadatas"][i]), emb))
            if len(ids) < batch:
                return records
            offset += batch

    # -- writing ------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, *, wait_s: float = 600.0) -> Iterator[None]:
        """One ingest at a time per index directory (an advisory file lock); waits for another ingest to
        finish, up to ``wait_s``."""
        import fcntl

        self.index_dir.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait_s
        with open(self.index_dir / ".lock", "w") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError as exc:
                    if time.monotonic() > deadline:
                        raise RuntimeError("En annen indeksering pågår fortsatt (data/index/.lock).") from exc
                    time.sleep(0.2)
            yield

    def write_version(
        self,
        records: Sequence[Record],
        manifest: IndexManifest,
        *,
        batch: int = 500,
        snapshot: bytes | None = None,
    ) -> None:
        """Write a complete new version (with its corpus snapshot) and only then point CURRENT at it."""
        version = manifest.version
        if self.server:
            client = self.server.client()
            with contextlib.suppress(Exception):
                client.delete_collection(self._collection_name(version))
            col = client.create_collection(
                self._collection_name(version),
                configuration=COLLECTION_CONFIG,
                metadata={"manifest": manifest.to_json()},
                embedding_function=None,
            )
        else:
            path = self._version_dir(version)
            if path.exists():
                shutil.rmtree(path)
            path.mkdir(parents=True)
            client = chromadb.PersistentClient(path=str(path), settings=chroma_settings())
            col = client.create_collection(
                self.collection, configuration=COLLECTION_CONFIG, embedding_function=None
            )
        for start in range(0, len(records), batch):
            part = records[start : start + batch]
            col.add(
                ids=[r.id for r in part],
                documents=[r.document for r in part],
                metadatas=[r.metadata for r in part],
                embeddings=[list(map(float, r.embedding)) for r in part],
            )
        if col.count() != len(records):
            raise RuntimeError(f"Index write incomplete: {col.count()} of {len(records)} records")
        if snapshot is not None:
            self._write_snapshot(version, snapshot)
        if not self.server:
            (self._version_dir(version) / "manifest.json").write_text(manifest.to_json())
        self._set_current(version, manifest)
        self.prune(keep={version})

    def prune(self, *, keep: set[str]) -> None:
        """Remove old and half-written versions, keeping the newest few for processes still reading them."""
        current = self.current_version()
        keep = keep | ({current} if current else set())
        if self.server:
            client = self.server.client()
            names = sorted(c.name if hasattr(c, "name") else str(c) for c in client.list_collections())
            prefix = f"{self.collection}-"
            versions = [n[len(prefix) :] for n in names if n.startswith(prefix) and n != f"{prefix}pointer"]
            kept = set(versions[max(0, len(versions) - KEEP_VERSIONS) :]) | keep
            for old in versions:
                if old not in kept:
                    with contextlib.suppress(Exception):
                        client.delete_collection(prefix + old)
            snapshots = f"{self.collection}.corpus-"
            for name in names:
                if name.startswith(snapshots) and name[len(snapshots) :] not in kept:
                    with contextlib.suppress(Exception):
                        client.delete_collection(name)
            return
        root = self.index_dir / "versions"
        if not root.is_dir():
            return
        dirs = sorted(p for p in root.iterdir() if p.is_dir())
        complete = [p for p in dirs if (p / "manifest.json").is_file()]
        for path in dirs:
            stale = path not in complete or path in complete[: max(0, len(complete) - KEEP_VERSIONS)]
            if stale and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
