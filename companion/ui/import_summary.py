"""What an import's results say, in the window's words: a row per file, the headline and the footnote.

Plain text from the core's progress steps (history: ``ImportProgress``; playlists: ``PlaylistImportStep``).
The services' names and the files they read come from the core's registry of importers
(``companion.core.importers.registry``), imported when a history dialog first needs them: the
importers are not loaded at the window's start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.core.importers.model import ImportSummary


def service_name(service: str) -> str:
    """A service's name as people know it ("Last.fm"); a dash for a file no importer recognised."""
    if service == "unknown":
        return "—"
    from companion.core.importers.registry import display_name  # not at start (see above)

    return display_name(service)


def history_intro() -> str:
    """What the history dialog says it reads: every importer's files."""
    from companion.core.importers.registry import described  # not at start (see above)

    return (
        f"Bring the taste you built elsewhere: {described()}, or the ZIP file a service sent you. "
        "Nothing leaves this computer."
    )


def history_filter() -> str:
    """The history dialog's file filter: every importer's file extensions, and ZIP exports."""
    from companion.core.importers.registry import file_patterns  # not at start (see above)

    return f"History exports ({' '.join(file_patterns())});;All files (*)"


def headline(history: bool, results: list[Any], stopped: bool) -> str:
    """The line above the table: what was imported (or, stopped, what was kept)."""
    if history:
        good = [r for r in results if r.service != "unknown"]
        bad = sum(1 for r in results if r.service == "unknown" and r.summary.errors)  # not an empty export
        read = sum(r.summary.read for r in good)
        matched = sum(r.summary.matched for r in good)
        unmatched = sum(r.summary.unmatched for r in good)
        dups = sum(r.summary.duplicates for r in good)
        what = "So far" if stopped else f"{count_of(len(good), 'file')} imported"
        text = f"{what}: {read:,} read, {matched:,} matched, {unmatched:,} unmatched, {dups:,} already known"
        from companion.core.importers.artists import counted_text  # not at start (see above)

        counted = counted_text(_music_total(good), "music")
        if counted:
            text += f".\n{counted[0].upper()}{counted[1:]}."
    else:
        good = [r for r in results if r.report is not None]
        bad = len(results) - len(good)
        entries = sum(r.report.entries for r in good)
        matched = sum(r.report.matched for r in good)
        what = "So far" if stopped else f"{count_of(len(good), 'playlist')} imported"
        text = (
            f"{what}: {entries:,} entries, {matched:,} matched, "
            f"{entries - matched:,} unmatched. They are in Library › Playlists."
        )
    if bad:
        text += f"\n{count_of(bad, 'file')} could not be imported (see below)."
    if stopped:
        text = (
            "Stopped. What was imported before stopping is kept; importing the same files again "
            "adds only the rest.\n" + (text if results else "")
        )
    return text.strip()


def _music_total(results: list[Any]) -> ImportSummary:
    from companion.core.importers.model import ImportSummary  # not at start (see above)

    total = ImportSummary()
    for r in results:
        if r.service != "netflix":
            total.add(r.summary)
    return total


def footnote(history: bool, results: list[Any], extra: Any) -> str:
    """The line below: what is not in the library yet, and what earlier entries matched now."""
    if history:
        lines = []
        if extra:
            names = ", ".join(f"{m['name']} ({m['entries']:,})" for m in extra[:5])
            lines.append(
                f"Not in your library yet, most often: {names}. Unmatched entries are kept and count "
                "as soon as those files are added."
            )
        rematched = sum(r.summary.rematched for r in results if r.service != "unknown")
        if rematched:
            lines.append(f"{rematched:,} earlier unmatched entries found their files.")
        return "\n".join(lines)
    return "Unmatched entries are kept with the playlist and match when their files are added."


def history_rows(step: Any) -> tuple[list[str], list[tuple[str, str]]]:
    s = step.summary
    children = [("error", e) for e in s.errors] + [("note", window_words(n)) for n in s.notes]
    if step.service == "unknown":
        return [step.path, "not imported", "", "", "", ""], children or [
            ("error", f"{step.path}: could not be read")
        ]
    service = service_name(step.service)
    if not step.finished:
        service += f" ({step.done:,} of {step.total:,})"
    return (
        [step.path, service, f"{s.read:,}", f"{s.matched:,}", f"{s.unmatched:,}", f"{s.duplicates:,}"],
        children,
    )


def playlist_rows(step: Any) -> tuple[list[str], list[tuple[str, str]]]:
    r = step.report
    if r is None:
        return [step.path, "not imported", "", "", ""], [
            ("error", step.error or f"{step.path}: not a playlist")
        ]
    children = (
        [("error", p) for p in r.problems]
        + [("note", n) for n in r.notes]
        + [("line", line) for line in r.unmatched_lines()]
    )
    return [step.path, r.name, f"{r.entries:,}", f"{r.matched:,}", f"{r.unmatched:,}"], children


def short_name(path: str) -> str:
    """A file's name (``export.zip:StreamingHistory0.json`` keeps its member), the full path in the tooltip."""
    archive, sep, member = path.partition(".zip:")
    if sep:
        return f"{Path(archive).name}.zip:{member}"
    return Path(path).name or path


def window_words(note: str) -> str:
    """Notes written for the command line, said in the window's words."""
    return note.replace(
        "choose one with --netflix-profile NAME", "type one profile's name to import only theirs"
    )


def count_of(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
