"""Synthesise real, playable media files with PyAV and tag them with mutagen.

Used by ``companion --demo``, the tests and the benchmarks: no downloads, every file
is made on the spot. Audio comes from numpy signals; the container and codec follow
the file extension.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

# extension -> (container format, codec, sample format, forced rate or None)
AUDIO_FORMATS: dict[str, tuple[str, str, str, int | None]] = {
    ".mp3": ("mp3", "libmp3lame", "s16p", None),
    ".flac": ("flac", "flac", "s16", None),
    ".ogg": ("ogg", "vorbis", "fltp", None),
    ".opus": ("ogg", "libopus", "s16", 48000),
    ".m4a": ("ipod", "aac", "fltp", None),
    ".wav": ("wav", "pcm_s16le", "s16", None),
    ".aiff": ("aiff", "pcm_s16be", "s16", None),
    ".wv": ("wv", "wavpack", "fltp", None),
    ".mka": ("matroska", "aac", "fltp", None),
    ".weba": ("webm", "libopus", "s16", 48000),
    ".webm": ("webm", "libopus", "s16", 48000),
    ".mkv": ("matroska", "flac", "s16", None),
}


def tone(seconds: float, rate: int = 22050, freq: float = 440.0, level_db: float = -12.0) -> np.ndarray:
    """A sine at ``freq`` Hz and ``level_db`` dBFS peak, float32 mono."""
    t = np.arange(int(seconds * rate), dtype=np.float64) / rate
    return (10 ** (level_db / 20) * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def click_track(seconds: float, bpm: float, rate: int = 22050, level_db: float = -6.0) -> np.ndarray:
    """Short decaying clicks on every beat at ``bpm``."""
    out = np.zeros(int(seconds * rate), dtype=np.float32)
    click_len = int(0.03 * rate)
    env = np.exp(-np.arange(click_len) / (0.004 * rate)).astype(np.float32)
    burst = env * np.sin(2 * np.pi * 1000 * np.arange(click_len) / rate).astype(np.float32)
    step = 60.0 / bpm * rate
    pos = 0.0
    while int(pos) + click_len < len(out):
        out[int(pos) : int(pos) + click_len] += burst
        pos += step
    return (out * 10 ** (level_db / 20)).astype(np.float32)


def music_like(
    seconds: float,
    bpm: float = 110,
    root_hz: float = 220.0,
    minor: bool = False,
    brightness: float = 0.5,
    rate: int = 22050,
    seed: int = 0,
) -> np.ndarray:
    """A simple musical texture: a triad pad plus a beat, with a controllable character."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    third = 2 ** (3 / 12) if minor else 2 ** (4 / 12)
    pad = sum(np.sin(2 * np.pi * root_hz * r * t) for r in (1.0, third, 1.5))
    harmonics = sum((brightness**k) * np.sin(2 * np.pi * root_hz * (k + 1) * t) for k in range(1, 6))
    beat = click_track(seconds, bpm, rate, level_db=0.0)[: len(t)]
    noise = rng.standard_normal(len(t)) * 0.02 * brightness
    sig = 0.25 * pad / 3 + 0.15 * harmonics + 0.5 * beat + noise
    return (0.7 * sig / max(1e-9, float(np.max(np.abs(sig))))).astype(np.float32)


def speech_like(seconds: float, rate: int = 22050, seed: int = 0, pitch_hz: float = 120.0) -> np.ndarray:
    """Something with the rhythm of speech: syllables of about 0.2 s (voiced: a buzz through two formant-like
    resonances; now and then unvoiced: noise), four or five a second, in words with short pauses between."""
    rng = np.random.default_rng(seed)
    out = np.zeros(int(seconds * rate), dtype=np.float64)
    pos = int(0.1 * rate)
    while pos < len(out):
        for _ in range(int(rng.integers(1, 5))):  # a word of one to four syllables
            if pos >= len(out):
                break
            n = int(rng.uniform(0.12, 0.25) * rate)
            t = np.arange(n) / rate
            env = np.sin(np.pi * np.arange(n) / n) ** 2
            if rng.random() < 0.25:
                syl: np.ndarray = rng.standard_normal(n) * 0.3
            else:
                f0 = pitch_hz * rng.uniform(0.85, 1.2)
                syl = sum(
                    (
                        np.sin(2 * np.pi * f0 * k * t) / k * (1.0 + 2.0 * (abs(f0 * k - 600) < 250))
                        for k in range(1, 12)
                    ),
                    np.zeros(n),
                )
            end = min(len(out), pos + n)
            out[pos:end] += (env * syl)[: end - pos]
            pos += n + int(rng.uniform(0.02, 0.06) * rate)
        pos += int(rng.uniform(0.15, 0.5) * rate)  # the pause between words
    return (0.6 * out / max(1e-9, float(np.max(np.abs(out))))).astype(np.float32)


def write_audio(
    path: str | Path,
    samples: np.ndarray,
    rate: int = 22050,
    channels: int = 1,
    metadata: Mapping[str, str] | None = None,
) -> Path:
    """Encode float samples (-1..1, mono) to ``path``; the extension picks the format. ``metadata``: tags
    written by the container itself (Matroska and WebM, which mutagen cannot tag)."""
    # PyAV: only where media is decoded
    import av

    path = Path(path)
    fmt, codec, sample_fmt, forced_rate = AUDIO_FORMATS[path.suffix.lower()]
    samples = np.asarray(samples, dtype=np.float32)
    out_rate = forced_rate or rate
    if out_rate != rate:
        n = int(len(samples) * out_rate / rate)
        samples = np.interp(np.linspace(0, len(samples) - 1, n), np.arange(len(samples)), samples).astype(
            np.float32
        )
    if codec == "vorbis":
        channels = 2  # FFmpeg's native Vorbis encoder is stereo-only
    layout = "mono" if channels == 1 else "stereo"
    data = np.tile(samples[None, :], (channels, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format=fmt) as container:
        container.metadata.update(metadata or {})
        stream: Any = container.add_stream(codec, rate=out_rate, layout=layout)  # PyAV's: a union by kind
        if codec == "vorbis":
            stream.codec_context.options = {"strict": "-2"}
        frame_size = stream.codec_context.frame_size or 1024
        resampler = av.AudioResampler(format=sample_fmt, layout=layout, rate=out_rate)
        pts = 0
        for start in range(0, data.shape[1], frame_size):
            chunk = np.ascontiguousarray(data[:, start : start + frame_size])
            frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout=layout)
            frame.sample_rate = out_rate
            frame.pts = pts
            frame.time_base = Fraction(1, out_rate)
            pts += chunk.shape[1]
            for rframe in resampler.resample(frame):
                for packet in stream.encode(rframe):
                    container.mux(packet)
        for rframe in resampler.resample(None):
            for packet in stream.encode(rframe):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def write_video(
    path: str | Path,
    seconds: float = 2.0,
    size: tuple[int, int] = (160, 90),
    fps: int = 12,
    with_audio: bool = True,
    color: tuple[int, int, int] = (40, 90, 200),
    black_frames: int = 0,
) -> Path:
    """A small moving-picture video with an optional tone track; container by extension. One piece on purpose:
    one container is opened, its streams set up and written in turn."""
    # PyAV: only where media is decoded
    import av

    path = Path(path)
    ext = path.suffix.lower()
    vcodec, acodec = {
        ".webm": ("libvpx", "libopus"),
        ".mkv": ("libx264", "aac"),
        ".avi": ("mpeg4", "libmp3lame"),
        ".ogv": ("libtheora", "libvorbis"),
    }.get(ext, ("libx264", "aac"))
    w, h = size
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as container:
        vs: Any = container.add_stream(vcodec, rate=fps)
        vs.width, vs.height, vs.pix_fmt = w, h, "yuv420p"
        aus: Any = None  # PyAV's streams: a union by kind
        if with_audio:
            arate = 48000
            aus = container.add_stream(acodec, rate=arate, layout="mono")
        frames = int(seconds * fps)
        base = np.array(color, dtype=np.float32)
        yy, xx = np.mgrid[0:h, 0:w]
        for i in range(frames):
            if i < black_frames:
                img = np.zeros((h, w, 3), dtype=np.uint8)
            else:
                shade = (np.sin((xx + i * 4) / 9.0) * 0.5 + 0.5)[..., None]
                img = np.clip(base * (0.5 + shade) + (yy[..., None] * 0.3), 0, 255).astype(np.uint8)
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = i
            for packet in vs.encode(frame):
                container.mux(packet)
        for packet in vs.encode(None):
            container.mux(packet)
        if aus is not None:
            samples = tone(seconds, 48000, 330.0, -20.0)
            fs = aus.codec_context.frame_size or 1024
            resampler = av.AudioResampler(format=aus.codec_context.format.name, layout="mono", rate=48000)
            for start in range(0, len(samples), fs):
                chunk = samples[None, start : start + fs].copy()
                sound = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="mono")
                sound.sample_rate = 48000
                sound.pts = start
                sound.time_base = Fraction(1, 48000)
                for rf in resampler.resample(sound):
                    for packet in aus.encode(rf):
                        container.mux(packet)
            for packet in aus.encode(None):
                container.mux(packet)
    return path


def cover_jpeg(seed: int = 0, size: int = 300, text_color: tuple[int, int, int] | None = None) -> bytes:
    """A colourful square cover image as JPEG bytes (encoded with PyAV's mjpeg)."""
    # PyAV: only where media is decoded
    import av

    rng = np.random.default_rng(seed)
    c1, c2 = rng.integers(30, 230, size=3), rng.integers(30, 230, size=3)
    yy, xx = np.mgrid[0:size, 0:size] / size
    mix = ((xx + yy) / 2)[..., None]
    img = c1 * (1 - mix) + c2 * mix
    cx, cy, r = rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.7), rng.uniform(0.15, 0.3)
    circle = ((xx - cx) ** 2 + (yy - cy) ** 2) < r * r
    img[circle] = 255 - img[circle]
    # the one JPEG encoder the app uses
    from companion.core.library.covers import encode_jpeg

    return encode_jpeg(av.VideoFrame.from_ndarray(img.astype(np.uint8), format="rgb24"), max_side=size)


def write_tags(
    path: str | Path, tags: Mapping[str, str | int | float | Sequence[str]], cover: bytes | None = None
) -> None:
    """Write common tags (title, artist, album, albumartist, genre, date, tracknumber,
    discnumber, bpm, mood, musicbrainz_trackid) and an optional JPEG cover with mutagen."""
    # mutagen: only where tags are read or written
    import mutagen
    from mutagen.flac import Picture
    from mutagen.id3 import APIC, ID3
    from mutagen.mp4 import MP4Cover

    path = Path(path)
    if path.suffix.lower() in (".wav", ".aiff"):
        _write_id3_in_chunk(path, tags)
        return
    audio = mutagen.File(path, easy=True)
    if audio is None:
        raise ValueError(f"mutagen cannot tag {path}")
    if audio.tags is None:
        audio.add_tags()
    for key, value in tags.items():
        values = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
        audio[key] = values
    audio.save()
    if cover is None:
        return
    full = mutagen.File(path)
    ext = path.suffix.lower()
    if ext == ".mp3":
        id3 = ID3(path)
        id3.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover", data=cover))
        id3.save(path)
    elif ext == ".m4a":
        full.tags["covr"] = [MP4Cover(cover, imageformat=MP4Cover.FORMAT_JPEG)]
        full.save()
    elif ext == ".flac":
        pic = Picture()
        pic.type, pic.mime, pic.data = 3, "image/jpeg", cover
        full.add_picture(pic)
        full.save()
    elif ext in (".ogg", ".opus"):
        pic = Picture()
        pic.type, pic.mime, pic.data = 3, "image/jpeg", cover
        full["metadata_block_picture"] = [base64.b64encode(pic.write()).decode("ascii")]
        full.save()


_ID3_FRAMES = {
    "title": "TIT2",
    "artist": "TPE1",
    "album": "TALB",
    "albumartist": "TPE2",
    "genre": "TCON",
    "date": "TDRC",
    "tracknumber": "TRCK",
    "discnumber": "TPOS",
    "bpm": "TBPM",
    "mood": "TMOO",
}


def _write_id3_in_chunk(path: Path, tags: Mapping[str, str | int | float | Sequence[str]]) -> None:
    """WAV and AIFF keep ID3 in a chunk, which mutagen's easy interface does not cover."""
    # mutagen: only where tags are read or written
    import mutagen
    from mutagen import id3

    audio = mutagen.File(path)
    if audio.tags is None:
        audio.add_tags()
    for key, value in tags.items():
        values = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
        frame_id = _ID3_FRAMES.get(key)
        if frame_id is None:
            raise ValueError(f"no ID3 frame for tag {key!r}")
        audio.tags.add(getattr(id3, frame_id)(encoding=3, text=values))
    audio.save()
