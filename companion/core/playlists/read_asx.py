"""Reading ASX playlists (Windows Media: ``.asx``, ``.wax``, ``.wvx``).

``<asx version="3.0"><entry><title/><author/><ref href="..."/></entry></asx>``. Real files break XML's
rules in two ways this reader forgives: element and attribute names in any case (``<ASX>``, ``<Ref
HREF=...>``), and a bare ``&`` in a link or title. What is still not XML after that is read by pattern,
so a sloppy file loses nothing it states plainly.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from companion.core.playlists.model import Entry, Parsed, PlaylistError
from companion.core.playlists.read_text import MAX_ENTRIES
from companion.core.playlists.read_xml import DOCTYPE

_BARE_AMP = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
_ENTRY = re.compile(rb"<entry\b(.*?)</entry\s*>", re.I | re.S)
_REF = re.compile(rb"<ref\b[^>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_TAG_TEXT = {
    name: re.compile(rb"<" + name + rb"\b[^>]*>(.*?)</" + name + rb"\s*>", re.I | re.S)
    for name in (
        b"title",
        b"author",
    )
}


def parse_asx(raw: bytes, shown: str) -> Parsed:
    """The entries of an ASX file: each ``<entry>``'s first ``<ref href>``, with its title and author."""
    if DOCTYPE.search(raw):
        raise PlaylistError(f"{shown}: XML with a document type declaration is not accepted in a playlist")
    fixed = _BARE_AMP.sub(b"&amp;", raw)
    try:
        root = ET.fromstring(fixed)
    except ET.ParseError:
        return _by_pattern(fixed, shown)
    if _local(root.tag) != "asx":
        raise PlaylistError(f"{shown}: not an ASX playlist (root element <{_local(root.tag)}>)")
    parsed = Parsed("asx", name=_text(root, "title"))
    entries = [e for e in root.iter() if _local(e.tag) == "entry"]
    for n, entry in enumerate(entries, start=1):
        if len(parsed.entries) >= MAX_ENTRIES:
            parsed.problems.append(f"entry {n}: more than {MAX_ENTRIES} entries; the rest was not read")
            break
        href = next((_attr(r, "href") for r in entry if _local(r.tag) == "ref" and _attr(r, "href")), None)
        if not href:
            parsed.problems.append(f"entry {n}: no <ref href>, skipped")
            continue
        parsed.entries.append(
            Entry(href, title=_text(entry, "title"), artist=_text(entry, "author"), where=f"entry {n}")
        )
    return parsed


def _by_pattern(raw: bytes, shown: str) -> Parsed:
    """An ASX that is not XML even with its ``&`` fixed: entries and links found by pattern."""
    if not re.search(rb"<asx\b", raw, re.I):
        raise PlaylistError(f"{shown}: not an ASX playlist (no <asx> element)")
    parsed = Parsed("asx")
    title = _TAG_TEXT[b"title"].search(raw.split(b"<entry", 1)[0] if b"<entry" in raw.lower() else raw)
    parsed.name = _unescape(title.group(1)) if title else None
    for n, m in enumerate(_ENTRY.finditer(raw), start=1):
        if len(parsed.entries) >= MAX_ENTRIES:
            parsed.problems.append(f"entry {n}: more than {MAX_ENTRIES} entries; the rest was not read")
            break
        body = m.group(1)
        ref = _REF.search(body)
        if ref is None:
            parsed.problems.append(f"entry {n}: no <ref href>, skipped")
            continue
        href = _unescape(next(g for g in ref.groups() if g is not None))
        if href is None:
            parsed.problems.append(f"entry {n}: an empty <ref href>, skipped")
            continue
        t, a = _TAG_TEXT[b"title"].search(body), _TAG_TEXT[b"author"].search(body)
        parsed.entries.append(
            Entry(
                href,
                title=_unescape(t.group(1)) if t else None,
                artist=_unescape(a.group(1)) if a else None,
                where=f"entry {n}",
            )
        )
    return parsed


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _attr(node: ET.Element, name: str) -> str | None:
    for key, value in node.attrib.items():
        if key.lower() == name and value.strip():
            return value.strip()
    return None


def _text(node: ET.Element, name: str) -> str | None:
    for child in node:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _unescape(raw: bytes) -> str | None:

    text = html.unescape(raw.decode("utf-8", errors="replace")).strip()
    return text or None
