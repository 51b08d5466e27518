"""The vector index: versioned Chroma collections behind an atomic 'current' pointer.

Embedded (default): each version is its own PersistentClient directory under data/index/versions/, and
data/index/CURRENT names the live one; a new version is written beside it and CURRENT is swapped with
os.replace, so a failed or killed ingest leaves the previous index serving.
Server (HMS_CHROMA_URL): each version is a collection `hms-<version>` on the Chroma server, and the
pointer is the metadata of the collection `hms-pointer`.
Either way, the version's manifest (model, corpus hash, law versions, counts) and its normalized corpus
(assistant.sources.snapshot) travel with it: `corpus.json.gz` in the version directory, or the collection
`hms.corpus-<version>` on the server.
Calls to a Chroma server time out (HMS_CHROMA_TIMEOUT_S while serving), so a hung server is a fast 503.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import httpx
from chromadb.config import Settings as ChromaSettings

from assistant.index.guard import ChromaHealth, GuardedCalls, GuardedCollection

COLLECTION_CONFIG: Any = {"hnsw": {"space": "cosine"}}
KEEP_VERSIONS = 3
SNAPSHOT_FILE = "corpus.json.gz"
SNAPSHOT_PART = 256 * 1024  # characters of base64 per document in a server-side snapshot
INGEST_TIMEOUT_S = 300.0
SERVING_CALL_TIMEOUT_S = 30.0  # a slow call is waited for while the server answers pings (chroma_guard)


class IndexNotReady(RuntimeError):
    """No usable index: missing, stale, corrupt or unreachable. The message says why, in Norwegian."""

    def __init__(self, reason: str, *, code: str = "index_not_ready"):
        super().__init__(reason)
        self.reason = reason
        self.code = code


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


def chroma_settings() -> ChromaSettings:
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


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
        """``ping_timeout_s`` (serving): calls are abandoned once a heartbeat takes longer than this."""
        self.ca_file = ca_file
        self.ping_timeout_s = ping_timeout_s
        self._guard: GuardedCalls | None = None
        self.index_dir = index_dir
        self.chroma_url = chroma_url
        self.collection = collection
        self.token = token
        self.timeout_s = timeout_s
        self._http: Any = None

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
    def _http_client(self) -> Any:
        if self._http is None:
            self._http = self._new_http_client(self.timeout_s)
        return self._http

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """A call to the Chroma server, abandoned if the server stops answering pings (serving only)."""
        if not (self.chroma_url and self.ping_timeout_s):
            return fn(*args, **kwargs)
        if self._guard is None:
            ping_client = self._new_http_client(self.ping_timeout_s)
            self._guard = GuardedCalls(ChromaHealth(ping_client.heartbeat), where=self.chroma_url)
        return self._guard.call(fn, *args, **kwargs)

    def _new_http_client(self, timeout_s: float) -> Any:
        """A chromadb HttpClient (token auth, https with an optional CA file) whose calls time out."""
        url = urlparse(self.chroma_url or "")
        settings = chroma_settings()
        if self.token:  # Chroma's token auth: the token goes in the X-Chroma-Token header
            settings.chroma_client_auth_provider = "chromadb.auth.token_authn.TokenAuthClientProvider"
            settings.chroma_client_auth_credentials = self.token
            settings.chroma_auth_token_transport_header = "X-Chroma-Token"
        if url.scheme == "https" and self.ca_file:  # a private CA (the default is the system's)
            settings.chroma_server_ssl_verify = str(self.ca_file)
        client = chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=settings,
        )
        # chromadb's HTTP client waits forever by default; a hung server must fail the call instead
        session = getattr(getattr(client, "_server", None), "_session", None)
        if session is not None:
            session.timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 3.0))
        return client

    def _client_for(self, version: str) -> Any:
        if self.chroma_url:
            return self._http_client()
        return chromadb.PersistentClient(path=str(self._version_dir(version)), settings=chroma_settings())

    def _version_dir(self, version: str) -> Path:
        return self.index_dir / "versions" / version

    def _collection_name(self, version: str) -> str:
        return f"{self.collection}-{version}" if self.chroma_url else self.collection

    # -- the pointer ----------------------------------------------------------------------------------
    def current_version(self) -> str | None:
        if self.chroma_url:
            try:
                pointer = self._call(
                    self._http_client().get_or_create_collection,
                    f"{self.collection}-pointer",
                    embedding_function=None,
                )
            except IndexNotReady:
                raise
            except Exception as exc:
                raise IndexNotReady(
                    f"Får ikke kontakt med Chroma-serveren på {self.chroma_url} ({type(exc).__name__}).",
                    code="chroma_unreachable",
                ) from exc
            return (pointer.metadata or {}).get("current")
        path = self.index_dir / "CURRENT"
        return path.read_text().strip() or None if path.is_file() else None

    def _set_current(self, version: str, manifest: IndexManifest) -> None:
        if self.chroma_url:
            pointer = self._http_client().get_or_create_collection(
                f"{self.collection}-pointer", embedding_function=None
            )
            pointer.modify(metadata={"current": version, "manifest": manifest.to_json()})
            return
        tmp = self.index_dir / f".CURRENT.{os.getpid()}"
        tmp.write_text(version)
        os.replace(tmp, self.index_dir / "CURRENT")

    def snapshot(self, version: str) -> bytes | None:
        """The version's corpus snapshot, or None for a version built before snapshots existed."""
        if self.chroma_url:
            try:
                col = self._http_client().get_collection(
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
        if not self.chroma_url:
            (self._version_dir(version) / SNAPSHOT_FILE).write_bytes(blob)
            return
        client = self._http_client()
        with contextlib.suppress(Exception):
            client.delete_collection(self._snapshot_name(version))
        col = client.create_collection(self._snapshot_name(version), embedding_function=None)
        text = base64.b64encode(blob).decode()
        parts = [text[i : i + SNAPSHOT_PART] for i in range(0, len(text), SNAPSHOT_PART)] or [""]
        col.add(
            ids=[f"part-{n:05d}" for n in range(len(parts))], documents=parts, embeddings=[[0.0]] * len(parts)
        )

    def manifest(self, version: str) -> IndexManifest:
        if self.chroma_url:
            col = self._call(
                self._http_client().get_collection, self._collection_name(version), embedding_function=None
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
            if self._guard is not None:
                return GuardedCollection(collection, self._guard)
            return collection
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
        if self.chroma_url:
            client = self._http_client()
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
        if not self.chroma_url:
            (self._version_dir(version) / "manifest.json").write_text(manifest.to_json())
        self._set_current(version, manifest)
        self.prune(keep={version})

    def prune(self, *, keep: set[str]) -> None:
        """Remove old and half-written versions, keeping the newest few for processes still reading them."""
        current = self.current_version()
        keep = keep | ({current} if current else set())
        if self.chroma_url:
            client = self._http_client()
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


def new_version_id(corpus_hash: str) -> str:
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{int(time.time() * 1000) % 1000:03d}-{corpus_hash[:8]}"
