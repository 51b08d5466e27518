"""Ingestion: corpus -> chunks -> embeddings -> a new index version, swapped in atomically.

Chunks are keyed by content hash. An unchanged corpus (same corpus hash, same model) is a no-op; a changed
one reuses the stored vectors of every chunk whose id is unchanged and embeds only the new ones, so a
changed section replaces only its own chunks and a removed one disappears.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from assistant.index.errors import IndexNotReady
from assistant.index.manifest import IndexManifest, Record, new_version_id
from assistant.index.versions import IndexStore
from assistant.infra.config import Settings
from assistant.infra.state.base import StateBackend
from assistant.retrieval.embeddings import Embedder
from assistant.sources.corpus import Corpus, load_corpus
from assistant.types import Chunk
from ingest.chunking import corpus_chunks
from ingest.progress import Progress, plain_logger

EMBED_BATCH = 32


@dataclass
class IngestReport:
    version: str
    status: str  # "unchanged" | "built"
    chunks: int
    embedded: int = 0
    reused: int = 0
    removed: int = 0
    seconds: float = 0.0
    added_ids: list[str] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)


def _previous(store: IndexStore, embedder: Embedder) -> tuple[IndexManifest | None, dict[str, Record]]:
    """The current version's manifest and, if it used the same model, its records with vectors."""
    try:
        version = store.current_version()
        if not version:
            return None, {}
        manifest = store.manifest(version)
        if manifest.model != embedder.name or manifest.dim != embedder.dim:
            return manifest, {}
        records = store.read_all(store.open(version), embeddings=True)
        return manifest, {r.id: r for r in records}
    except (IndexNotReady, FileNotFoundError, KeyError, ValueError):
        return None, {}


def _is_current(
    store: IndexStore,
    manifest: IndexManifest,
    previous: dict[str, Record],
    wanted: set[str],
    *,
    corpus: Corpus,
    embedder: Embedder,
    snapshot: bytes | None,
) -> bool:
    """Whether the current version already holds this corpus, model and chunks (and the snapshot, if one is to
    be stored), so there is nothing to do."""
    return (
        manifest.model == embedder.name
        and manifest.corpus_hash == corpus.content_hash
        and set(previous) == wanted
        and (snapshot is None or store.snapshot(manifest.version) is not None)
    )


def _embed(
    todo: list[Chunk], embedder: Embedder, after_embed: Callable[[int], None] | None
) -> dict[str, list[float]]:
    """Embed the new chunks in batches, reporting progress; {chunk id: vector}."""
    vectors: dict[str, list[float]] = {}
    progress = Progress(len(todo), "Embedding")
    for start in range(0, len(todo), EMBED_BATCH):
        batch = todo[start : start + EMBED_BATCH]
        for chunk, vec in zip(batch, embedder.embed_passages([c.text for c in batch]), strict=True):
            vectors[chunk.id] = vec.tolist()
        progress.update(len(batch))
        if after_embed:
            after_embed(progress.done)
    progress.close()
    return vectors


def _write_version(
    store: IndexStore,
    records: list[Record],
    *,
    corpus: Corpus,
    embedder: Embedder,
    snapshot: bytes | None,
) -> str:
    """Write the records as a new index version (with its manifest and snapshot); returns the version id."""
    version = new_version_id(corpus.content_hash)
    manifest = IndexManifest(
        version=version,
        model=embedder.name,
        dim=embedder.dim,
        corpus_hash=corpus.content_hash,
        chunk_count=len(records),
        law_versions={law.law_id: law.version_date for law in corpus.laws.values()},
        created_at=time.time(),
    )
    store.write_version(records, manifest, snapshot=snapshot)
    return version


def _build(
    chunks: list[Chunk],
    reusable: dict[str, Record],
    *,
    removed: list[str],
    store: IndexStore,
    corpus: Corpus,
    embedder: Embedder,
    snapshot: bytes | None,
    log: Callable[[str], None],
    after_embed: Callable[[int], None] | None,
    started: float,
) -> IngestReport:
    """Embed the chunks that have no reusable vector, write the new version and report what was done."""
    todo = [c for c in chunks if c.id not in reusable]
    log(
        f"Indekserer {len(chunks)} biter med {embedder.name}: {len(todo)} nye, {len(chunks) - len(todo)} gjenbrukt."
    )
    vectors = _embed(todo, embedder, after_embed)
    records = [
        Record(c.id, c.text, c.metadata, vectors[c.id] if c.id in vectors else reusable[c.id].embedding)
        for c in chunks
    ]
    version = _write_version(store, records, corpus=corpus, embedder=embedder, snapshot=snapshot)
    log(f"Ny indeksversjon {version}: {len(records)} biter, {len(todo)} embeddet, {len(removed)} fjernet.")
    return IngestReport(
        version=version,
        status="built",
        chunks=len(records),
        embedded=len(todo),
        reused=len(chunks) - len(todo),
        removed=len(removed),
        seconds=time.perf_counter() - started,
        added_ids=sorted(vectors),
        removed_ids=removed,
    )


def ingest(
    corpus: Corpus,
    *,
    store: IndexStore,
    embedder: Embedder,
    force: bool = False,
    log: Callable[[str], None] | None = None,
    after_embed: Callable[[int], None] | None = None,
    seed: IndexStore | None = None,
    snapshot: bytes | None = None,
    lock: contextlib.AbstractContextManager[None] | None = None,
) -> IngestReport:
    """Bring the index up to date with the corpus; returns what was done.

    ``seed``: another index (e.g. the local one when moving to a Chroma server) whose vectors are reused
    for unchanged chunks when it was built with the same model. ``snapshot``: the normalized corpus
    (assistant.sources.snapshot.pack) stored with the version, so serving hosts load the matching corpus.
    ``lock``: held for the whole ingest instead of the store's local file lock (the database's, for
    several hosts).
    """
    log = log or plain_logger()
    started = time.perf_counter()
    for warning in corpus.warnings:
        log(f"Advarsel: {warning}")
    chunks = corpus_chunks(corpus)
    with lock or store.lock():
        manifest, previous = _previous(store, embedder)
        reusable = {**(_previous(seed, embedder)[1] if seed is not None else {}), **previous}
        wanted = {c.id for c in chunks}
        if (
            not force
            and manifest is not None
            and _is_current(
                store, manifest, previous, wanted, corpus=corpus, embedder=embedder, snapshot=snapshot
            )
        ):
            log(f"Indeksen er oppdatert ({manifest.version}, {len(wanted)} biter); ingenting å gjøre.")
            return IngestReport(
                manifest.version, "unchanged", len(chunks), seconds=time.perf_counter() - started
            )

        return _build(
            chunks,
            reusable,
            removed=sorted(set(previous) - wanted),
            store=store,
            corpus=corpus,
            embedder=embedder,
            snapshot=snapshot,
            log=log,
            after_embed=after_embed,
            started=started,
        )


def ingest_from_settings(
    settings: Settings, *, force: bool = False, embedder: Embedder | None = None
) -> IngestReport:
    """Load the corpus and the configured embedder and ingest; used by `hms ingest` and `make run`."""
    from assistant.retrieval.embeddings import make_embedder
    from assistant.sources.snapshot import pack

    corpus = load_corpus(settings.corpus_dir)
    store = IndexStore.from_settings(settings)
    embedder = embedder or make_embedder(settings.embedding_model, threads=settings.embedding_threads)
    # Into a Chroma server: the local index (same model) lends the vectors of unchanged chunks.
    local = IndexStore(index_dir=settings.index_dir)
    seed = local if settings.chroma_url and (settings.index_dir / "CURRENT").is_file() else None
    with contextlib.ExitStack() as stack:
        lock = None
        if settings.database_url:  # several hosts: one ingest at a time, held in the database
            from assistant.infra.state import open_backend

            backend = open_backend(settings)
            stack.callback(backend.close)
            lock = stack.enter_context(_db_lock(backend))
        return ingest(
            corpus,
            store=store,
            embedder=embedder,
            force=force,
            seed=seed,
            snapshot=pack(settings.corpus_dir),
            lock=lock,
        )


@contextlib.contextmanager
def _db_lock(backend: StateBackend) -> Iterator[contextlib.AbstractContextManager[None]]:
    """Take the database's ingest lock now and hand ingest() a no-op in place of the store's file lock."""
    try:
        with backend.lock("hms-ingest", wait_s=600.0):
            yield contextlib.nullcontext()
    except TimeoutError as exc:
        raise RuntimeError("En annen indeksering pågår fortsatt (låst i databasen).") from exc
