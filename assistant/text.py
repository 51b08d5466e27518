"""Text helpers shared by retrieval and answers: normalization, Norwegian stemming, language guess."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator

import Stemmer

_WORD = re.compile(r"[0-9a-zæøåéü]+(?:-[0-9a-zæøåéü]+)*", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

NO_STOPWORDS = frozenset(
    """og i jeg det at en et den til er som på de med han av ikke der så var meg seg men ett har om vi min
    mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her
    alle vil bli ble blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned skulle denne for
    deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke
    sånn inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden
    dykk dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss
    hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon noka
    nokor noko nokre sia sidan so somt somme um upp vere vore verte vort varte vart må får få gjøre gjør
    trenger trengs egentlig liksom altså jo vel nok""".split()
)
EN_STOPWORDS = frozenset(
    """a an the is are am was were be been do does did i you he she we they it my our your their me us him
    her them what which who whom this that these those of in on at to for from with by about as into
    through during before after above below up down out off over under again further then once here there
    when where why how all any both each few more most other some such no nor not only own same so than too
    very can will just should now need needs have has had must if or and but""".split()
)
LOOKUP_WORDS = frozenset(
    """hva står vis les sier si siter sitat innhold innholdet innholdsfortegnelse innholdsfortegnelsen ordlyd
    teksten tekst gjengi paragraf paragrafen paragrafene paragrafer bestemmelse bestemmelsen bestemmelsene lovteksten loven lov kapittel
    kapitlet kap oversikt meg gi finn slå opp what says show read quote text section contents chapter law act""".split()
)


_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    """One stemmer per thread (PyStemmer, the C Snowball): a stemmer object is not safe to share between
    threads. Each keeps a cache of the words it has stemmed."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("norwegian", 20_000)
    return stemmer


def clean_question(text: str) -> str:
    """NFC-normalize, drop control characters, turn non-breaking spaces into spaces, squeeze whitespace."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = _CONTROL.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(clean_question(text))]


def split_compound_hyphens(tokens: list[str]) -> list[str]:
    """'hms-kurs' -> 'hms-kurs', 'hms', 'kurs' (the parts help BM25; section numbers keep their hyphen)."""
    out = []
    for token in tokens:
        out.append(token)
        if "-" in token and not token[0].isdigit():
            out.extend(part for part in token.split("-") if part)
    return out


def stems(text: str) -> list[str]:
    """BM25 tokens: lower-cased words minus stopwords, hyphen parts added, Norwegian Snowball stems."""
    tokens = split_compound_hyphens(words(text))
    tokens = [t for t in tokens if t not in NO_STOPWORDS and t not in EN_STOPWORDS]
    return _stemmer().stemWords(tokens)


# Abbreviations after which a full stop does not end a sentence (legal text and everyday Norwegian).
_ABBREVIATIONS = frozenset(
    "jf nr pkt bl.a f.eks ca kr dvs mv m.v osv o.l etc evt ev pga iht inkl ref vedr tlf mr dr jfr. nb".split()
)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"«(]?[A-ZÆØÅ0-9§])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence ("punktum") of a text: a full stop, question or exclamation mark followed
    by a space and a capital letter, a digit or "§" ends one, except after an abbreviation ("jf.", "nr.")."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        word = (
            text[start : match.start()].rsplit(None, 1)[-1].lower()
            if text[start : match.start()].strip()
            else ""
        )
        if word.rstrip(".") in _ABBREVIATIONS or word in _ABBREVIATIONS or len(word) == 1:
            continue
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def lead_sentences(text: str, *, max_chars: int = 280, max_sentences: int = 2) -> str:
    """The first sentence or two of a text, for a short answer; never cut inside a sentence (one long first
    sentence is kept whole)."""
    spans = sentence_spans(text.strip())
    if not spans:
        return text.strip()
    body = text.strip()
    end = spans[0][1]
    for _, stop in spans[1:max_sentences]:
        if stop > max_chars:
            break
        end = stop
    return body[:end].strip()


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "AE", "Ø": "O", "Å": "A"})


def fold_letters(text: str) -> str:
    """The text as typed without æ, ø and å ("nar gar neste kurs"); case kept."""
    return text.translate(_FOLD)


def guess_language(text: str) -> str:
    """'en' when the question reads as English, else 'nb'."""
    tokens = [t for t in words(text) if len(t) > 1]  # 'a' and 'i' are both languages' (and § letters)
    if not tokens:
        return "nb"
    english = sum(t in EN_STOPWORDS for t in tokens)
    norwegian = sum(t in NO_STOPWORDS for t in tokens) + sum(any(c in t for c in "æøå") for t in tokens)
    return "en" if english > norwegian else "nb"


def split_for_streaming(text: str, size: int = 40) -> Iterator[str]:
    """Word-boundary pieces of about ``size`` characters that join back to exactly ``text``."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            space = text.rfind(" ", start + 1, end + 1)
            end = space + 1 if space > start else end
        yield text[start:end]
        start = end
