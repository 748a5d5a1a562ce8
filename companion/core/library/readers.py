"""What the scan needs from the worker processes that read its files (the job system's pool is one).

The scanner does not start processes itself: its caller hands it a :class:`ReaderPool`, a way to
make :class:`Readers` for a reading function (``companion.core.jobs.scan`` gives it the job system's
pool). So the library layer stays below the job system that runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol


class Readers(Protocol):
    """Tasks go in while the walk goes on; results come back in completion order."""

    added: int  # tasks added so far

    @property
    def outstanding(self) -> int: ...  # tasks added and not returned yet

    def add(self, tasks: Iterable[tuple[Any, ...]]) -> None: ...

    def finish(self) -> None: ...  # no more tasks

    def results(self, timeout: float | None = 0.0) -> list[Any]: ...

    def next_job(
        self,
        fn: Callable[[tuple[Any, ...]], tuple[Any, ...]],
        kind_of: Callable[[tuple[Any, ...]], str],
        lost: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None = None,
    ) -> None: ...  # the same workers, another kind of task

    def close(self) -> None: ...


class ReaderPool(Protocol):
    """Makes the readers of one scan: ``fn`` reads a task; ``lost`` is the result for a file whose reading
    ended its worker process (twice: once with others, once alone)."""

    def __call__(
        self,
        fn: Callable[[tuple[Any, ...]], tuple[Any, ...]],
        covers_dir: str | None,
        workers: int | None,
        *,
        thumbnails: bool,
        lost: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None,
    ) -> Readers: ...
