"""Versioned schema migrations: plain SQL files, one directory per dialect, applied in order.

`migrations/<dialect>/NNNN_name.sql` is version NNNN. `schema_migrations` records what was applied. SQLite
applies pending files on first use (one host, nothing to coordinate); PostgreSQL applies them only through
`hms db upgrade`, under an advisory lock so two hosts upgrading at once apply each file once, and servers
refuse to start on an older schema.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
TRACKING = (
    "CREATE TABLE IF NOT EXISTS schema_migrations "
    "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)"
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        """The file's statements (split at a semicolon ending a line; comments dropped)."""
        body = "\n".join(line for line in self.sql.splitlines() if not line.lstrip().startswith("--"))
        return [s.strip() for s in re.split(r";\s*$", body, flags=re.MULTILINE) if s.strip()]


def migrations(dialect: str) -> list[Migration]:
    found = []
    for path in sorted((MIGRATIONS / dialect).glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise RuntimeError(f"Migration file name must be NNNN_name.sql: {path}")
        found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    return found


def latest(dialect: str) -> int:
    return max((m.version for m in migrations(dialect)), default=0)


class SchemaOutdated(RuntimeError):
    """The PostgreSQL schema is older than this code; `hms db upgrade` brings it up to date."""


def outdated_message(current: int, wanted: int) -> str:
    return (
        f"Databasen (HMS_DATABASE_URL) har skjemaversjon {current}, men denne versjonen trenger {wanted}. "
        "Kjør `hms db upgrade`."
    )


def stamp(version: int, name: str) -> tuple[str, tuple[object, ...]]:
    return "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", (
        version,
        name,
        time.time(),
    )
