"""How often verification rejects a correct answer: faithful scripted generations (evals/faithful.py, three
styles) written from the evidence retrieval finds for the dev split's questions (never the test split), run
through the same check the LLM answerer runs. Also the time that check adds per generation, and how many dev
questions the injection guard would refuse.

`python -m evals.false_rejects` writes evals/reports/false-rejects.md and .json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.evidence.select import Thresholds, select_evidence
from assistant.formatting import Lang
from assistant.infra.config import Settings, get_settings
from assistant.infra.stats import percentile
from assistant.llm.answer_text import clean_body
from assistant.llm.answerer import needs_generation
from assistant.llm.checks import Verifier
from assistant.llm.injection import is_injection
from assistant.llm.prompts import ANSWER_HUMAN, answer_inputs, sources_for
from assistant.service import Assistant
from assistant.text import clean_question, guess_language
from evals.datasets import dev_only, load_split
from evals.faithful import STYLES, write

REPORTS = Path(__file__).resolve().parent / "reports"


def measure(assistant: Assistant, settings: Settings) -> dict[str, Any]:
    """Every dev question the sources answer, each answered faithfully in every style, then verified."""
    corpus = assistant.corpus
    verifier = Verifier(corpus)
    items = dev_only(load_split("dev"))
    rejected: list[dict[str, Any]] = []
    kinds: Counter[str] = Counter()
    times: list[float] = []
    skipped = 0
    for item in (i for i in items if i.expect == "answer"):
        question = clean_question(item.question)
        lang: Lang = "en" if guess_language(question) == "en" else "nb"
        result = assistant.retrieve(question)
        evidence = select_evidence(corpus, result, Thresholds())
        if not needs_generation(evidence):
            skipped += 1
            continue
        sources = sources_for(evidence, corpus)
        prompt = ANSWER_HUMAN.format(**answer_inputs(result.question, sources, lang))
        for style in STYLES:
            text = clean_body(write(prompt, lang=lang, style=style))
            started = time.perf_counter()
            asked = f"{question}\n{result.question}"
            cap = settings.llm_max_answer_chars
            problems = verifier.check(
                text, sources, question=asked, lang=lang, gaps=evidence.gaps, max_chars=cap
            )
            times.append((time.perf_counter() - started) * 1000)
            if problems:
                kinds.update({p.kind for p in problems})
                rejected.append(
                    {"id": item.id, "style": style, "text": text, "problems": [p.message for p in problems]}
                )
    # Injection attempts written into the dev split's out-of-scope set are meant to be refused; every other
    # dev question must not be.
    refused = [i.id for i in items if i.kind != "injection" and is_injection(i.question)]
    n = len(times)
    return {
        "split": "dev",
        "questions": sum(1 for i in items if i.expect == "answer"),
        "questions_not_generated": skipped,
        "generations": n,
        "styles": list(STYLES),
        "false_rejects": len(rejected),
        "false_reject_rate": len(rejected) / n if n else 0.0,
        "problems": dict(kinds),
        "rejected": rejected,
        "verify_ms_p50": percentile(times, 0.5),
        "verify_ms_p95": percentile(times, 0.95),
        "verify_ms_max": max(times, default=0.0),
        "dev_questions": sum(1 for i in items if i.kind != "injection"),
        "dev_questions_refused_as_injection": refused,
    }


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Verification false rejects (dev split, scripted faithful generations)",
        "",
        f"{report['generations']} correct generations: {report['questions'] - report['questions_not_generated']} "
        f"dev questions the sources answer (of {report['questions']}; the rest never reach the LLM) × "
        f"{len(report['styles'])} styles ({', '.join(report['styles'])}; see `evals/faithful.py`). They quote or "
        "copy the sources with correct ids, in the question's language: they measure the checks on faithful "
        "text, not a real model's paraphrases.",
        "",
        "| Figure | Value |",
        "|---|---|",
        f"| **False-reject rate** | {report['false_reject_rate']:.1%} ({report['false_rejects']} of "
        f"{report['generations']}) |",
        f"| Problems found in correct generations | {json.dumps(report['problems'])} |",
        f"| **Verification time per generation** | p50 {report['verify_ms_p50']:.2f} ms, p95 "
        f"{report['verify_ms_p95']:.2f} ms, max {report['verify_ms_max']:.2f} ms |",
        f"| Dev questions refused as injection attempts | {len(report['dev_questions_refused_as_injection'])} of "
        f"{report['dev_questions']} |",
        "",
    ]
    if report["rejected"]:
        lines += ["## Rejected correct generations", ""]
        lines += [f"- `{r['id']}` ({r['style']}): {'; '.join(r['problems'])}" for r in report["rejected"]]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure verification false rejects on the dev split")
    parser.add_argument("--out", type=Path, default=REPORTS)
    args = parser.parse_args(argv)
    settings = get_settings().model_copy(update={"llm": None})
    assistant = Assistant(settings=settings)
    assistant.refresh()
    report = measure(assistant, settings)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "false-rejects.md").write_text(markdown(report), encoding="utf-8")
    (args.out / "false-rejects.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    print(f"false-reject rate {report['false_reject_rate']:.1%} of {report['generations']}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
