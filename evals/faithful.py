"""Faithful scripted generations: answers written only from the sources in a prompt, with correct ids, in the
question's language, in a few styles a model might use. They are what "a correct answer" means for the
scripted server (evals/testing/scripted_llm.py) and for the false-reject measurement (evals/false_rejects.py).

Styles:
- quote: a lead-in and the source's first sentence in «», per source (English lead-ins for English);
- lead: Norwegian: the source's sentences in the answer's own words ("Etter aml § 3-5 (1) skal ..."), i.e.
  copied without quotation marks; English: "According to ..., «...»";
- pinpoint: like quote, naming the § and the ledd of a law source in words ("første ledd", "first
  paragraph") as the citation record has them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

SOURCE = re.compile(r'<source id="(S\d+)" kind="(\w+)"([^>]*)>\n(.*?)\n</source>', re.DOTALL)
REF_ATTR = re.compile(r'ref="([^"]*)"')
REF_PARTS = re.compile(
    r"^(?P<law>.+?) § (?P<section>[\w -]+?)(?: \((?P<ledd>\d+)\))?(?: (?P<letter>[a-z]))?$"
)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"(])")
STYLES = ("quote", "lead", "pinpoint")
MAX_WORDS = 40
ORDINAL = {
    "nb": ["første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende"],
    "en": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"],
}
NOTHING = {"nb": "Kildene svarer ikke på dette.", "en": "The sources do not answer this."}


@dataclass(frozen=True)
class PromptSource:
    id: str
    kind: str  # faq | law
    ref: str  # "aml § 3-5 (1)" for a law source
    text: str


def parse_sources(prompt: str) -> list[PromptSource]:
    """The <source> blocks of an answer prompt, unescaped and with whitespace squeezed."""
    out = []
    for sid, kind, attrs, body in SOURCE.findall(prompt):
        text = re.sub(r"\s+", " ", html.unescape(body).replace("•", " ")).strip()
        ref = html.unescape(m.group(1)) if (m := REF_ATTR.search(attrs)) else ""
        out.append(PromptSource(sid, kind, ref, text))
    return out


def first_sentences(text: str, n: int) -> list[str]:
    """Up to n sentences, each cut to MAX_WORDS words, without their final stop."""
    return [" ".join(s.split()[:MAX_WORDS]).rstrip(".!?:;, ") for s in SENTENCE.split(text)[:n] if s.strip()]


def _pinpoint(ref: str, lang: str) -> str:
    """'aml § 3-5 (1)' -> 'aml § 3-5 første ledd' ('first paragraph' in English)."""
    m = REF_PARTS.match(ref)
    if not m or not m.group("ledd") or int(m.group("ledd")) > len(ORDINAL[lang]):
        return ref
    ordinal = ORDINAL[lang][int(m.group("ledd")) - 1]
    words = f"{ordinal} ledd" if lang == "nb" else f"{ordinal} paragraph"
    letter = f" {'bokstav' if lang == 'nb' else 'letter'} {m.group('letter')}" if m.group("letter") else ""
    return f"{m.group('law')} § {m.group('section')} {words}{letter}"


def _law(source: PromptSource, sentence: str, style: str, lang: str) -> str:
    ref = _pinpoint(source.ref, lang) if style == "pinpoint" else source.ref
    if lang == "en":
        lead = "According to" if style == "lead" else "Under"
        return f"{lead} {ref} (Norwegian text): «{sentence}» [{source.id}]."
    if style == "lead":
        return f"Etter {ref} gjelder dette: {sentence} [{source.id}]."
    return f"Etter {ref}: «{sentence}» [{source.id}]."


def _faq(source: PromptSource, sentences: list[str], style: str, lang: str) -> list[str]:
    if lang == "en":
        return [f"HMS Kontoret's FAQ says: «{s}» [{source.id}]." for s in sentences[:1]]
    if style == "quote":
        return [f"HMS Kontoret skriver: «{s}» [{source.id}]." for s in sentences[:1]]
    return [f"{s} [{source.id}]." for s in sentences]


def write(prompt: str, *, lang: str, style: str = "quote", max_sources: int = 3) -> str:
    """A correct answer to an answer prompt, from its first ``max_sources`` sources."""
    parts: list[str] = []
    for source in parse_sources(prompt)[:max_sources]:
        chosen = first_sentences(source.text, 2)
        if not chosen:
            continue
        if source.kind == "law":
            parts.append(_law(source, chosen[0], style, lang))
        else:
            parts.extend(_faq(source, chosen, style, lang))
    return " ".join(parts) or NOTHING[lang]
