"""An exported mix plays in a real player: mpv opens every entry (absolute and relative playlists)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from companion.core.media.synth import tone, write_audio
from companion.core.playlists.export import export_items
from tests.core.importers.library import add_item

MARK, END = b"COMPANION-OPENED<", b">END"
NAMES = ["plain.wav", "日本語 の 歌.wav", "#hash.wav", "100% & more?.wav", "Ελληνικά 🎵.wav", "new\nline.wav"]
if os.name != "nt":
    NAMES.append(os.fsdecode(b"caf\xe9.wav"))


def _mpv() -> str:
    found = shutil.which("mpv")
    if not found:
        pytest.skip("mpv is not installed (Debian: apt-get install mpv)")
    return found


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_mpv_opens_every_entry_of_an_exported_m3u8(db, tmp_path, relative):
    mpv = _mpv()
    folder = tmp_path / "Müsic"
    paths = []
    for i, name in enumerate(NAMES):
        p = write_audio(folder / name, tone(0.2, freq=300 + 40 * i))
        paths.append(str(p))
    ids = [add_item(db, p, title=f"Song {i}", artist="Band", duration=0.2) for i, p in enumerate(paths)]
    out, count = export_items(db, ids, tmp_path / "mix.m3u8", relative=relative, title="Test mix")
    assert count == len(NAMES)
    # run from elsewhere, so relative entries must resolve against the playlist's folder
    result = subprocess.run(
        [mpv, "--no-config", "--no-video", "--ao=null", "--term-status-msg=",
         "--term-playing-msg=" + (MARK + b"${path}" + END).decode(), "--playlist=" + str(out)],
        cwd="/", capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    opened = [part.split(END)[0] for part in result.stdout.split(MARK)[1:]]
    assert opened == [os.fsencode(p) for p in paths]
