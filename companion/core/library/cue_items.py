"""A scanned audio file and its CUE sheet (beside it, or inside a FLAC) as one item record per track.

Runs in the scan's workers, after the file itself was read (its tags, length and cover are the tracks'
defaults). A sheet that cannot be used leaves the file one item, with ``cue_problem`` saying why.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from companion.core.library.cue import (
    CueError,
    CueSheet,
    CueTrack,
    fit,
    names_file,
    parse,
    read_sheet,
    track_key,
)
from companion.core.library.pathcodec import to_db

log = logging.getLogger(__name__)

EMBEDDED = "_embedded_cue"  # the reader's record key for a sheet found inside the file


def embedded_sheet(audio: Any) -> CueSheet | str | None:
    """A FLAC's own sheet: the CUESHEET Vorbis comment (with titles), else its CUESHEET metadata block
    (times only); a str is a reason the comment could not be used. None when it has neither."""
    tags = getattr(audio, "tags", None)
    text = tags.get("cuesheet") if tags is not None and hasattr(tags, "get") else None
    if text:
        try:
            return parse(text[0])
        except CueError as e:
            return str(e)
    block = getattr(audio, "cuesheet", None)
    rate = getattr(getattr(audio, "info", None), "sample_rate", 0)
    if block is None or not rate:
        return None
    sheet = CueSheet(file=None)
    for t in block.tracks:
        if not 1 <= t.track_number <= 99 or t.type & 1:  # the lead-out (170, 255), or a data track
            continue
        index1 = next(
            (off for num, off in ((i.index_number, i.index_offset) for i in t.indexes) if num == 1), 0
        )
        sheet.tracks.append(CueTrack(t.track_number, (t.start_offset + index1) / rate))
    return sheet if sheet.tracks else None


def cue_records(
    path: str, rec: dict[str, Any], cues: tuple[str, ...] | None
) -> list[tuple[str, dict[Any, Any]]] | None:
    """(item path text, record) for each track of the sheet that describes ``path`` (a sheet beside it
    first, then one inside it); None when there is none, or it cannot be used (then ``rec`` gets
    ``cue_problem``)."""
    embedded = rec.pop(EMBEDDED, None)
    sheet: CueSheet | None = None
    source = path
    for cue in cues or ():
        try:
            found = read_sheet(cue)
        except OSError as e:
            log.info("cannot read the CUE sheet %r: %s", cue, e)
            continue
        except CueError as e:
            if _same_stem(cue, path):  # album.cue beside album.flac: surely this file's, and broken
                rec["cue_problem"] = f"its CUE sheet ({os.path.basename(cue)}) was not used: {e}"
                return None
            continue
        if names_file(found, cue, path):
            sheet, source = found, cue
            break
    if sheet is None:
        stray = next((c for c in cues or () if _same_stem(c, path)), None)
        if stray is not None:  # album.cue beside album.flac, naming a file that is not this one
            named = _named_file(stray)
            if named and not os.path.exists(os.path.join(os.path.dirname(stray), named)):
                rec["cue_problem"] = (
                    f"its CUE sheet ({os.path.basename(stray)}) names {named}, which is not in the folder"
                )
                return None
    if sheet is None and embedded is not None:
        if isinstance(embedded, str):
            rec["cue_problem"] = f"the CUE sheet inside it was not used: {embedded}"
            return None
        sheet, source = embedded, path
    if sheet is None:
        return None
    try:
        tracks = fit(sheet, rec.get("duration"))
    except CueError as e:
        where = "inside it" if source == path else f"({os.path.basename(source)})"
        rec["cue_problem"] = f"its CUE sheet {where} was not used: {e}"
        return None
    if len(tracks) < 2:
        return None  # one track over the whole file: the file is that track
    return [
        (track_key(to_db(path), t.number), _track_record(rec, sheet, t, len(tracks), source)) for t in tracks
    ]


def _track_record(
    rec: dict[str, Any], sheet: CueSheet, t: CueTrack, total: int, source: str
) -> dict[str, Any]:
    out = dict(rec)
    out.update(
        title=t.title or f"Track {t.number}",
        artist=t.performer or sheet.performer or rec.get("artist"),
        album=sheet.title or rec.get("album"),
        album_artist=rec.get("album_artist") or sheet.performer,
        track_no=t.number,
        track_total=total,
        duration=round(t.duration, 4) if t.duration else None,
        cue_path=to_db(source),
        cue_start=round(t.start, 4),
        cue_problem=None,
        mb_track_id=None,  # the file's recording id is not any one track's
        tag_play_count=None,
        fingerprint=f"{rec['fingerprint']}#{t.number:02d}" if rec.get("fingerprint") else None,
    )
    if not rec.get("date") and sheet.date:
        out["date"] = sheet.date
        out["year"] = int(sheet.date[:4]) if sheet.date[:4].isdigit() else rec.get("year")
    if not rec.get("genres") and sheet.genre:
        out["genres"] = json.dumps([sheet.genre], ensure_ascii=False)
    return out


def _named_file(cue: str) -> str | None:
    try:
        sheet = read_sheet(cue)
    except (OSError, CueError):
        return None
    return os.path.basename(sheet.file.replace("\\", "/")) if sheet.file else None


def _same_stem(cue: str, path: str) -> bool:
    stem = os.path.splitext(os.path.basename(path))[0].casefold()
    return os.path.basename(cue)[:-4].casefold() in (stem, os.path.basename(path).casefold())
