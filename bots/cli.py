"""`hms`: ask questions, build the corpus and the index, and serve the front ends."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from pydantic import ValidationError

from assistant.index.errors import IndexNotReady
from assistant.infra.config import get_settings
from assistant.infra.config_errors import settings_problems
from assistant.llm import LLMConfigError
from assistant.question.validation import InvalidQuestion
from assistant.retrieval.embeddings import EmbeddingError
from assistant.sources.corpus import CorpusError
from assistant.types import Answer, LawCitation

EXIT_BAD_INPUT = 2
EXIT_NOT_READY = 3


def render_text(answer: Answer) -> str:
    """The human-readable form of an answer: the short answer, the text, numbered sources, the disclaimer."""
    short = "Short answer" if answer.language == "en" else "Kort svar"
    lines = [f"{short}: {answer.short_answer}", ""] if answer.short_answer and not answer.abstained else []
    lines += [answer.answer, ""]
    if answer.citations or answer.gaps:
        lines.append("Sources:" if answer.language == "en" else "Kilder:")
    for n, c in enumerate(answer.citations, start=1):
        if isinstance(c, LawCitation):
            lines.append(f"  [{n}] {c.ref} – {c.title or ''} ({c.version_date or '?'}) {c.url}")
        else:
            lines.append(f"  [{n}] FAQ: {c.question} ({c.faq_id})")
    for gap in answer.gaps:
        lines.append(f"  [–] {gap.law_name} § {gap.section}: {gap.reason} {gap.url}")
    lines += ["", answer.disclaimer]
    return "\n".join(lines).rstrip()


def _error_json(question: str, code: str, message: str) -> str:
    return json.dumps({"question": question, "error": {"code": code, "message": message}}, ensure_ascii=False)


def cmd_ask(args: argparse.Namespace, out: TextIO) -> int:
    from assistant.service import Assistant

    settings = get_settings()
    try:
        assistant = Assistant(settings=settings)
        assistant.refresh()
    except IndexNotReady as exc:
        print(f"Feil: {exc.reason}", file=sys.stderr)
        return EXIT_NOT_READY
    except (EmbeddingError, LLMConfigError) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return EXIT_NOT_READY
    if args.question == "-":
        status = 0
        for line in sys.stdin:
            question = line.rstrip("\n")
            if not question.strip():
                continue
            try:
                answer = assistant.ask(question)
                out.write(answer.model_dump_json() + "\n" if args.json else render_text(answer) + "\n\n")
            except InvalidQuestion as exc:
                status = EXIT_BAD_INPUT
                out.write(
                    _error_json(question, exc.code, exc.message) + "\n"
                    if args.json
                    else f"Feil: {exc.message}\n"
                )
            out.flush()
        return status
    try:
        answer = assistant.ask(args.question)
    except InvalidQuestion as exc:
        if args.json:
            out.write(_error_json(args.question, exc.code, exc.message) + "\n")
        else:
            print(f"Feil: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    out.write((answer.model_dump_json(indent=2) if args.json else render_text(answer)) + "\n")
    return 0


def cmd_ingest(args: argparse.Namespace, out: TextIO) -> int:
    from ingest.pipeline import ingest_from_settings

    try:
        report = ingest_from_settings(get_settings(), force=args.force)
    except (EmbeddingError, IndexNotReady) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return EXIT_NOT_READY
    except RuntimeError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    out.write(
        f"{report.status}: version {report.version}, {report.chunks} chunks, {report.embedded} embedded, "
        f"{report.reused} reused, {report.removed} removed, {report.seconds:.2f} s\n"
    )
    return 0


def cmd_corpus(args: argparse.Namespace, out: TextIO) -> int:
    from ingest.build_corpus import build

    for path in build(get_settings().corpus_dir):
        out.write(f"wrote {path}\n")
    return 0


def cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    from assistant.service import Assistant

    try:
        assistant = Assistant(settings=get_settings())
    except (EmbeddingError, LLMConfigError) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return EXIT_NOT_READY
    ready, reason, version = assistant.readiness()
    out.write(
        json.dumps({"ready": ready, "reason": reason, "index_version": version}, ensure_ascii=False) + "\n"
    )
    return 0 if ready else EXIT_NOT_READY


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from bots.server import serve

    return serve(get_settings(), host=args.host, port=args.port, workers=args.workers)


def cmd_slack(args: argparse.Namespace, out: TextIO) -> int:
    from bots.server import serve
    from bots.slack.run import main as run_slack

    return run_slack(
        get_settings(),
        serve_http=lambda settings: serve(
            settings, host=settings.host, port=settings.port, workers=settings.workers
        ),
    )


def cmd_audit_export(args: argparse.Namespace, out: TextIO) -> int:
    import csv

    from assistant.infra.state import open_state
    from assistant.infra.state.base import AUDIT_COLUMNS

    rows = open_state(get_settings()).audit_rows()
    target = open(args.output, "w", newline="", encoding="utf-8") if args.output else out
    try:
        # the audit columns, with the time first and the (redacted) question last, as HR reads them
        fields = [
            "created_at",
            *(c for c in AUDIT_COLUMNS if c not in ("created_at", "question")),
            "question",
        ]
        writer = csv.DictWriter(target, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            row["created_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(row["created_at"]))
            writer.writerow(row)
    finally:
        if args.output:
            target.close()
    print(f"{len(rows)} rader eksportert.", file=sys.stderr)
    return 0


def cmd_purge(args: argparse.Namespace, out: TextIO) -> int:
    from assistant.infra.state import open_state

    settings = get_settings()
    storage = open_state(settings)
    days = args.days if args.days is not None else settings.retention_days
    deleted = storage.purge(older_than_s=days * 86400)
    out.write(f"Slettet {deleted} rader eldre enn {days} dager.\n")
    return 0


def cmd_db(args: argparse.Namespace, out: TextIO) -> int:
    """`hms db upgrade` applies pending schema migrations; `hms db status` shows the schema version."""
    from assistant.infra.state import StateUnavailable, open_backend
    from assistant.infra.state.migrate import latest

    backend = open_backend(get_settings())
    try:
        if backend.kind != "postgres":
            backend.ping()  # SQLite migrates itself on first use
            out.write(f"SQLite: skjemaversjon {latest('sqlite')} (oppdateres automatisk).\n")
            return 0
        from assistant.infra.state.postgres import PostgresBackend

        assert isinstance(backend, PostgresBackend)
        if args.db_command == "upgrade":
            for name in backend.upgrade():
                out.write(f"applied {name}\n")
        current, wanted = backend.schema_version(), latest("postgres")
        out.write(f"PostgreSQL {backend.where}: skjemaversjon {current} av {wanted}.\n")
        return 0 if current >= wanted else EXIT_NOT_READY
    except StateUnavailable as exc:
        print(f"Feil: databasen kan ikke nås ({exc}).", file=sys.stderr)
        return EXIT_NOT_READY
    finally:
        backend.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hms", description="HMS-assistenten")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer a question ('-' reads one question a line from stdin)")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON (one object a line for -)")
    ask.set_defaults(func=cmd_ask)
    ing = sub.add_parser("ingest", help="build or update the index (a no-op when nothing changed)")
    ing.add_argument("--force", action="store_true", help="rebuild even if the index is up to date")
    ing.set_defaults(func=cmd_ingest)
    corpus = sub.add_parser("corpus", help="normalize corpus/laws/found/ into corpus/laws/ and the manifest")
    corpus.set_defaults(func=cmd_corpus)
    status = sub.add_parser("status", help="is the index ready, and why not")
    status.set_defaults(func=cmd_status)
    serve = sub.add_parser("serve", help="serve the web chat and HTTP API (uvicorn)")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--workers", type=int, default=None)
    serve.set_defaults(func=cmd_serve)
    slack = sub.add_parser("slack", help="run the Slack bot (Socket Mode unless HMS_SLACK_MODE=http)")
    slack.set_defaults(func=cmd_slack)
    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    export = audit_sub.add_parser("export", help="export the audit trail as CSV (HR)")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.set_defaults(func=cmd_audit_export)
    purge = sub.add_parser(
        "purge", help="delete stored feedback, conversations and audit rows past retention"
    )
    purge.add_argument("--days", type=int, default=None, help="default: HMS_RETENTION_DAYS")
    purge.set_defaults(func=cmd_purge)
    db = sub.add_parser("db", help="the state database (SQLite, or PostgreSQL with HMS_DATABASE_URL)")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply pending schema migrations").set_defaults(func=cmd_db)
    db_sub.add_parser("status", help="show the schema version").set_defaults(func=cmd_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from assistant.infra.logs import configure_logging

    configure_logging(logging.INFO if args.verbose else logging.WARNING)
    try:
        get_settings()  # every command needs them: a bad setting stops here, one line per variable
        return int(args.func(args, sys.stdout))
    except ValidationError as exc:
        for line in settings_problems(exc):
            print(f"Feil: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except CorpusError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return EXIT_NOT_READY
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
