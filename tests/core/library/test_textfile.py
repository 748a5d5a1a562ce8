"""Reading a file someone hands in: regular files under the limit only, each refusal naming the file."""

from __future__ import annotations

import os

import pytest

from companion.core.library.textfile import read_limited


class Refused(Exception):
    pass


def test_a_small_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "history.json"
    path.write_bytes(b"[1, 2, 3]")
    assert read_limited(path, 100, "a history", Refused) == b"[1, 2, 3]"


def test_a_file_over_the_limit_is_refused_with_its_name(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * (3 * 2**20))
    with pytest.raises(Refused, match=r"big\.csv: too large \(over 2 MB\) to be a history"):
        read_limited(path, 2 * 2**20, "a history", Refused)
    path.write_bytes(b"x" * (2 * 2**20))  # exactly the limit is fine
    assert len(read_limited(path, 2 * 2**20, "a history", Refused)) == 2 * 2**20


def test_folders_pipes_and_missing_files_are_refused_before_reading(tmp_path):
    with pytest.raises(Refused, match="not a file"):
        read_limited(tmp_path, 100, "a playlist", Refused)
    with pytest.raises(Refused, match=r"nothing\.m3u: not a file"):
        read_limited(tmp_path / "nothing.m3u", 100, "a playlist", Refused)
    fifo = tmp_path / "pipe.m3u"
    os.mkfifo(fifo)  # reading it would wait for a writer for ever
    with pytest.raises(Refused, match="not a file"):
        read_limited(fifo, 100, "a playlist", Refused)
