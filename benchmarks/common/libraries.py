"""Libraries of real media files for the benchmarks to scan, made from a few synthesised templates.

``make_scan_library`` (benchmarks/scan.py, benchmarks/scale.py): ``Music/Artist/Album (Year)/NN -
Title.ext`` over mp3, flac, ogg, opus and m4a with full tags, ~15% rated, a third with embedded covers,
a third with ``cover.jpg`` beside them, plus videos as episodes and movies. ``make_flac_files``
(benchmarks/ui.py): plainer FLAC files in artist/album folders. Both fill the folder they are given;
``Bench.cached`` decides when they run.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.common import product

FORMATS = (".mp3", ".flac", ".ogg", ".opus", ".m4a")
VIDEO_FORMATS = (".mp4", ".mkv")
GENRES = ["Rock", "Pop", "Jazz", "Ambient", "Folk", "Electronic", "Hip Hop", "Classical", "Soul", "Metal"]
SCAN_LIBRARY_VERSION = 1  # bump when make_scan_library makes something else


def music_files(lib: Path) -> list[str]:
    return sorted(str(p) for p in (lib / "Music").rglob("*") if p.suffix in FORMATS)


def video_files(lib: Path) -> list[str]:
    return sorted(str(p) for p in (lib / "Videos").rglob("*") if p.suffix in VIDEO_FORMATS)


def make_scan_library(lib: Path, tracks: int, videos: int) -> None:
    """``tracks`` tagged music files and ``videos`` videos under ``lib`` (tracks made by 2 processes)."""
    tmp = Path(tempfile.mkdtemp(prefix="scan-templates-"))
    try:
        templates = _templates(tmp)
        for i in range(40):
            (tmp / f"c{i}.jpg").write_bytes(product.cover_jpeg(i, size=300))
        jobs = _track_jobs(lib, tracks, tmp)
        with mp.get_context("fork").Pool(2, initializer=_init_maker, initargs=(str(tmp),)) as pool:
            for i, _ in enumerate(pool.imap_unordered(_make_track, jobs, chunksize=64)):
                if i % 2000 == 0:
                    print(f"  making tracks: {i}/{len(jobs)}", file=sys.stderr, flush=True)
        for v in range(videos):
            path, template = _video_path(lib, v)
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(templates[template], path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _templates(tmp: Path) -> dict[str, Path]:
    out = {}
    for i, ext in enumerate(FORMATS):
        samples = product.music_like(4.0, bpm=90 + 10 * i, seed=i)
        out[ext] = product.write_audio(tmp / f"t{ext}", samples, 22050)
    out[".mkv"] = product.write_video(tmp / "v.mkv", seconds=2.0, size=(160, 90), black_frames=4)
    out[".mp4"] = product.write_video(tmp / "v.mp4", seconds=2.0, size=(160, 90))
    return out


def _video_path(lib: Path, v: int) -> tuple[Path, str]:
    """Every third video a movie (mp4), the others episodes of 30-episode shows (mkv)."""
    if v % 3 == 2:
        return lib / "Videos" / "Movies" / f"Film {v:04d} ({1950 + v % 70}).mp4", ".mp4"
    show, ep = v // 30, v % 30
    season = f"Season {ep // 10 + 1:02d}"
    name = f"Show {show} S{ep // 10 + 1:02d}E{ep % 10 + 1:02d}.mkv"
    return lib / "Videos" / "Shows" / f"Show {show}" / season / name, ".mkv"


def _track_jobs(lib: Path, tracks: int, covers_dir: Path) -> list[tuple]:
    """(path, ext, tags, rating, cover to embed, cover to put beside) for each track, 10 to an album."""
    rng = random.Random(7)
    jobs: list[tuple] = []
    per_album, album_no = 10, 0
    while len(jobs) < tracks:
        artist = f"Artist {album_no // 4:04d}"
        year = 1960 + album_no % 60
        album = f"Album {album_no:05d}"
        ext = FORMATS[album_no % len(FORMATS)]
        folder = lib / "Music" / artist / f"{album} ({year})"
        art = album_no % 3  # 0: embedded cover, 1: cover.jpg beside, 2: none
        cover = str(covers_dir / f"c{album_no % 40}.jpg")
        for t in range(1, per_album + 1):
            n = len(jobs)
            if n >= tracks:
                break
            rating = rng.choice([None] * 8 + [1, 2, 3, 4, 5])
            tags = {
                "title": f"Song {n}",
                "artist": artist,
                "albumartist": artist,
                "album": album,
                "genre": [GENRES[album_no % 10], GENRES[(album_no + 3) % 10]],
                "date": str(year),
                "tracknumber": f"{t}/{per_album}",
                "discnumber": "1/1",
            }
            path = str(folder / f"{t:02d} - Song {n}{ext}")
            jobs.append((path, ext, tags, rating, cover if art == 0 else None, cover if art == 1 else None))
        album_no += 1
    return jobs


_TEMPLATE_DIR = Path()


def _init_maker(template_dir: str) -> None:
    global _TEMPLATE_DIR
    _TEMPLATE_DIR = Path(template_dir)


def _make_track(job: tuple) -> None:
    path, ext, tags, rating, embed, beside = job
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_TEMPLATE_DIR / f"t{ext}", p)
    product.write_tags(p, tags, cover=Path(embed).read_bytes() if embed else None)
    if beside and not (p.parent / "cover.jpg").exists():
        shutil.copyfile(beside, p.parent / "cover.jpg")
    if rating:
        _rate(p, ext, rating)


def _rate(p: Path, ext: str, rating: int) -> None:
    """A star rating as each format's players store it (POPM, iTunes ``rate``, FMPS_RATING)."""
    import mutagen

    f = mutagen.File(p)
    if ext == ".mp3":
        from mutagen.id3 import POPM

        f.tags.add(
            POPM(email="Windows Media Player 9 Series", rating=[0, 1, 64, 128, 196, 255][rating], count=3)
        )
    elif ext == ".m4a":
        from mutagen.mp4 import MP4FreeForm

        f.tags["----:com.apple.iTunes:rate"] = [MP4FreeForm(str(rating * 20).encode())]
    else:
        f["FMPS_RATING"] = [str(rating / 5)]
    f.save()


def make_flac_files(folder: Path, n: int) -> None:
    """``n`` real FLAC files: one encoded tone copied, each copy tagged differently."""
    base = product.write_audio(folder / "base.flac.tmp.flac", product.tone(2.0, 22050, 330.0))
    for k in range(n):
        path = folder / f"artist {k // 40}" / f"album {k // 10}" / f"{k:04d} song.flac"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(base, path)
        tags = {
            "title": f"Song {k}",
            "artist": f"Artist {k // 40}",
            "album": f"Album {k // 10}",
            "genre": ["Rock", "Jazz", "Folk", "Ambient"][k % 4],
        }
        product.write_tags(path, tags)
    base.unlink()
