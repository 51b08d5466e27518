"""The answer's language and its links: it is written in the question's language (quotes of the Norwegian
sources aside), and every link, web address or e-mail domain in it comes from our own records."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from assistant.formatting import ARBEIDSTILSYNET, Lang
from assistant.llm.prompts import Source
from assistant.llm.units import URL, Problem, sentences, unquoted
from assistant.text import EN_STOPWORDS, NO_STOPWORDS, words
from assistant.types import Gap

NB_ONLY = NO_STOPWORDS - EN_STOPWORDS
EN_ONLY = EN_STOPWORDS - NO_STOPWORDS
TLDS = (
    "no|com|org|net|eu|io|info|biz|example|test|invalid|localhost|se|dk|fi|is|uk|de|fr|nl|es|it|us|gov|edu|"
    "int|co|app|dev|ai|me|tv|online|site|shop|store|xyz|website|link|click|kurs|courses|academy"
)
DOMAIN = re.compile(
    rf"(?<![\w@./-])(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{TLDS})(?![\w-])(?:/[^\s\])>«»\"]*)?",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,})", re.IGNORECASE)
OTHER_SENTENCE = 4  # a sentence with this many of the other language's function words and at most one of ours


def _count(text: str) -> tuple[int, int]:
    tokens = words(text)
    return sum(t in NB_ONLY for t in tokens), sum(t in EN_ONLY for t in tokens)


def language_problems(text: str, lang: Lang) -> list[Problem]:
    """The answer's own words (not its quotes) read as the question's language, sentence by sentence."""
    nb_total = en_total = 0
    for sentence in sentences(unquoted(text)):
        nb, en = _count(sentence)
        nb_total, en_total = nb_total + nb, en_total + en
        same, other = (nb, en) if lang == "nb" else (en, nb)
        if other >= OTHER_SENTENCE and same <= 1:
            return [_wrong(lang, sentence)]
    same, other = (nb_total, en_total) if lang == "nb" else (en_total, nb_total)
    if other >= 3 and other > same:
        return [_wrong(lang, None)]
    return []


def _wrong(lang: Lang, sentence: str | None) -> Problem:
    wanted = "Norwegian bokmål" if lang == "nb" else "English"
    where = f' The sentence "{sentence[:100]}" is not.' if sentence else ""
    return Problem("wrong_language", f"It is not written in {wanted}, the language of the question.{where}")


def _host(url: str) -> str:
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.")


def allowed_links(cited: Iterable[Source], gaps: Iterable[Gap]) -> set[str]:
    """The links of our own records: the cited sources' links and those in their text, gaps, Arbeidstilsynet."""
    urls = {ARBEIDSTILSYNET, *(g.url for g in gaps)}
    for source in cited:
        if source.law is not None:
            urls.add(source.law.url)
        urls.update(u.rstrip(".,;:") for u in URL.findall(source.text))
        urls.update(m.group(0).rstrip(".,;:") for m in DOMAIN.finditer(URL.sub(" ", source.text)))
        urls.update(m.group(0) for m in EMAIL.finditer(source.text))
    return urls


def link_problems(text: str, cited: list[Source], gaps: Iterable[Gap] = ()) -> list[Problem]:
    allowed = allowed_links(cited, gaps)
    hosts = {_host(u.split("@")[-1]) for u in allowed}
    problems = []
    for url in URL.findall(text):
        if url.rstrip(".,;:") not in allowed:
            problems.append(Problem("unknown_url", f"It links to {url}, which is not a cited source's link."))
    rest = URL.sub(" ", text)
    for match in EMAIL.finditer(rest):
        if match.group(0) not in allowed and _host(match.group(1)) not in hosts:
            problems.append(
                Problem("unknown_url", f"It gives the address {match.group(0)}, which no source has.")
            )
    for match in DOMAIN.finditer(EMAIL.sub(" ", rest)):
        if _host(match.group(0)) not in hosts:
            problems.append(
                Problem(
                    "unknown_url", f"It names the web address {match.group(0)}, which no cited source has."
                )
            )
    return problems
