import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from companion.core.media.synth import tone, write_audio
from companion.core.playlists.export import export_items, export_row
from companion.core.playlists.readers import read_playlist
from companion.core.taste.rows import Row, RowItem
from tests.core.importers.library import add_item


def test_export_items_keeps_queue_order_and_skips_unknown_ids(db, tmp_path):
    a = add_item(db, "/m/a.mp3", artist="A", title="One", duration=100.0)
    b = add_item(db, "/v/show.mkv", kind="video", show="Show", title="Pilot", duration=1500.0)
    out, n, note = export_items(db, [b, 999, a, b], tmp_path / "queue.m3u")
    assert note is None
    assert n == 3
    parsed = read_playlist(out)
    assert [(e.location, e.artist, e.title) for e in parsed.entries] == [
        ("/v/show.mkv", "Show", "Pilot"),
        ("/m/a.mp3", "A", "One"),
        ("/v/show.mkv", "Show", "Pilot"),
    ]


def test_export_row_uses_the_rows_items_and_title(tmp_path):
    row = Row(
        "now",
        "Morning mix",
        "music",
        "for your mornings",
        items=(RowItem(1, "/m/a b.flac", "music", "Song", "Band", "because", duration=61.0, album="Al"),),
    )
    out, n, _ = export_row(row, tmp_path / "now.xspf")
    parsed = read_playlist(out)
    assert (n, parsed.name) == (1, "Morning mix")
    assert [(e.location, e.title, e.artist, e.album, e.duration) for e in parsed.entries] == [
        ("file:///m/a%20b.flac", "Song", "Band", "Al", 61.0)
    ]


# --- Exported mixes play in real players: mpv and VLC open every entry, byte for byte, with names in
# many scripts and with characters players treat as syntax ("#", "?", "%41", newlines, non-UTF-8).

NAMES = [
    "plain.wav",
    "日本語 の 歌.wav",
    "#hash.wav",
    "100% & more?.wav",
    "a%41b.wav",
    "Ελληνικά 🎵.wav",
    "new\nline.wav",
    "col:on.wav",
    "[br] (x).wav",
]
if os.name != "nt":
    NAMES.append(os.fsdecode(b"caf\xe9.wav"))  # not UTF-8


@pytest.fixture(scope="module")
def media():
    """Short WAV files in a folder every user may read (VLC will not run as root, so it may run as nobody)."""
    base = Path(tempfile.mkdtemp(prefix="companion-players-"))
    folder = base / "Müsic"
    paths = [str(write_audio(folder / name, tone(0.05, freq=300 + 40 * i))) for i, name in enumerate(NAMES)]
    (base / "home").mkdir()
    for d, _, files in os.walk(base):
        os.chmod(d, 0o777 if d.endswith("home") else 0o755)
        for f in files:
            os.chmod(os.path.join(d, f), 0o644)
    yield base, paths
    shutil.rmtree(base, ignore_errors=True)


def _export(db, base: Path, paths: list[str], name: str, relative: bool) -> Path:
    ids = [add_item(db, p, title=f"Song {i}", artist="Band", duration=0.05) for i, p in enumerate(paths)]
    out, count, _ = export_items(db, ids, base / name, relative=relative, title="Test mix")
    assert count == len(paths)
    os.chmod(out, 0o644)
    return out


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_mpv_opens_every_entry_of_an_exported_m3u8(db, media, relative):
    mpv = shutil.which("mpv")
    if not mpv:
        pytest.skip("mpv is not installed (Debian: apt-get install mpv)")
    base, paths = media
    out = _export(db, base, paths, f"mpv-{relative}.m3u8", relative)
    mark, end = "COMPANION-OPENED<", ">END"
    # run from elsewhere, so relative entries must resolve against the playlist's folder
    result = subprocess.run(
        [
            mpv,
            "--no-config",
            "--no-video",
            "--ao=null",
            "--term-status-msg=",
            f"--term-playing-msg={mark}${{path}}{end}",
            f"--playlist={out}",
        ],
        cwd="/",
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    opened = [part.split(end.encode())[0] for part in result.stdout.split(mark.encode())[1:]]
    assert opened == [os.fsencode(p) for p in paths]


def _vlc_command() -> list[str]:
    vlc = shutil.which("cvlc")
    if not vlc:
        pytest.skip("VLC is not installed (Debian: apt-get install vlc-bin vlc-plugin-base)")
    cmd = [vlc, "--play-and-exit", "--aout=dummy", "--no-video", "-vv"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # VLC refuses to run as root
        setpriv = shutil.which("setpriv")
        if not setpriv:
            pytest.skip("running as root and setpriv is missing, so VLC cannot run")
        cmd = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    return cmd


@pytest.mark.parametrize("name, relative", [("vlc.m3u8", True), ("vlc.xspf", False)])
def test_vlc_opens_every_entry_of_an_export(db, media, name, relative):
    cmd = _vlc_command()
    base, paths = media
    out = _export(db, base, paths, name, relative)
    result = subprocess.run(
        [*cmd, str(out)],
        cwd="/",
        capture_output=True,
        timeout=90,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "HOME": str(base / "home")},
    )
    log = result.stdout + result.stderr
    assert b"unable to open" not in log, log.decode("utf-8", "replace")[-3000:]
    opened: list[bytes] = []
    for loc in re.findall(rb"creating demux: access='file' demux='any' location='([^']*)'", log):
        path = unquote_to_bytes(loc)
        if path != os.fsencode(str(out)) and (not opened or opened[-1] != path):
            opened.append(path)
    assert opened == [os.fsencode(p) for p in paths]
