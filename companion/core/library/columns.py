"""The item columns a scan reads from a file (``TAG_COLUMNS``, in the order workers send them: compact to
pickle), and a reader's record packed in that order."""

from typing import Any

from companion.core.db.scans import TAG_COLUMNS

DEFAULTS = {"has_cover": 0}
FINGERPRINT = TAG_COLUMNS.index("fingerprint")
SIZE = TAG_COLUMNS.index("size")


def pack(rec: dict[str, Any]) -> tuple[Any, ...]:
    """A reader's record as a tuple in TAG_COLUMNS order."""
    for key, value in DEFAULTS.items():
        rec.setdefault(key, value)
    return tuple(map(rec.get, TAG_COLUMNS))
