"""The index's exception: IndexNotReady, when no usable index can be served."""

from __future__ import annotations


class IndexNotReady(RuntimeError):
    """No usable index: missing, stale, corrupt or unreachable. The message says why, in Norwegian."""

    def __init__(self, reason: str, *, code: str = "index_not_ready"):
        super().__init__(reason)
        self.reason = reason
        self.code = code
