"""Making the demo's files on the spot with ``companion.core.media.synth`` (no download)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from companion.core.demo.catalog import ARTISTS, TRACK_SECONDS, VIDEOS, DemoArtist, DemoVideo
from companion.core.errors import CompanionError
from companion.core.jobs.process_start import helper_context
from companion.core.media import synth

Progress = Callable[[int, int, str], None]
STOPPED = "stopped before the demo's files were all made (the next start makes the rest)"


@dataclass(frozen=True)
class _File:
    """One demo file to make: a track of ``artist`` (its ``index``, cover and seed) or ``video``."""

    path: Path
    title: str
    artist: DemoArtist | None = None
    index: int = 0
    cover: bytes = b""
    seed: int = 0
    video: DemoVideo | None = None


def make_files(
    root: Path,
    progress: Progress | None = None,
    workers: int | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[Path]:
    """Write every demo file that is not there yet; return all their paths.

    The files are independent: ``workers`` processes (default: up to two, one per core) make them, which
    halves the demo's 16 s of encoding on a 2-core machine (the window asks for them once the first home
    is on screen, when the cores are free). ``cancel()`` true (the window is closing) stops it between two
    files with ``CompanionError``: no half file is left, and the next start makes the rest."""
    paths: list[Path] = []
    todo: list[_File] = []
    for a_index, artist in enumerate(ARTISTS):
        cover = b""
        for i, title in enumerate(artist.titles):
            path = artist.track_path(root, i)
            if not path.exists():
                cover = cover or synth.cover_jpeg(seed=artist.cover_seed, size=320)
                todo.append(_File(path, title, artist, i, cover, seed=a_index * 100 + i))
            paths.append(path)
    for video in VIDEOS:
        path = root / video.relpath
        if not path.exists():
            todo.append(_File(path, video.title, video=video))
        paths.append(path)
    total, done = len(paths), len(paths) - len(todo)
    n = min(workers if workers is not None else 2, os.cpu_count() or 1, len(todo))
    if n <= 1:
        for file in todo:
            if cancel is not None and cancel():
                raise CompanionError(STOPPED)
            _make(file)
            done += 1
            if progress:
                progress(done, total, file.title)
        return paths
    # the makers' processes (only when files are missing): spawned from the window (process_start.py)
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    waiting, stopped = iter(todo), False
    with ProcessPoolExecutor(n, mp_context=helper_context()) as pool:
        running = {pool.submit(_make, file): file for file in itertools.islice(waiting, n)}
        while running:  # one file per process at a time, so a cancel stops the next one from starting
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                file = running.pop(fut)
                fut.result()
                done += 1
                if progress:
                    progress(done, total, file.title)
                stopped = stopped or (cancel is not None and cancel())
                following = None if stopped else next(waiting, None)
                if following is not None:
                    running[pool.submit(_make, following)] = following
    if stopped and done < total:  # the files being made were finished: none is left half made
        raise CompanionError(STOPPED)
    return paths


def _make(file: _File) -> None:
    if file.artist is not None:
        _write_track(file.path, file.artist, file.index, file.cover, file.seed)
        return
    assert file.video is not None
    tmp = file.path.with_name(file.path.stem + ".part" + file.path.suffix)
    synth.write_video(tmp, seconds=file.video.seconds, size=(320, 180), fps=12, color=file.video.color)
    if file.path.suffix == ".mp4":
        synth.write_tags(tmp, {"title": file.video.title})
    tmp.replace(file.path)


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
