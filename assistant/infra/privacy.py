"""Privacy helpers: redact personal identifiers before anything is stored, and pseudonymize user ids."""

from __future__ import annotations

import hashlib
import hmac
import re

# Norwegian fødselsnummer / D-number: 11 digits, optionally written 6+5 with a space or dot.
_FNR = re.compile(r"(?<!\d)(\d{6})[\s.]?(\d{5})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Norwegian phone numbers: 8 digits, in groups, optionally with +47/0047.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)47[\s-]?)?(?:\d{2}[\s-]?){3}\d{2}(?!\d)|(?<![\w+])(?:(?:\+|00)47[\s-]?)?\d{3}[\s-]?\d{2}[\s-]?\d{3}(?!\d)"
)


def redact(text: str) -> str:
    """Replace fødselsnummer-like numbers, e-mail addresses and phone numbers with placeholders."""
    text = _EMAIL.sub("[e-post]", text)
    text = _FNR.sub("[fødselsnummer]", text)
    return _PHONE.sub("[telefon]", text)


def pseudonym(user: str, key: str) -> str:
    """A stable keyed hash of a user id (IP address, Slack user) that cannot be reversed without the key."""
    return hmac.new(key.encode(), user.encode(), hashlib.sha256).hexdigest()[:16]
