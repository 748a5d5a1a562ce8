"""Which service wrote a history file, decided from its content (never from its name alone): each
importer of the registry is asked in turn, JSON ones with the first record, the others with line 1."""

from __future__ import annotations

from typing import Any

from companion.core.importers.jsonrecords import records
from companion.core.importers.model import Parsed
from companion.core.importers.registry import Importer, Sample, described, importers
from companion.core.importers.source import SourceFile


def parse_history(src: SourceFile) -> tuple[Importer | None, list[Parsed]]:
    """(its importer, every record parsed); (None, []) for an export with no records in it at all.

    Raises the file's error when the format is unknown."""
    text = src.text.lstrip("\ufeff \t\r\n")
    if not text:
        raise src.fail("empty file")
    first_line = text.splitlines()[0]
    if text[0] in "[{":
        recs = records(src)
        if not any(isinstance(v, dict) for _, v in recs):
            if not recs:
                return None, []
            raise src.fail(f"{recs[0][0]}: no listening records found")
        sample = Sample(src, first_line, recs)
    else:
        sample = Sample(src, first_line)
    is_json = sample.records is not None
    for importer in importers():
        if importer.json == is_json and importer.detect(sample):
            return importer, list(importer.parse(sample))
    if is_json:
        raise src.fail(f"not a known history format (first record has {_keys(sample.first_record)})")
    raise src.fail(f"not a known history format (expected {described()}; line 1 is {first_line[:60]!r})")


def _keys(record: dict[str, Any]) -> str:
    names = ", ".join(sorted(str(k) for k in record)[:6])
    return f"keys {names}" if names else "no keys"
