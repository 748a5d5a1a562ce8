"""One playback, tracked from start to end as a small pure state machine.

The player reports positions as they come; seeks are recognised as jumps and do not
count as listening; pauses simply stop the reports. ``finish`` returns the one event
the playback produced and can only happen once, so a seek, a pause, or the app
closing mid-track never double counts.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

from companion.core.events.thresholds import SEEK_JUMP_SECONDS, START_REASONS, classify


@dataclass
class Playback:
    item_id: int
    kind: str = "music"
    duration: float | None = None
    start_reason: str = "user"
    context: str | None = None
    started_at: float = field(default_factory=time.time)
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    position: float = 0.0
    listened: float = 0.0
    finished: bool = False
    private: bool = False  # private session: nothing about it is stored
    jumped: bool = False  # the person sought within the item (a resume seek at the start is not one)

    def __post_init__(self) -> None:
        if self.start_reason not in START_REASONS:
            raise ValueError(f"unknown start reason {self.start_reason!r}")

    def progress(self, position: float) -> None:
        """A position report while playing: small forward steps count as listening."""
        if self.finished:
            return
        step = position - self.position
        if 0 < step <= SEEK_JUMP_SECONDS:
            self.listened += step
        elif step != 0 and self.listened > 0:
            self.jumped = True
        self.position = max(0.0, position)

    def seek(self, position: float) -> None:
        """An explicit seek: moves the position without counting any listening."""
        if not self.finished:
            if (self.listened > 0 or self.position > 0) and abs(position - self.position) > 0.5:
                self.jumped = True
            self.position = max(0.0, position)

    def set_duration(self, duration: float | None) -> None:
        if duration and duration > 0:
            self.duration = duration

    def finish(self, end_reason: str) -> str | None:
        """The event type this playback produced (None: nothing to record); only the first call counts."""
        if self.finished:
            return None
        self.finished = True
        return classify(self.listened, self.position, self.duration, end_reason, unbroken=not self.jumped)
