"""A messy library, made on the spot: what a person's own collection looks like after years of other players.

The same songs as FLAC, MP3 and M4A (tags written a little differently by each: case, accents, "feat.",
"The"), a compilation repeating album tracks, a live version beside the studio one, two different songs
with one title, junk genre tags (``genre1``, ``Genredata2``, ``Other``, ``Genre``, ``mp3``, a web address),
an audiobook ``.m4b`` with chapters and a podcast episode, a WAV whose header claims 27 hours, and a FLAC
cut short by a failed copy. The curation report (``benchmarks/curation.py``) and the tests scan it as a
person would, and check what the home makes of it against :class:`MessyLibrary`, which says what is what.
"""

from __future__ import annotations

import shutil
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.core.media.synth import music_like, speech_like, write_audio, write_tags


@dataclass(frozen=True)
class Artist:
    name: str
    album: str
    genre: str
    bpm: float
    root_hz: float
    minor: bool
    titles: tuple[str, ...]
    formats: tuple[str, ...]  # the first is the "master" rip; the others are copies with other tags


ARTISTS: tuple[Artist, ...] = (
    Artist("Blue Hour Quartet", "Night Shift", "Jazz", 84, 196.0, True,
           ("Café Noir", "Night Shift", "Slow Rain", "Last Tram Home", "Velvet Hours"), (".flac", ".mp3", ".m4a")),
    Artist("Cinder Trio", "Embers", "Jazz", 90, 207.7, True,
           ("Ember Waltz", "Smoke Rings", "Low Flame", "Ash Blue", "Kindling"), (".mp3",)),
    Artist("Mira Solène", "Paper Boats", "Folk", 96, 220.0, False,
           ("Paper Boats", "Home", "Lantern", "Harbour Song", "Winter Coat"), (".flac", ".mp3")),
    Artist("The Static Harbor", "Low Tide", "Rock", 132, 164.8, False,
           ("Low Tide", "Home", "Breakwater", "Signal Fire", "Intro"), (".mp3",)),
    Artist("Rust Belt Radio", "Static Bloom", "Rock", 140, 146.8, False,
           ("Static Bloom", "Overpass", "Copper Wire", "Night Drive", "Pilot Light"), (".mp3", ".flac")),
    Artist("Neon Ferns", "Glasshouse", "Electronic", 124, 246.9, False,
           ("Glasshouse", "Photosynth", "Green Light", "Spores", "Canopy"), (".m4a", ".ogg")),
    Artist("Granite Choir", "Iron Psalms", "Metal", 168, 110.0, True,
           ("Anvil", "Iron Psalm", "Quarry", "Black Basalt", "Fault Line"), (".mp3",)),
    Artist("Lumen Drift", "Tidal Rooms", "Ambient", 66, 174.6, False,
           ("Tidal Room", "Salt Glass", "Fog Bank", "Slow Light", "Undertow"), (".flac",)),
)  # fmt: skip
# tag junk that other programs leave (each on three recordings, so only the placeholder rule keeps it out)
JUNK_ARTISTS: tuple[tuple[str, str], ...] = (
    ("Tape Club", "genre1"),
    ("Tape Club", "Genredata2"),
    ("Cassette Youth", "Other"),
    ("Cassette Youth", "Genre"),
    ("Dial Tone", "mp3"),
    ("Dial Tone", "www.free-mp3-downloads.example"),
)
JUNK_GENRES = tuple(g for _, g in JUNK_ARTISTS)
SECONDS = 3.0
RATE = 22050


@dataclass
class MessyLibrary:
    """Where everything went, and what it is."""

    root: Path
    recordings: dict[str, list[Path]] = field(default_factory=dict)  # "artist - title" -> its files
    genre_of: dict[str, str] = field(default_factory=dict)  # "artist - title" -> its (real) genre
    versions: list[tuple[Path, Path]] = field(default_factory=list)  # (studio, live): two recordings
    same_title: list[tuple[Path, Path]] = field(default_factory=list)  # two songs, one title
    compilation: list[Path] = field(default_factory=list)
    junk: list[Path] = field(default_factory=list)
    spoken: list[Path] = field(default_factory=list)
    bogus_length: Path | None = None
    damaged: Path | None = None

    @property
    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.is_file())


def _copy_tags(artist: Artist, title: str, fmt: str, track: int) -> dict[str, object]:
    """Each copy's tags as another program wrote them: the master's, or a slightly different spelling."""
    name, album, t = artist.name, artist.album, title
    if fmt == ".mp3":  # an old ripper: accents dropped, "The" moved, a guest credited in the title
        name = name.replace("é", "e").replace("è", "e")
        if name.startswith("The "):
            name = name[4:] + ", The"
        if track == 2:
            t = f"{title} (feat. Mira Solène)"
        t = t.replace("é", "e")
    elif fmt in (".m4a", ".ogg"):  # a store's files: upper case, a remaster note
        t = f"{title.upper()} [2019 Remaster]" if track == 1 else title
    return {
        "title": t,
        "artist": name,
        "album": album,
        "genre": artist.genre,
        "tracknumber": str(track),
        "date": "2019",
    }


def _write(
    path: Path, seconds: float, artist: Artist, seed: int, tags: dict[str, Any], speech: bool = False
) -> Path:
    samples = (
        speech_like(seconds, RATE, seed, artist.root_hz)
        if speech
        else music_like(seconds, artist.bpm, artist.root_hz, artist.minor, 0.4, RATE, seed)
    )
    write_audio(path, samples, RATE)
    write_tags(path, {k: v for k, v in tags.items() if v is not None})
    return path


def make_messy_library(root: str | Path, seconds: float = SECONDS) -> MessyLibrary:
    """Write the messy library under ``root`` (made afresh) and say what is in it."""
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    lib = MessyLibrary(root=root)
    for a_no, artist in enumerate(ARTISTS):
        for t_no, title in enumerate(artist.titles, 1):
            key = f"{artist.name} - {title}"
            lib.genre_of[key] = artist.genre.lower()
            for fmt in artist.formats:
                folder = root / (
                    "iTunes" if fmt in (".m4a", ".ogg") else f"{artist.name}/{artist.album} [{fmt[1:]}]"
                )
                tags = _copy_tags(artist, title, fmt, t_no)
                path = folder / f"{t_no:02d} {title}{fmt}"
                lib.recordings.setdefault(key, []).append(
                    _write(path, seconds, artist, 100 * a_no + t_no, tags)
                )
    _oddities(lib, seconds)
    return lib


def _oddities(lib: MessyLibrary, seconds: float) -> None:
    root = lib.root
    jazz, folk, harbor, ambient = (
        next(a for a in ARTISTS if a.genre == g) for g in ("Jazz", "Folk", "Rock", "Ambient")
    )
    # a compilation that repeats album tracks (Various Artists, the track artists as on the albums)
    for n, (artist, t_no) in enumerate(((jazz, 2), (folk, 1), (harbor, 3), (ARTISTS[5], 1)), 1):
        title = artist.titles[t_no - 1]
        tags = {"title": title, "artist": artist.name, "album": "Summer Sampler", "albumartist": "Various Artists",
                "genre": artist.genre, "tracknumber": str(n)}  # fmt: skip
        path = _write(
            root / "Various Artists/Summer Sampler" / f"{n:02d} {title}.mp3", seconds, artist, 7 + n, tags
        )
        lib.compilation.append(path)
        lib.recordings[f"{artist.name} - {title}"].append(path)
    # a live version: another recording of the same song
    live = _write(root / "The Static Harbor/Live at the Pier/01 Low Tide (Live).mp3", seconds + 1.0, harbor, 55,
                  {"title": "Low Tide (Live)", "artist": "The Static Harbor", "album": "Live at the Pier",
                   "genre": "Rock", "tracknumber": "1"})  # fmt: skip
    lib.recordings["The Static Harbor - Low Tide (Live)"] = [live]
    lib.genre_of["The Static Harbor - Low Tide (Live)"] = "rock"
    lib.versions.append((lib.recordings["The Static Harbor - Low Tide"][0], live))
    # the same artist and title, eight seconds longer: another song ("Intro" of another album)
    intro = _write(root / "The Static Harbor/B-Sides/01 Intro.mp3", seconds + 8.0, harbor, 56,
                   {"title": "Intro", "artist": "The Static Harbor", "album": "B-Sides", "genre": "Rock"})  # fmt: skip
    lib.recordings["The Static Harbor - Intro (B-Sides)"] = [intro]
    lib.genre_of["The Static Harbor - Intro (B-Sides)"] = "rock"
    lib.same_title.append((lib.recordings["The Static Harbor - Intro"][0], intro))
    lib.same_title.append(
        (lib.recordings["Mira Solène - Home"][0], lib.recordings["The Static Harbor - Home"][0])
    )
    _junk(lib, seconds)
    _spoken(lib, seconds)
    # a WAV whose header claims 27 hours (a recorder that stopped before fixing its header)
    wav = _write(root / "Lumen Drift/Field Recordings/Harbour at Night.wav", seconds, ambient, 61,
                 {"title": "Harbour at Night", "artist": "Lumen Drift", "album": "Field Recordings",
                  "genre": "Ambient"})  # fmt: skip
    data = bytearray(wav.read_bytes())
    at = data.find(b"data")
    data[at + 4 : at + 8] = struct.pack("<I", 0xFFFFFFF0)
    wav.write_bytes(bytes(data))
    lib.bogus_length = wav
    lib.recordings["Lumen Drift - Harbour at Night"] = [wav]
    lib.genre_of["Lumen Drift - Harbour at Night"] = "ambient"
    # a FLAC cut short by a failed copy: its header still claims the whole length
    flac = _write(root / "Lumen Drift/Unfinished Copy/01 Deep Water.flac", 20.0, ambient, 62,
                  {"title": "Deep Water", "artist": "Lumen Drift", "album": "Unfinished Copy", "genre": "Ambient"})  # fmt: skip
    whole = flac.read_bytes()
    flac.write_bytes(whole[: max(8192, len(whole) // 10)])
    lib.damaged = flac
    lib.recordings["Lumen Drift - Deep Water"] = [flac]
    lib.genre_of["Lumen Drift - Deep Water"] = "ambient"


def _junk(lib: MessyLibrary, seconds: float) -> None:
    """Three recordings per junk genre value (so that only the placeholder rule keeps it from naming mixes)."""
    base = ARTISTS[5]
    for n, (who, genre) in enumerate(JUNK_ARTISTS):
        for k in range(3):
            title = f"{who.split()[0]} Song {n * 3 + k + 1}"
            tags = {
                "title": title,
                "artist": who,
                "album": f"{who} Tapes",
                "genre": genre,
                "tracknumber": str(k + 1),
            }
            path = _write(
                lib.root / who / f"{who} Tapes" / f"{k + 1:02d} {title}.mp3",
                seconds,
                base,
                300 + n * 3 + k,
                tags,
            )
            lib.junk.append(path)
            lib.recordings[f"{who} - {title}"] = [path]
            lib.genre_of[f"{who} - {title}"] = genre.lower()


def _spoken(lib: MessyLibrary, seconds: float) -> None:
    """An audiobook (.m4b with chapters) and a podcast episode (genre Podcast)."""
    narrator = Artist("Ada Reads", "The Lighthouse Keeper", "Fiction", 60, 130.0, False, (), ())
    book = lib.root / "Audiobooks/The Lighthouse Keeper (Unabridged).m4b"
    book.parent.mkdir(parents=True, exist_ok=True)
    tmp = book.with_suffix(".m4a")
    _write(tmp, seconds * 2, narrator, 90, {"title": "The Lighthouse Keeper (Unabridged)", "artist": "Ada Reads",
                                             "album": "The Lighthouse Keeper", "genre": "Fiction"}, speech=True)  # fmt: skip
    tmp.rename(book)
    add_chapters(book, [(0.0, "Chapter 1"), (seconds / 2, "Chapter 2"), (seconds, "Chapter 3")])
    pod = _write(lib.root / "Podcasts/Harbour Talks/Episode 12.mp3", seconds, narrator, 91,
                 {"title": "Episode 12: Tides", "artist": "Harbour Talks", "album": "Harbour Talks",
                  "genre": "Podcast"}, speech=True)  # fmt: skip
    lib.spoken += [book, pod]
    lib.recordings["Ada Reads - The Lighthouse Keeper"] = [book]
    lib.recordings["Harbour Talks - Episode 12"] = [pod]


def add_chapters(path: str | Path, chapters: list[tuple[float, str]]) -> None:
    """Add a Nero chapter list (``moov.udta.chpl``, what audiobook tools write) to an MP4 file whose ``moov``
    box comes after its media data (as FFmpeg writes it), so no sample offset moves."""
    path = Path(path)
    data = bytearray(path.read_bytes())
    boxes = _boxes(data, 0, len(data))
    names = [name for name, _, _ in boxes]
    if b"moov" not in names or names.index(b"moov") < names.index(b"mdat"):
        raise ValueError(f"{path}: expected an MP4 file whose moov box follows its media data")
    _, moov_at, moov_end = boxes[names.index(b"moov")]
    body = bytes([1, 0, 0, 0]) + bytes(4) + bytes([len(chapters)])
    for start, title in chapters:
        raw = title.encode("utf-8")[:255]
        body += struct.pack(">Q", int(start * 10_000_000)) + bytes([len(raw)]) + raw
    chpl = struct.pack(">I4s", 8 + len(body), b"chpl") + body
    inner = _boxes(data, moov_at + 8, moov_end)
    udta = next(((a, e) for name, a, e in inner if name == b"udta"), None)
    if udta is None:  # no user data box yet: one holding the chapters
        data[moov_end:moov_end] = struct.pack(">I4s", 8 + len(chpl), b"udta") + chpl
        grow = 8 + len(chpl)
    else:
        data[udta[1] : udta[1]] = chpl
        _resize(data, udta[0], len(chpl))
        grow = len(chpl)
    _resize(data, moov_at, grow)
    path.write_bytes(bytes(data))


def _boxes(data: bytearray, start: int, end: int) -> list[tuple[bytes, int, int]]:
    out, pos = [], start
    while pos + 8 <= end:
        size, name = struct.unpack(">I4s", data[pos : pos + 8])
        if size < 8:
            break
        out.append((name, pos, pos + size))
        pos += size
    return out


def _resize(data: bytearray, at: int, grow: int) -> None:
    size = struct.unpack(">I", data[at : at + 4])[0]
    data[at : at + 4] = struct.pack(">I", size + grow)
