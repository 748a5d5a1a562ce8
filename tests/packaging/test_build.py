"""Smoke test of the built Linux bundle: it starts, runs the demo self-test, installs its menu entry.

Too slow for the normal run (it needs a PyInstaller build, about two minutes here), so it runs only with

    COMPANION_TEST_BUNDLE=1 python -m pytest tests/packaging/test_build.py

It uses ``dist/`` from ``python packaging/build.py`` (or ``COMPANION_BUNDLE_DIST=DIR``) and builds
it first when it is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from companion.core.desktop_entry import APP_ID

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("COMPANION_TEST_BUNDLE") != "1",
        reason="set COMPANION_TEST_BUNDLE=1 to build and test the bundle",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is tested on Linux"),
]


@pytest.fixture(scope="module")
def dist() -> Path:
    folder = Path(os.environ.get("COMPANION_BUNDLE_DIST", ROOT / "dist")).absolute()
    if not (folder / "companion" / "companion").is_file() or not list(
        folder.glob("companion-*-linux-*.tar.gz")
    ):
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "packaging" / "build.py"),
                "--dist",
                str(folder),
                "--work",
                str(folder.parent / "build"),
                "--no-appimage",
            ],
            check=True,
            timeout=1800,
        )
    return folder


def _run(exe: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 180):
    env = dict(os.environ if env is None else env, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)  # the bundle must not lean on the checkout
    return subprocess.run(
        [str(exe), *args], env=env, capture_output=True, text=True, timeout=timeout, cwd="/"
    )


def test_bundle_runs_the_demo_self_test(dist, tmp_path):
    exe = dist / "companion" / "companion"
    result = _run(exe, "--data-dir", str(tmp_path / "profile"), "--demo", "--self-test")
    assert result.returncode == 0, result.stderr[-3000:]
    report = [line for line in result.stdout.splitlines() if line.strip()]
    assert report and "ok" in report[-1].lower(), result.stdout


def test_bundle_analyses_and_refits_the_taste_model(dist, tmp_path):
    """PyAV decoding (analysis), then the taste refit (SciPy sparse, scikit-learn's randomized SVD and
    KMeans, numpy's BLAS through the OpenBLAS adapter) inside the bundle: same home as from source."""
    exe, profile = dist / "companion" / "companion", str(tmp_path / "profile")
    assert _run(exe, "--data-dir", profile, "--demo", "--self-test").returncode == 0
    result = _run(exe, "--data-dir", profile, "analyze")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    at = "2026-03-07T08:30+00:00"
    bundled = _run(exe, "--data-dir", profile, "home", "--json", "--at", at)
    assert bundled.returncode == 0, bundled.stderr[-3000:]
    rows = json.loads(bundled.stdout)
    assert len(rows) >= 5
    source = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", profile, "home", "--json", "--at", at],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert source.returncode == 0, source.stderr[-3000:]
    assert json.loads(source.stdout) == rows


def _webm(path: Path, codec: str) -> None:
    """A 1-second 160x120 video in ``codec`` with Opus sound, made with the checkout's PyAV."""
    import av
    import numpy as np

    with av.open(str(path), "w") as out:
        video = out.add_stream(codec, rate=24)
        video.width, video.height, video.pix_fmt = 160, 120, "yuv420p"
        audio = out.add_stream("libopus", rate=48000)
        for i in range(24):
            image = np.zeros((120, 160, 3), np.uint8)
            image[:, :, 0] = 200
            image[40:80, i * 5 : i * 5 + 40, 1] = 255
            out.mux(video.encode(av.VideoFrame.from_ndarray(image, format="rgb24")))
        tone = (0.3 * np.sin(2 * np.pi * 440 * np.arange(48000) / 48000)).astype(np.float32)[None, :]
        for k in range(0, tone.shape[1], 960):
            frame = av.AudioFrame.from_ndarray(tone[:, k : k + 960], format="flt", layout="mono")
            frame.sample_rate, frame.pts = 48000, k
            out.mux(audio.encode(frame))
        out.mux(video.encode())
        out.mux(audio.encode())


def test_bundle_decodes_vp8_and_vp9_without_libvpx(dist, tmp_path):
    """libvpx is a stand-in in the bundle: FFmpeg's own VP8/VP9 decoders read the videos and draw thumbnails."""
    av = pytest.importorskip("av")
    if not all(name in av.codecs_available for name in ("libvpx", "libvpx-vp9", "libopus")):
        pytest.skip("this PyAV cannot encode VP8/VP9 with Opus")
    media = tmp_path / "media"
    media.mkdir()
    _webm(media / "Night Drive VP8 (2019).webm", "libvpx")
    _webm(media / "Harbour Lights VP9 (2021).webm", "libvpx-vp9")
    exe, profile = dist / "companion" / "companion", str(tmp_path / "profile")
    result = _run(exe, "--data-dir", profile, "scan", str(media))
    assert result.returncode == 0, result.stderr[-3000:]
    items = json.loads(_run(exe, "--data-dir", profile, "library", "--json").stdout)
    assert sorted((i["status"], i["width"], round(i["duration"])) for i in items) == [("ok", 160, 1)] * 2
    covers = list((tmp_path / "profile").rglob("covers/*.jpg"))
    assert len(covers) == 2
    for cover in covers:
        with av.open(str(cover)) as image:
            red = next(image.decode(video=0)).to_ndarray(format="rgb24")[:, :, 0].mean()
        assert red > 150  # a decoded frame, not a blank placeholder


@pytest.fixture()
def pulse(tmp_path):
    """A private PulseAudio server with a null sink (Debian's pulseaudio + pulseaudio-utils), or skip."""
    if not (shutil.which("pulseaudio") and shutil.which("parec")):
        pytest.skip("needs pulseaudio and parec to hear the bundle play")
    runtime = tmp_path / "pulse"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(runtime))
    server = subprocess.Popen(
        [
            "pulseaudio",
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--load=module-native-protocol-unix",
            "--load=module-null-sink sink_name=out",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env["PULSE_SERVER"] = f"unix:{runtime / 'pulse' / 'native'}"
    deadline = time.monotonic() + 20
    while not (runtime / "pulse" / "native").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    yield env
    server.terminate()
    server.wait(timeout=10)


def test_bundle_plays_music_and_video_through_qt(dist, tmp_path, pulse):
    """Qt Multimedia's FFmpeg (Qt's own, or PyAV's when the build could share it) plays in the bundle."""
    import numpy as np

    exe, profile = dist / "companion" / "companion", tmp_path / "profile"
    assert _run(exe, "--data-dir", str(profile), "--demo", "--self-test").returncode == 0
    music = sorted((profile / "demo").rglob("*.mp3"))[0]
    video = sorted((profile / "demo").rglob("*.mp4"))[0]
    for media in (music, video):
        app = subprocess.Popen(
            [str(exe), "--data-dir", str(profile), "--open", str(media)],
            cwd="/",
            env=dict(pulse, QT_QPA_PLATFORM="offscreen"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        loudest, deadline = (
            0.0,
            time.monotonic() + 60,
        )  # the app may take a while to start on a loaded machine
        try:
            while loudest <= 300 and time.monotonic() < deadline and app.poll() is None:
                sound = subprocess.run(
                    ["parec", "-d", "out.monitor", "--format=s16le", "--rate=44100", "--channels=2", "--raw"],
                    env=pulse,
                    capture_output=True,
                    timeout=30,
                    check=False,
                    preexec_fn=lambda: signal.alarm(1),
                ).stdout
                samples = np.frombuffer(sound, np.int16).astype(float)
                loudest = max(loudest, float(np.sqrt((samples**2).mean())) if samples.size else 0.0)
        finally:
            app.terminate()
            _out, err = app.communicate(timeout=30)
        assert loudest > 300, f"{media.name} was not heard (RMS {loudest:.0f}): {err[-2000:]}"


def test_openblas_adapter_gives_numpy_the_same_results(tmp_path):
    """numpy with its OpenBLAS calls going to SciPy's copy (build.py's adapter) computes what it did before."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    import numpy

    if not shutil.which("cc"):
        pytest.skip("needs a C compiler")
    site = Path(numpy.__file__).parents[1]
    if not list(site.glob("numpy.libs/libscipy_openblas64_*.so")) or not list(
        site.glob("scipy.libs/libscipy_openblas-*.so")
    ):
        pytest.skip("numpy's and SciPy's wheels with their own OpenBLAS are needed")
    copy = tmp_path / "bundle" / "_internal"  # laid out as in the bundle, importable as a site folder
    for name in ("numpy", "numpy.libs", "scipy.libs"):
        shutil.copytree(
            site / name, copy / name, symlinks=True, ignore=shutil.ignore_patterns("tests", "__pycache__")
        )
    assert build.share_openblas(copy.parent) > 20e6
    check = ROOT / "tests" / "packaging" / "blas_check.py"
    before = subprocess.run(
        [sys.executable, str(check), str(tmp_path / "before.npz")], capture_output=True, text=True
    )
    after = subprocess.run(
        [sys.executable, str(check), str(tmp_path / "after.npz")],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(copy)),
    )
    assert before.returncode == 0 and after.returncode == 0, after.stderr[-3000:]
    assert "scipy.libs/libscipy_openblas-" in after.stdout and "scipy.libs" not in before.stdout
    import numpy as np

    with np.load(tmp_path / "before.npz") as a, np.load(tmp_path / "after.npz") as b:
        assert a.files == b.files
        for key in a.files:
            np.testing.assert_allclose(b[key], a[key], rtol=1e-5, atol=1e-8, err_msg=key)


def test_bundle_runs_headless_commands(dist, tmp_path):
    exe = dist / "companion" / "companion"
    assert _run(exe, "--version").stdout.startswith("companion ")
    result = _run(exe, "--data-dir", str(tmp_path / "p"), "settings")
    assert result.returncode == 0, result.stderr
    bad = _run(exe, "--data-dir", str(tmp_path / "p"), "no-such-command")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_bundle_leaves_out_unused_qt(dist):
    internal = dist / "companion" / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for unused in (
        "QtWebEngineCore.abi3.so",
        "QtPdf.abi3.so",
        "QtQml.abi3.so",
        "QtQuick.abi3.so",
        "libQt6WebEngineCore.so.6",
        "libQt6Pdf.so.6",
        "libQt6Charts.so.6",
        "libQt63DCore.so.6",
    ):
        assert unused not in names
    assert "libqxcb.so" in names and "libffmpegmediaplugin.so" in names and "libqsvg.so" in names


def test_tarball_install_script_puts_the_bundle_in_the_menu(dist, tmp_path):
    tarball = next(dist.glob("companion-*-linux-*.tar.gz"))
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    top = next((tmp_path / "unpacked").iterdir())
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))
    result = subprocess.run(
        ["sh", str(top / "install.sh")], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "xdg" / "applications" / f"{APP_ID}.desktop"
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec={top / 'companion' / 'companion'} --open %F"
    assert (tmp_path / "xdg" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(entry)], capture_output=True).returncode == 0
    result = subprocess.run(
        ["sh", str(top / "uninstall.sh")], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and not entry.exists()


def test_appdir_for_the_appimage_starts_the_app(dist, tmp_path):
    """What appimagetool would pack (it is not available here): AppRun runs the bundle, the entry validates."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    appdir = build.make_appdir(dist / "companion", tmp_path)
    result = _run(appdir / "AppRun", "--version")
    assert result.returncode == 0 and result.stdout.startswith("companion "), result.stderr
    assert (appdir / f"{APP_ID}.png").is_file() and (appdir / f"{APP_ID}.desktop").is_file()
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(appdir / f"{APP_ID}.desktop")]).returncode == 0
