"""A file that never finishes reading (a hung drive, a device) costs one failure, never the scan."""

from __future__ import annotations

import os
import time

import pytest

from companion.core.library import read_limit, reader


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO to block on")
def test_a_read_that_hangs_is_stopped_and_recorded(tmp_path, monkeypatch):
    fifo = tmp_path / "stuck.mp3"
    os.mkfifo(fifo)  # opening it blocks until a writer appears: never
    monkeypatch.setattr(read_limit, "READ_LIMIT_S", 1.0)
    started = time.monotonic()
    result = reader.read_one((str(fifo), "music", 4096, 0, None, str(tmp_path)))
    assert time.monotonic() - started < 10
    assert result["ok"] is False and "took longer than 1 s" in result["error"]


def test_the_limit_is_lifted_after_each_file(tmp_path):
    with read_limit.time_limit(0.2):
        pass
    time.sleep(0.4)  # no stray alarm fires later


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO to block on")
def test_a_worker_stops_a_hung_read_on_its_tick_and_goes_on(tmp_path, monkeypatch, make_audio):
    """In the pool, the limit is a steady tick rather than a timer per file: a hung file still fails with
    the reason, and the files after it are read."""
    from companion.core.jobs import pool
    from companion.core.jobs.scan import read_pool

    fifo = tmp_path / "stuck.mp3"
    os.mkfifo(fifo)
    good = make_audio(tmp_path / "good.mp3")
    monkeypatch.setattr(read_limit, "READ_LIMIT_S", 1.0)  # the forked workers inherit these
    monkeypatch.setattr(read_limit, "TICK_S", 0.2)
    monkeypatch.setattr(pool, "POOL_ABOVE_S", 0.0)
    monkeypatch.setattr(pool, "POOL_ABOVE_S_NO_FORK", 0.0)
    # forked workers inherit the patched limits; after other tests left threads in this process the pool
    # would use a fork server, whose workers import the module afresh (a 60 s limit)
    monkeypatch.setattr(pool, "_start_method", lambda fork=True: "fork")
    st = os.stat(good)
    tasks = [
        (str(fifo), "music", 4096, 0, None, str(tmp_path)),
        (str(good), "music", st.st_size, st.st_mtime_ns, None, str(tmp_path)),
    ]
    started = time.monotonic()
    with read_pool(reader.read_packed, None, 2, thumbnails=False, lost=None) as w:
        w.add(tasks)
        w.finish()
        got = []
        while w.outstanding:
            got += w.results(timeout=30)
    assert time.monotonic() - started < 20
    by_path = {r[1]: r for r in got}
    assert by_path[str(fifo)][0] == "fail" and "took longer than 1 s" in by_path[str(fifo)][2]
    assert by_path[str(good)][0] == "ok"
