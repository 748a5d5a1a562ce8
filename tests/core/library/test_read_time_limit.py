"""A file that never finishes reading (a hung drive, a device) costs one failure, never the scan."""

from __future__ import annotations

import os
import time

import pytest

from companion.core.library import reader


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO to block on")
def test_a_read_that_hangs_is_stopped_and_recorded(tmp_path, monkeypatch):
    fifo = tmp_path / "stuck.mp3"
    os.mkfifo(fifo)                      # opening it blocks until a writer appears: never
    monkeypatch.setattr(reader, "READ_LIMIT_S", 1.0)
    started = time.monotonic()
    result = reader.read_one((str(fifo), "music", 4096, 0, None, str(tmp_path)))
    assert time.monotonic() - started < 10
    assert result["ok"] is False and "took longer than 1 s" in result["error"]


def test_the_limit_is_lifted_after_each_file(tmp_path):
    with reader.time_limit(0.2):
        pass
    time.sleep(0.4)                      # no stray alarm fires later
