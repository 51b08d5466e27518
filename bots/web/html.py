"""A small HTML builder for the server-rendered pages (the law reader, the answer page without JavaScript).

Every string is escaped unless it is already `Markup`; attributes are escaped too. No template engine: the
pages are small, and a builder cannot forget to escape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape


class Markup(str):
    """HTML that is already safe to emit."""

    __slots__ = ()


def esc(value: object) -> Markup:
    return value if isinstance(value, Markup) else Markup(escape(str(value), quote=True))


def _children(children: Iterable[object]) -> str:
    out = []
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, str | int):
            out.append(esc(child))
        else:
            out.append(_children(child))  # type: ignore[arg-type]
    return "".join(out)


def h(name: str, attrs: Mapping[str, object] | None = None, *children: object) -> Markup:
    """`h("a", {"href": url}, "text")`. An attribute set to True is written bare; None or False is left out."""
    parts = [name]
    for key, value in (attrs or {}).items():
        key = key.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    return Markup(f"<{' '.join(parts)}>{_children(children)}</{name}>")


def void(name: str, attrs: Mapping[str, object] | None = None) -> Markup:
    """An element without content (`link`, `meta`, `input`, `br`)."""
    return Markup(h(name, attrs)[: -len(f"</{name}>")])


def join(*children: object) -> Markup:
    return Markup(_children(children))
