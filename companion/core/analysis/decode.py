"""Decoding audio for analysis: a few excerpts, resampled to a modest rate, with PyAV.

Analysing three short windows instead of the whole track keeps decoding from dominating
(a 3-hour file costs the same as a 3-minute one). Short tracks are decoded whole, up to a
hard cap so a file whose duration is unknown or wrong cannot make us decode for hours.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from companion.core.errors import MediaError

RATE = 22050  # analysis sample rate (Hz)
EXCERPT_SECONDS = 12.0  # length of each excerpt
EXCERPT_POSITIONS = (0.2, 0.5, 0.8)  # where the excerpts sit, as fractions of the duration
WHOLE_CAP_SECONDS = 60.0  # tracks up to this long are decoded whole
HEAD_SECONDS = 17.0  # the start, for leading silence and the energy of the first 15 s (edges.py)
TAIL_SECONDS = 26.0  # the end, for the fade-out, trailing silence and the energy of the last 15 s


class DecodeError(MediaError):
    """The file holds no audio that FFmpeg can decode; the message is the plain reason."""


@dataclass
class Decoded:
    """Excerpts as float32 arrays of shape (channels, samples) at ``rate``; channels is 1 or 2."""

    excerpts: list[np.ndarray]
    rate: int
    duration: float | None  # seconds, as the container reports it (None if unknown)
    source_channels: int
    notes: list[str] = field(default_factory=list)
    head: np.ndarray | None = None  # (channels, samples) from 0 s; None when not decoded
    tail: np.ndarray | None = None  # (channels, samples) up to the end, from ``tail_start`` s
    tail_start: float = 0.0

    def mono(self) -> list[np.ndarray]:
        return [x.mean(axis=0) if x.shape[0] > 1 else x[0] for x in self.excerpts]

    @property
    def seconds(self) -> float:
        return sum(x.shape[1] for x in self.excerpts) / self.rate


def decode_excerpts(
    path: str,
    *,
    rate: int = RATE,
    excerpt_seconds: float = EXCERPT_SECONDS,
    positions: tuple[float, ...] = EXCERPT_POSITIONS,
    whole_cap_seconds: float = WHOLE_CAP_SECONDS,
    span: tuple[float, float | None] | None = None,
    edges: bool = True,
) -> Decoded:
    """Decode excerpts of ``path``'s first audio stream (and with ``edges`` its head and tail);
    raise DecodeError with a plain reason.
    ``span``: (start, end or None) of a CUE sheet's track in the file: only that part is analysed (its
    head and tail too: their times are from the track's start). One piece on purpose: one open container, read
    front to back (excerpts, then head and tail); its PyAV objects and the running position would otherwise
    pass between every step."""
    # PyAV: only where media is decoded
    import av

    container = _open(path)
    try:
        with container:
            if not container.streams.audio:
                raise DecodeError("no audio stream")
            stream = container.streams.audio[0]
            channels = int(stream.codec_context.channels or 1)
            duration = _duration(container, stream)
            offset = span[0] if span else 0.0
            if span:
                end = span[1] if span[1] is not None else duration
                duration = end - offset if end is not None else None
            layout = "stereo" if channels >= 2 else "mono"
            whole = duration is None or duration <= max(whole_cap_seconds, excerpt_seconds * len(positions))
            if whole:
                starts = [offset]
                length = whole_cap_seconds if duration is None else min(duration + 1.0, whole_cap_seconds)
                if span and duration is not None:
                    length = duration  # not into the next track
            else:
                assert duration is not None  # else the file is read whole
                starts = [offset + max(0.0, p * duration - excerpt_seconds / 2) for p in positions]
                length = excerpt_seconds
            excerpts = []
            actual = rate
            head = None
            if edges and not whole:
                head, actual = _decode_window(
                    container, stream, offset, HEAD_SECONDS, rate, layout, seek=offset > 0
                )
            for start in starts:
                x, actual = _decode_window(
                    container, stream, start, length, rate, layout, seek=not whole or offset > 0
                )
                if x.shape[1] > 0:
                    excerpts.append(x)
            tail, tail_start = None, 0.0
            if edges and not whole and duration is not None:
                tail_start = max(0.0, duration - TAIL_SECONDS)
                tail, actual = _decode_window(
                    container,
                    stream,
                    offset + tail_start,
                    duration - tail_start + (0.0 if span else 2.0),
                    rate,
                    layout,
                    seek=True,
                )
            if not excerpts and not whole:
                # Seeking found nothing (a truncated file): read what there is from the start.
                with _open(path) as again:
                    x, actual = _decode_window(
                        again, again.streams.audio[0], 0.0, whole_cap_seconds, rate, layout, seek=False
                    )
                if x.shape[1] > 0:
                    excerpts.append(x)
    except DecodeError:
        raise
    except (av.FFmpegError, OSError, ValueError, RuntimeError) as e:
        raise DecodeError(f"decoding failed ({_reason(e)})") from None
    if not excerpts:
        raise DecodeError("no audio could be decoded")
    if edges and (whole or head is None or tail is None or not head.shape[1] or not tail.shape[1]):
        head, tail, tail_start = excerpts[0], excerpts[-1], 0.0  # decoded whole: from the track's start
        if not whole:  # the edges could not be read: none rather than wrong ones
            head = tail = None
    return Decoded(
        excerpts=excerpts,
        rate=actual,
        duration=duration,
        source_channels=channels,
        head=head,
        tail=tail,
        tail_start=tail_start,
    )


def _open(path: str) -> Any:  # an av.InputContainer
    # PyAV: only where media is decoded
    import av

    try:
        if os.path.isfile(path) and os.path.getsize(path) == 0:
            raise DecodeError("the file is empty")
    except OSError:
        pass
    try:
        return av.open(path, metadata_errors="ignore")
    except FileNotFoundError:
        raise DecodeError("file not found") from None
    except IsADirectoryError:
        raise DecodeError("is a folder, not a file") from None
    except PermissionError:
        raise DecodeError("permission denied") from None
    except (av.FFmpegError, OSError, UnicodeDecodeError, ValueError) as e:
        raise DecodeError(f"not an audio file FFmpeg can read ({_reason(e)})") from None


def decode_samples(samples: np.ndarray, rate: int = RATE) -> Decoded:
    """Wrap in-memory mono samples as one excerpt (tests and benchmarks on raw signals)."""
    x = np.asarray(samples, dtype=np.float32)
    x = x[None, :] if x.ndim == 1 else x
    return Decoded(
        excerpts=[x], rate=rate, duration=x.shape[1] / rate, source_channels=x.shape[0], head=x, tail=x
    )


def _decode_window(
    container: Any, stream: Any, start: float, length: float, rate: int, layout: str, *, seek: bool
) -> tuple[np.ndarray, int]:
    """Decode ``length`` seconds from ``start``. Frames are queued natively in an AudioFifo and resampled
    in one call (converting and resampling frame by frame costs about as much as decoding)."""
    # PyAV: only where media is decoded
    import av

    empty = np.zeros((1 if layout == "mono" else 2, 0), dtype=np.float32)
    if seek:
        try:
            container.seek(
                int(start / float(stream.time_base)), stream=stream, backward=True, any_frame=False
            )
        except av.FFmpegError:  # e.g. a truncated file that claims a long duration
            return empty, rate
    fifo = av.AudioFifo()
    shape_key = None
    want = skip = 0
    for frame in _frames(container, stream):
        key = (frame.format.name, frame.layout.name, frame.sample_rate)
        if shape_key is None:
            shape_key = key
            native = frame.sample_rate or rate
            if seek and frame.time is not None:
                # Seeking lands on the key frame before ``start``; drop the lead-in.
                skip = max(0, int((start - frame.time) * native))
            want = skip + int(length * native)
        elif key != shape_key:
            break  # the stream changed format mid-way: keep what we have
        frame.pts = None  # the queue only needs the samples in order
        fifo.write(frame)
        if fifo.samples >= want:
            break
    if shape_key is None or fifo.samples <= skip:
        return empty, rate
    if skip:
        fifo.read(skip)
    block = fifo.read(min(want - skip, fifo.samples))
    if block is None:
        return empty, rate
    resampler = av.AudioResampler(format="fltp", layout=layout, rate=rate)
    out = [o.to_ndarray() for o in resampler.resample(block)]
    out += [o.to_ndarray() for o in resampler.resample(None)]
    if not out:
        return empty, rate
    return np.ascontiguousarray(np.concatenate(out, axis=1), dtype=np.float32), rate


def _frames(container: Any, stream: Any) -> Iterator[Any]:
    """Decoded frames from the current position, skipping damaged packets."""
    # PyAV: only where media is decoded
    import av

    try:
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.InvalidDataError:
                continue  # one damaged packet: skip it, keep the rest
            yield from frames
    except av.EOFError:
        return


def _duration(container: Any, stream: Any) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        d = float(stream.duration * stream.time_base)
        if d > 0:
            return d
    if container.duration is not None and container.duration > 0:
        return container.duration / 1_000_000
    return None


def _reason(e: BaseException) -> str:
    # PyAV: only where media is decoded
    import av

    if isinstance(e, av.EOFError):
        return "the file is empty or ends too early"
    if isinstance(e, av.InvalidDataError):
        return "invalid or unrecognised data"
    text = getattr(e, "strerror", None) or str(e) or type(e).__name__
    return str(text).split(":")[0].strip()[:120]
