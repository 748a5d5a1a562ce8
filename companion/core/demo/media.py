"""Making the demo's files on the spot with ``companion.core.media.synth`` (no download)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from companion.core.demo.catalog import ARTISTS, TRACK_SECONDS, VIDEOS, DemoArtist
from companion.core.media import synth

Progress = Callable[[int, int, str], None]


def make_files(root: Path, progress: Progress | None = None) -> list[Path]:
    """Write every demo file that is not there yet; return all their paths."""
    total = sum(len(a.titles) for a in ARTISTS) + len(VIDEOS)
    done = 0
    paths: list[Path] = []
    for a_index, artist in enumerate(ARTISTS):
        cover = synth.cover_jpeg(seed=artist.cover_seed, size=320)
        for i, title in enumerate(artist.titles):
            path = artist.track_path(root, i)
            if not path.exists():
                _write_track(path, artist, i, cover, seed=a_index * 100 + i)
            paths.append(path)
            done += 1
            if progress:
                progress(done, total, title)
    for video in VIDEOS:
        path = root / video.relpath
        if not path.exists():
            tmp = path.with_name(path.stem + ".part" + path.suffix)
            synth.write_video(tmp, seconds=video.seconds, size=(320, 180), fps=12, color=video.color)
            if path.suffix == ".mp4":
                synth.write_tags(tmp, {"title": video.title})
            tmp.replace(path)
        paths.append(path)
        done += 1
        if progress:
            progress(done, total, video.title)
    return paths


def _write_track(path: Path, artist: DemoArtist, index: int, cover: bytes, seed: int) -> None:
    # A little variation per track so no two sound the same.
    semitone = 2 ** (((index * 5) % 7 - 3) / 12)
    samples = synth.music_like(
        TRACK_SECONDS,
        bpm=artist.bpm + (index % 3) * 2,
        root_hz=artist.root_hz * semitone,
        minor=artist.minor,
        brightness=artist.brightness,
        seed=seed,
    )
    # Write under a temporary name first so an interrupted run never leaves a half file behind.
    tmp = path.with_name(path.stem + ".part" + path.suffix)
    synth.write_audio(tmp, samples)
    tags = {
        "title": artist.titles[index],
        "artist": artist.name,
        "albumartist": artist.name,
        "album": artist.album,
        "genre": artist.genre,
        "date": str(artist.year),
        "tracknumber": f"{index + 1}/{len(artist.titles)}",
        "bpm": str(int(artist.bpm)),
    }
    if artist.ext != ".m4a":  # MP4 has no standard mood atom
        tags["mood"] = artist.mood
    synth.write_tags(tmp, tags, cover=cover)
    tmp.replace(path)
