"""The live index: the index version a process answers from, together with the corpus it was built from.

Every second or so one thread asks the store for its current version; the others never wait for that call
(a hung store costs one timeout, not a queue). A new version is loaded in the background beside the live
one, with its corpus from the version's snapshot, and swapped in with one assignment: a request holds one
LoadedIndex from start to end, so it never sees an index and a corpus that do not belong together.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.protocol import Answerer
from assistant.index.errors import IndexNotReady
from assistant.index.manifest import IndexManifest
from assistant.index.versions import IndexStore
from assistant.infra.config import Settings
from assistant.infra.metrics import STORE_ERRORS, index_swapped
from assistant.retrieval.embeddings import Embedder
from assistant.retrieval.fusion import FusionConfig
from assistant.retrieval.hybrid import HybridRetriever
from assistant.sources.corpus import Corpus, CorpusError, load_corpus
from assistant.sources.glossary import Glossary
from assistant.sources.snapshot import load_snapshot

log = logging.getLogger("hms.assistant")

RELOAD_CHECK_S = 1.0
RETRY_FAILED_LOAD_S = 30.0


@dataclass
class LoadedIndex:
    """An index version with the corpus it was built from: swapped as one, never mixed."""

    version: str
    manifest: IndexManifest
    retriever: HybridRetriever
    corpus: Corpus
    answerer: Answerer
    glossary: Glossary


class LiveIndex:
    def __init__(
        self,
        *,
        settings: Settings,
        store: IndexStore,
        embedder: Embedder,
        fusion: FusionConfig,
        corpus: Corpus | None,
        answerer: Answerer | None,
    ):
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.fusion = fusion
        self._base_corpus = corpus  # None on a host without corpus files: each index version brings its own
        self._given_answerer = answerer
        self._base_answerer = answerer or (make_answerer(settings, corpus=corpus) if corpus else None)
        self._index: LoadedIndex | None = None
        self._failure: IndexNotReady | None = None
        self._checked_at = -RELOAD_CHECK_S
        self._check_lock = threading.Lock()  # held by the one thread asking the store for its version
        self._loading: str | None = None  # a newer version being loaded in the background
        self._failed_load: tuple[str, float] | None = None  # (version, when to try it again)

    @property
    def current(self) -> LoadedIndex | None:
        return self._index

    def failed(self, index: LoadedIndex, exc: IndexNotReady) -> None:
        """A request found the store broken: fail fast until the next check, then reload the index."""
        if exc.code == "chroma_unreachable":
            STORE_ERRORS.labels(store="chroma").inc()
        self._failure, self._checked_at = exc, time.monotonic()
        if self._index is index:
            self._index = None

    @property
    def corpus(self) -> Corpus:
        """The corpus of the live index (or the one given / found on disk before an index is loaded)."""
        index = self._index
        if index is not None:
            return index.corpus
        if self._base_corpus is None:
            self._base_corpus = load_corpus(self.settings.corpus_dir)
        return self._base_corpus

    @property
    def answerer(self) -> Answerer:
        index = self._index
        if index is not None:
            return index.answerer
        if self._base_answerer is None:
            self._base_answerer = make_answerer(self.settings, corpus=self.corpus)
        return self._base_answerer

    @property
    def glossary(self) -> Glossary:
        index = self._index
        return index.glossary if index is not None else Glossary(self.corpus.glossary)

    def _corpus_for(self, version: str, manifest: IndexManifest) -> Corpus:
        """The corpus the version was built from: the one at hand if it matches, else the version's snapshot."""
        base = self._base_corpus
        if base is None and (self.settings.corpus_dir / "faq.yaml").is_file():
            base = self._base_corpus = load_corpus(self.settings.corpus_dir)
        if base is not None and base.content_hash == manifest.corpus_hash:
            return base
        current = self._index
        if current is not None and current.corpus.content_hash == manifest.corpus_hash:
            return current.corpus
        blob = self.store.snapshot(version)
        if blob is None:  # an index built before snapshots travelled with it
            raise IndexNotReady(
                "Indeksen er bygget fra et annet korpus enn det tjenesten har lastet. Kjør `hms ingest`.",
                code="index_stale_corpus",
            )
        try:
            return load_snapshot(blob, expected_hash=manifest.corpus_hash)
        except (CorpusError, ValueError, OSError) as exc:
            raise IndexNotReady(
                f"Korpuset i indeksen {version} kan ikke leses ({exc}).", code="index_corrupt"
            ) from exc

    def _load(self, version: str) -> LoadedIndex:
        manifest = self.store.manifest(version)
        if manifest.model != self.embedder.name:
            raise IndexNotReady(
                f"Indeksen er bygget med {manifest.model}, men tjenesten bruker {self.embedder.name}. "
                "Kjør `hms ingest` for å bygge den på nytt.",
                code="index_stale_model",
            )
        corpus = self._corpus_for(version, manifest)
        collection = self.store.open(version)
        records = self.store.read_all(collection, embeddings=True)
        if len(records) != manifest.chunk_count:
            raise IndexNotReady(
                f"Indeksen {version} er ufullstendig ({len(records)} av {manifest.chunk_count} biter).",
                code="index_corrupt",
            )
        retriever = HybridRetriever(
            corpus=corpus, collection=collection, records=records, embedder=self.embedder, fusion=self.fusion
        )
        if corpus is self._base_corpus and self._base_answerer is not None:
            answerer = self._base_answerer
        else:
            answerer = self._given_answerer or make_answerer(self.settings, corpus=corpus)
        return LoadedIndex(version, manifest, retriever, corpus, answerer, Glossary(corpus.glossary))

    def _load_in_background(self, version: str) -> None:
        """Load a newer version beside the live one and swap both (index and corpus) in one assignment;
        requests keep being answered from the live pair meanwhile."""
        failed = self._failed_load
        if self._loading == version or (failed and failed[0] == version and time.monotonic() < failed[1]):
            return
        self._loading = version

        def load() -> None:
            try:
                loaded = self._load(version)
                old, self._index = self._index, loaded
                index_swapped(old.version if old else None, version)
                log.info("index swapped", extra={"index_version": version})
            except Exception:  # the live index keeps serving; this version is tried again a little later
                self._failed_load = (version, time.monotonic() + RETRY_FAILED_LOAD_S)
                log.exception("loading index version %s failed", version)
            finally:
                self._loading = None

        threading.Thread(target=load, name=f"hms-load-{version}", daemon=True).start()

    def refresh(self, *, force: bool = False) -> LoadedIndex:
        """The live index, checking the store for a new version about once a second (``force``: now).

        One thread asks the store at a time and the others never wait for it: they answer from the live
        index, or fail at once with the last failure (a hung store costs one timeout, not a queue).
        A new version is loaded in the background and swapped in when complete. Raises IndexNotReady."""
        due = force or time.monotonic() - self._checked_at >= RELOAD_CHECK_S
        if not due:
            if self._failure is not None:
                raise self._failure
            if self._index is not None:
                return self._index
        first = self._index is None and self._failure is None
        if not self._check_lock.acquire(blocking=first):
            if self._failure is not None:
                raise self._failure
            if self._index is not None:
                return self._index
            self._check_lock.acquire()
        try:
            return self._check()
        finally:
            self._check_lock.release()

    def _check(self) -> LoadedIndex:
        self._checked_at = time.monotonic()
        try:
            version = self.store.current_version()
            if version is None:
                raise IndexNotReady("Det finnes ingen indeks ennå. Kjør `hms ingest`.", code="index_missing")
            if self._index is None:
                self._index = self._load(version)
                index_swapped(None, version)
                log.info("index loaded", extra={"index_version": version})
            elif self._index.version != version:
                self._load_in_background(version)
            self._failure = None
            return self._index
        except IndexNotReady as exc:
            if exc.code == "chroma_unreachable":
                STORE_ERRORS.labels(store="chroma").inc()
                if self._index is not None:  # its vectors are in memory: keep answering from the live version
                    log.warning("store unreachable; answering from index version %s", self._index.version)
                    self._failure = None
                    return self._index
            self._failure = exc
            raise
        except Exception as exc:  # a broken store must not crash the service
            log.exception("index check failed")
            self._failure = IndexNotReady(
                f"Indeksen kan ikke leses ({type(exc).__name__}).", code="index_corrupt"
            )
            raise self._failure from exc

    def readiness(self) -> tuple[bool, str, str | None]:
        """(ready, reason, index version) for /readyz."""
        try:
            index = self.refresh(force=True)
            return True, "ok", index.version
        except IndexNotReady as exc:
            return False, exc.reason, None


def make_answerer(settings: Settings, *, corpus: Corpus) -> Answerer:
    """The extractive answerer, or the LLM answerer when HMS_LLM is set (its model is built now, so a bad
    HMS_LLM fails at start with assistant.llm.provider.LLMConfigError)."""
    if not settings.llm:
        return ExtractiveAnswerer(corpus=corpus)
    from assistant.llm.answerer import LLMAnswerer  # LangChain is imported only when an LLM is configured

    return LLMAnswerer.from_settings(settings, corpus=corpus)
