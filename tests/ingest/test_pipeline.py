"""Incremental, atomic ingestion into a persistent Chroma index (hash embedder: fast and deterministic)."""

import json
import shutil
from pathlib import Path

import pytest

from assistant.index.errors import IndexNotReady
from assistant.index.versions import IndexStore
from assistant.retrieval.embeddings import HashEmbedder
from assistant.service import Assistant
from assistant.sources.corpus import load_corpus
from ingest.pipeline import ingest
from tests.conftest import CORPUS_DIR, make_settings

AML = "LOV-2005-06-17-62"


@pytest.fixture
def workspace(tmp_path):
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, corpus_dir, ignore=shutil.ignore_patterns("found", "seed"))
    settings = make_settings(corpus_dir=corpus_dir, data_dir=tmp_path / "data", embedding_model="hash/64")
    store = IndexStore(index_dir=settings.index_dir)
    return settings, store


def run(settings, store, **kwargs):
    return ingest(
        load_corpus(settings.corpus_dir),
        store=store,
        embedder=HashEmbedder(64),
        log=lambda _m: None,
        **kwargs,
    )


def edit_section(corpus_dir: Path, section: str, old: str, new: str) -> None:
    path = corpus_dir / "laws" / f"{AML}.json"
    law = json.loads(path.read_text(encoding="utf-8"))
    sec = next(s for s in law["sections"] if s["section"] == section)
    sec["text"] = sec["text"].replace(old, new)
    for ledd in sec["ledd"]:
        ledd["text"] = ledd["text"].replace(old, new)
    path.write_text(json.dumps(law, ensure_ascii=False), encoding="utf-8")


def remove_section(corpus_dir: Path, section: str) -> None:
    path = corpus_dir / "laws" / f"{AML}.json"
    law = json.loads(path.read_text(encoding="utf-8"))
    law["sections"] = [s for s in law["sections"] if s["section"] != section]
    path.write_text(json.dumps(law, ensure_ascii=False), encoding="utf-8")


def test_first_ingest_builds_a_version_with_a_manifest(workspace):
    settings, store = workspace
    report = run(settings, store)
    assert report.status == "built" and report.embedded == report.chunks
    manifest = store.manifest(store.current_version())
    corpus = load_corpus(settings.corpus_dir)
    assert manifest.model == "hash/64" and manifest.corpus_hash == corpus.content_hash
    assert manifest.law_versions[AML] == "2026-01-01"
    assert store.open(report.version).count() == report.chunks


def test_unchanged_corpus_is_a_no_op(workspace):
    settings, store = workspace
    first = run(settings, store)
    again = run(settings, store)
    assert again.status == "unchanged" and again.version == first.version and again.embedded == 0


def test_a_changed_section_replaces_only_its_own_chunks(workspace):
    settings, store = workspace
    run(settings, store)
    edit_section(settings.corpus_dir, "6-5", "nødvendig tid", "nødvendig og tilstrekkelig tid")
    report = run(settings, store)
    assert report.status == "built"
    assert report.added_ids and all(f"{AML}/6-5/" in i for i in report.added_ids)
    assert report.removed_ids and all(f"{AML}/6-5/" in i for i in report.removed_ids)
    assert report.embedded == len(report.added_ids) and report.reused == report.chunks - report.embedded
    docs = store.open(report.version).get(where={"section": "6-5"}, include=["documents"])["documents"]
    assert any("nødvendig og tilstrekkelig tid" in d for d in docs)


def test_a_removed_section_disappears(workspace):
    settings, store = workspace
    run(settings, store)
    remove_section(settings.corpus_dir, "6-4")
    report = run(settings, store)
    assert report.removed and not report.added_ids
    assert store.open(report.version).get(where={"section": "6-4"})["ids"] == []


def test_a_failed_ingest_leaves_the_previous_index_serving(workspace, corpus):
    settings, store = workspace
    first = run(settings, store)
    edit_section(settings.corpus_dir, "3-5", "Arbeidsgiver skal", "Arbeidsgiveren skal")

    def crash(_done: int) -> None:
        raise KeyboardInterrupt("killed half-way")

    with pytest.raises(KeyboardInterrupt):
        run(settings, store, after_embed=crash)
    assert store.current_version() == first.version
    assistant = Assistant(
        settings=settings.model_copy(update={"corpus_dir": CORPUS_DIR}),
        corpus=corpus,
        embedder=HashEmbedder(64),
        store=store,
    )
    assert assistant.readiness()[0] is True
    assert run(settings, store).status == "built"


def test_the_service_refuses_an_index_built_with_another_model(workspace):
    settings, store = workspace
    run(settings, store)
    assistant = Assistant(settings=settings, embedder=HashEmbedder(32), store=store)
    with pytest.raises(IndexNotReady) as info:
        assistant.refresh()
    assert info.value.code == "index_stale_model"
    assert "hash/64" in info.value.reason and "hash/32" in info.value.reason


def test_the_service_refuses_an_index_of_another_corpus(workspace):
    settings, store = workspace
    run(settings, store)
    edit_section(settings.corpus_dir, "3-5", "Arbeidsgiver skal", "Arbeidsgiveren skal")
    assistant = Assistant(settings=settings, embedder=HashEmbedder(64), store=store)
    ready, reason, _ = assistant.readiness()
    assert not ready and "annet korpus" in reason


def test_no_index_yet_says_why(workspace):
    settings, store = workspace
    assistant = Assistant(settings=settings, embedder=HashEmbedder(64), store=store)
    ready, reason, version = assistant.readiness()
    assert (ready, version) == (False, None) and "hms ingest" in reason


def test_a_section_that_only_points_to_amendments_elsewhere_is_not_indexed(corpus):
    # aml § 20-3 'Fra lovens ikrafttredelse gjøres følgende endringer i andre lover: – – –' answers nothing
    # (it was quoted for 'hva betyr …'); a look-up still quotes it from the corpus
    from ingest.chunking import law_chunks

    aml = corpus.laws["LOV-2005-06-17-62"]
    sections = {chunk.metadata["section"] for chunk in law_chunks(aml)}
    assert "20-3" not in sections
    assert {"20-1", "20-2", "3-1", "6-2"} <= sections
