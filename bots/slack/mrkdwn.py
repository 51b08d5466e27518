"""The one place that turns text into Slack mrkdwn, and Slack message text back into a plain question.

Everything the bot posts goes through `to_mrkdwn` (answers, quotes, questions) or `escape` / `link`
(labels). `&`, `<` and `>` are always escaped, so `<!channel>`, `<!here>`, `<@U…>` and `<url|label>` in an
answer or a quote reach Slack as literal text: they can never ping anyone or break the message. Bare
`@channel`/`@here`/`@everyone` get an invisible zero-width space, in case a workspace enables name linking.
Markdown (as an LLM may write it) becomes mrkdwn: **bold** -> *bold*, *italic* -> _italic_, ~~x~~ -> ~x~,
[label](url) -> <url|label>, # headings -> bold lines, "- " / "* " lists -> "• ". Bare URLs are linked
explicitly, since the blocks are sent with `verbatim: true` (Slack's own auto-parsing off).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

ZWSP = "\u200b"
_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)

_URL_SAFE = ":/?#[]@!$'()*+,;=%-._~&"
_TRAILING_PUNCT = ".,;:!?)»'\""

_INLINE = re.compile(
    r"(?P<code>`[^`\n]+`)"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<href>https?://[^\s)]+)\)"
    r"|<(?P<auto>https?://[^\s<>|]+)>"
    r"|(?P<url>https?://[^\s<>|«»\"]+)"
    r"|\*\*(?P<bold>[^\n]+?)\*\*"
    r"|(?<!\w)__(?P<bold2>[^\n]+?)__(?!\w)"
    r"|~~(?P<strike>[^\n]+?)~~"
    r"|(?<![\w*])\*(?P<em>[^\s*](?:[^*\n]*[^\s*])?)\*(?![\w*])"
    r"|(?<![\w_])_(?P<em2>[^\s_](?:[^_\n]*[^\s_])?)_(?![\w_])"
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_FENCE = re.compile(r"^\s*```")

# Incoming Slack markup: <@U123>, <@U123|name>, <#C123|name>, <!here>, <!subteam^S1|@team>, <url|label>.
_SLACK_TOKEN = re.compile(r"<([@#!]?)([^<>|]*)(?:\|([^<>]*))?>")


def escape(text: str) -> str:
    """Plain text as literal mrkdwn: & < > escaped, broadcast words defused."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: f"@{ZWSP}{m.group(1)}", text)


def safe_url(url: str) -> str | None:
    """An http(s) URL fit for Slack's <url|label> syntax (percent-encoded, & escaped), else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. a malformed IPv6 host: "http://["
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=_URL_SAFE).replace("&", "&amp;")


def link(url: str, label: str) -> str:
    """A Slack link; the label is escaped, and a URL that is not http(s) gives the label alone."""
    target = safe_url(url)
    text = escape(label).replace("|", "\u2223")
    return f"<{target}|{text}>" if target else text


def url_label(url: str) -> str:
    """The URL without its scheme, as a readable link label."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _bare_url(url: str) -> tuple[str, str]:
    """Split trailing punctuation off a bare URL (a sentence's full stop is not part of it)."""
    tail = ""
    while url and url[-1] in _TRAILING_PUNCT:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        tail = url[-1] + tail
        url = url[:-1]
    return url, tail


def inline(text: str) -> str:
    """One line of Markdown/plain text as mrkdwn (emphasis, links and code; everything else escaped)."""
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append(escape(text[pos : m.start()]))
        pos = m.end()
        kind = str(m.lastgroup)
        if kind == "code":
            out.append(f"`{escape(m.group('code')[1:-1])}`")
        elif kind in ("label", "href"):
            out.append(link(m.group("href"), m.group("label")))
        elif kind == "auto":
            out.append(link(m.group("auto"), url_label(m.group("auto"))))
        elif kind == "url":
            url, tail = _bare_url(m.group("url"))
            out.append(link(url, url_label(url)) + escape(tail))
        elif kind in ("bold", "bold2"):
            out.append(f"*{inline(m.group(kind))}*")
        elif kind == "strike":
            out.append(f"~{inline(m.group('strike'))}~")
        else:  # em, em2
            out.append(f"_{inline(m.group(kind))}_")
    out.append(escape(text[pos:]))
    return "".join(out)


def to_mrkdwn(text: str) -> str:
    """Markdown or plain text (answers, quotes) as Slack mrkdwn. Lines are kept; «…» quote lines that
    start a line are shown as a Slack block quote."""
    lines: list[str] = []
    in_code = in_quote = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
            lines.append("```")
            continue
        if in_code:
            lines.append(escape(line))
            continue
        stripped = line.strip()
        if not stripped:
            in_quote = False
            lines.append("")
            continue
        if stripped.startswith("«"):
            in_quote = True
        if in_quote:
            lines.append("> " + inline(stripped))
            in_quote = not stripped.rstrip(".,;:").endswith("»")
        elif m := _HEADING.match(line):
            lines.append(f"*{inline(m.group(1))}*")
        elif m := _BULLET.match(line):
            lines.append(f"{m.group(1)}• {inline(m.group(2))}")
        elif m := _BLOCKQUOTE.match(line):
            lines.append("> " + inline(m.group(1)))
        else:
            lines.append(inline(line))
    return "\n".join(lines)


def split_mrkdwn(text: str, *, limit: int = 3000) -> list[str]:
    """`to_mrkdwn(text)` in pieces of at most `limit` characters, split at paragraphs, then lines, then
    words of the source text (so no link or entity is ever cut in half)."""
    pieces: list[str] = []
    current = ""

    def add(unit: str, sep: str) -> None:
        nonlocal current
        if not unit:
            return
        joined = f"{current}{sep}{unit}" if current else unit
        if len(joined) <= limit:
            current = joined
            return
        if current:
            pieces.append(current)
        current = unit

    for paragraph in re.split(r"\n{2,}", text.strip()):
        converted = to_mrkdwn(paragraph)
        if len(converted) <= limit:
            add(converted, "\n\n")
            continue
        first = True
        for line in _fit_lines(paragraph, limit):
            add(line, "\n\n" if first else "\n")
            first = False
    if current:
        pieces.append(current)
    return pieces


def _fit_lines(paragraph: str, limit: int) -> list[str]:
    """The converted lines of one long paragraph, with any line over the limit split between words."""
    out: list[str] = []
    for converted, source in zip(to_mrkdwn(paragraph).split("\n"), paragraph.split("\n"), strict=True):
        if len(converted) <= limit:
            out.append(converted)
            continue
        prefix = "> " if converted.startswith("> ") else ""
        if prefix and (m := _BLOCKQUOTE.match(source)) and not source.lstrip().startswith("«"):
            source = m.group(1)
        chunk: list[str] = []
        for word in source.split(" "):
            trial = prefix + inline(" ".join([*chunk, word]).strip())
            if chunk and len(trial) > limit:
                out.append(prefix + inline(" ".join(chunk).strip()))
                chunk = [word]
            else:
                chunk.append(word)
        if chunk:
            out.append(prefix + inline(" ".join(chunk).strip()))
    return out


def from_slack(text: str, *, bot_user_id: str | None = None) -> str:
    """Slack message text as a plain question: the bot's own mention removed, other mentions, channels
    and links as their readable names, entities unescaped."""

    def replace(m: re.Match[str]) -> str:
        sigil, target, label = m.group(1), m.group(2), m.group(3)
        if sigil == "@":
            if bot_user_id and target == bot_user_id:
                return ""
            return f"@{label or target}"
        if sigil == "#":
            return f"#{label or 'kanal'}"
        if sigil == "!":
            if label:
                return label
            return f"@{target.split('^')[0]}"
        return label or re.sub(r"^mailto:", "", target)

    text = _SLACK_TOKEN.sub(replace, text or "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]+", " ", text).strip()
