"""Private means private (issue 16, part 11): after a window session every folder of the profile is 0700 and
every file 0600, ``window.ini`` and ``instance/`` included, and the base folders made on the way too."""

from __future__ import annotations

import os
import stat

import pytest

from companion.core.media.synth import tone, write_audio, write_tags

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _modes(root):
    for p in [root, *root.rglob("*")]:
        if p.is_symlink():
            continue
        yield p, stat.S_IMODE(p.lstat().st_mode), p.is_dir()


def test_a_whole_session_leaves_only_private_files(qtbot, tmp_path):
    from companion.app import build
    from companion.core.paths import resolve_profile
    from companion.ui.single_instance import claim_or_forward

    music = tmp_path / "Music" / "Band" / "Album"
    for n in range(3):
        path = write_audio(music / f"0{n} Song.flac", tone(2.0, freq=300 + 40 * n))
        write_tags(path, {"title": f"Song {n}", "artist": "Band", "album": "Album"})
    before = os.umask(0o022)  # a usual desktop umask: Companion must not rely on the person's own
    try:
        profile = resolve_profile(tmp_path / "base" / "profile").ensure()  # "base" is made on the way
        instance = claim_or_forward(profile, [])
        parts = build(profile, background=False)
        qtbot.addWidget(parts.window)
        w, c, player = parts.window, parts.controller, parts.player
        try:
            w.show()
            with qtbot.waitSignal(c.scanFinished, timeout=60_000):
                c.scan([str(tmp_path / "Music")])
            qtbot.waitUntil(lambda: c.home_data is not None and bool(c.home_data.rows), timeout=30_000)
            song = int(c.backend.store.conn().execute("SELECT id FROM items LIMIT 1").fetchone()[0])
            with qtbot.waitSignal(player.eventRecorded, timeout=15_000):
                player.play_items([song])
            w.close()  # saves window.ini
        finally:
            parts.close()
            instance.release()
    finally:
        os.umask(before)
    assert (profile.data_dir / "window.ini").is_file() and (profile.data_dir / "instance").is_dir()
    assert any(profile.cache_dir.rglob("*")), "the session wrote its caches"
    loose = [
        f"{p} {oct(mode)}"
        for p, mode, is_dir in _modes(profile.data_dir)
        if mode != (0o700 if is_dir else 0o600)
    ]
    assert not loose, "not private: " + ", ".join(loose)
    assert stat.S_IMODE((tmp_path / "base").stat().st_mode) == 0o700
