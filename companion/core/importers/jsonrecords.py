"""JSON exports as a list of records: a JSON array (or an object wrapping one), or JSON lines."""

from __future__ import annotations

import json
from typing import Any

from companion.core.importers.source import SourceFile

# Where services wrap their list: ListenBrainz API dumps use {"payload": {"listens": [...]}}
_WRAPPERS = (("payload", "listens"), ("listens",), ("items",))


def records(src: SourceFile) -> list[tuple[str, Any]]:
    """(where, value) for every record; raises the file's error when it is not JSON at all."""
    text = src.text.strip()
    if not text:
        raise src.fail("empty file")
    if text.startswith("["):
        return [(f"record {i + 1}", v) for i, v in enumerate(_load_whole(src, text))]
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None  # JSON lines: one object per line
    if isinstance(whole, dict):
        for path in _WRAPPERS:
            found: Any = whole
            for key in path:
                found = found.get(key) if isinstance(found, dict) else None
            if isinstance(found, list):
                return [(f"record {i + 1}", v) for i, v in enumerate(found)]
        return [("record 1", whole)]
    out: list[tuple[str, Any]] = []
    for n, line in enumerate(src.text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append((f"line {n}", json.loads(line)))
        except json.JSONDecodeError as e:
            out.append((f"line {n}", ValueError(f"not valid JSON ({e.msg} at column {e.colno})")))
    return out


def _load_whole(src: SourceFile, text: str) -> list[Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise src.fail(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except RecursionError:
        raise src.fail("JSON nested too deeply") from None
    if not isinstance(value, list):
        raise src.fail("expected a JSON list of records")
    return value


def first_record(src: SourceFile) -> Any:
    """The first record's value (for format detection), or None."""
    try:
        found = records(src)
    except Exception:
        return None
    for _, value in found:
        if isinstance(value, dict):
            return value
    return None
