"""Build Companion's desktop bundle for the platform this runs on.

    python packaging/build.py [--dist DIR] [--work DIR] [--no-tarball] [--no-appimage]

Always: the PyInstaller one-folder bundle (``packaging/pyinstaller/companion.spec``) in
``DIST/companion`` (``DIST/Companion.app`` on macOS). On Linux also:

- ``DIST/companion-<version>-linux-<arch>.tar.gz``: the bundle plus ``install.sh`` /
  ``uninstall.sh`` that add it to the application menu (``--install-desktop-entry``);
- ``DIST/Companion-<version>-<arch>.AppImage`` when ``appimagetool`` is on PATH.

Windows (Inno Setup) and macOS (.dmg) are separate documented steps: docs/packaging.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "pyinstaller" / "companion.spec"
LINUX = ROOT / "packaging" / "linux"
DESKTOP = ROOT / "resources" / "desktop"  # the .desktop entry and AppStream metainfo
ICONS = ROOT / "resources" / "icons"
APP_ID = "io.github.companion.Companion"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    import companion

    return companion.__version__


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def build_bundle(dist: Path, work: Path) -> Path:
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)
    bundle = dist / ("Companion.app" if sys.platform == "darwin" else "companion")
    print(f"bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB)")
    return bundle


INSTALL_SH = """#!/bin/sh
# Add Companion to your application menu (for your user only; nothing needs root).
set -e
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/companion/companion" --install-desktop-entry
"""
UNINSTALL_SH = """#!/bin/sh
# Remove Companion from your application menu (your library and settings are kept).
set -e
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/companion/companion" --uninstall-desktop-entry
"""


def _script(tar: tarfile.TarFile, name: str, text: str) -> None:
    import io

    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o755
    tar.addfile(info, io.BytesIO(data))


_LOAD = re.compile(
    r"^\s*LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(.+?)\s+(0x[0-9a-f]+)$",
    re.MULTILINE,
)


def _load_segments(path: Path) -> list[tuple]:
    """(offset, address, file size, memory size, flags, alignment) of each PT_LOAD segment."""
    out = subprocess.run(["readelf", "-lW", str(path)], capture_output=True, text=True).stdout
    return [
        (int(o, 16), int(v, 16), int(fs, 16), int(ms, 16), fl.replace(" ", ""), int(al, 16))
        for o, v, fs, ms, fl, al in _LOAD.findall(out)
    ]


_SECTION = re.compile(
    r"^\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+"
    r"([A-Za-z]*)\s+\d+\s+\d+\s+\d+$",
    re.MULTILINE,
)


def _loaded_sections(path: Path) -> list[tuple[str, str, int, int, int]]:
    """(name, type, address, file offset, size) of each section that is mapped into memory."""
    out = subprocess.run(["readelf", "-SW", str(path)], capture_output=True, text=True).stdout
    return [
        (n, t, int(a, 16), int(o, 16), int(sz, 16))
        for n, t, a, o, sz, flags in _SECTION.findall(out)
        if "A" in flags
    ]


def _loads_the_same(original: Path, stripped: Path) -> bool:
    """True when the stripped file puts exactly the same bytes at the same addresses as the original.

    ``strip`` should only drop sections that are never loaded (symbol tables, debug info). Checked: every
    loaded section keeps its name, type, address and size; the loadable segments are page-aligned (offset
    and address congruent) and each loaded section's bytes come from a segment that maps them to that
    address. Libraries that patchelf rewrote (auditwheel's repair of numpy's and SciPy's OpenBLAS) can come
    out of ``strip`` with "ELF load command address/offset not page-aligned": caught here and left alone.
    """
    segments = _load_segments(stripped)
    if not segments or any((vaddr - off) % max(align, 1) for off, vaddr, _fs, _ms, _fl, align in segments):
        return False
    before, after = _loaded_sections(original), _loaded_sections(stripped)
    if not before or sorted((n, t, a, sz) for n, t, a, _o, sz in before) != sorted(
        (n, t, a, sz) for n, t, a, _o, sz in after
    ):
        return False
    for _name, kind, addr, off, size in after:
        if kind == "NOBITS" or size == 0:
            continue
        if not any(
            vaddr <= addr and addr + size <= vaddr + filesz and off == seg_off + (addr - vaddr)
            for seg_off, vaddr, filesz, _ms, _fl, _al in segments
        ):
            return False
    return True


def strip_symbols(bundle: Path) -> int:
    """``strip --strip-unneeded`` every shared library of a Linux bundle whose loadable layout survives it
    (checked per file, see ``_loads_the_same``); return the bytes saved. The executable is left alone (its
    archive is appended to it)."""
    tool = shutil.which("strip")
    if tool is None or shutil.which("readelf") is None:
        return 0
    saved = kept = 0
    for path in sorted(bundle.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        trial = path.with_name(path.name + ".stripped")
        done = subprocess.run([tool, "--strip-unneeded", "-o", str(trial), str(path)], capture_output=True)
        if (
            done.returncode == 0
            and trial.stat().st_size < path.stat().st_size
            and _loads_the_same(path, trial)
        ):
            saved += path.stat().st_size - trial.stat().st_size
            shutil.copymode(path, trial)
            trial.replace(path)
        else:
            kept += done.returncode == 0 and trial.stat().st_size < path.stat().st_size
            trial.unlink(missing_ok=True)
    print(
        f"strip --strip-unneeded: {saved / 1e6:.0f} MB saved ({kept} libraries left as they were: stripping "
        "would change how they load)"
    )
    return saved


def dedupe_wheel_libs(bundle: Path) -> int:
    """Replace byte-identical copies of a library in two wheels' ``*.libs`` folders by a relative symlink.

    numpy and SciPy each vendor the same libgfortran/libquadmath (same name, same bytes); the loader
    follows the symlink, so both OpenBLAS builds keep finding theirs next to them. Returns the bytes saved.
    """
    import hashlib

    first: dict[tuple[str, str], Path] = {}
    saved = 0
    for path in sorted((bundle / "_internal").glob("*.libs/*")):
        if not path.is_file() or path.is_symlink():
            continue
        key = (path.name, hashlib.sha256(path.read_bytes()).hexdigest())
        if key not in first:
            first[key] = path
            continue
        saved += path.stat().st_size
        path.unlink()
        path.symlink_to(os.path.relpath(first[key], path.parent))
    print(f"identical wheel libraries linked: {saved / 1e6:.0f} MB saved")
    return saved


def share_openblas(bundle: Path) -> int:
    """Replace numpy's own OpenBLAS (ILP64, 25 MB) by a small adapter that calls SciPy's (LP64) copy of the
    same OpenBLAS with the integers narrowed (``packaging/linux/stubs/openblas64.c``); return the bytes saved.

    Used only if the adapter defines every symbol the bundle takes from numpy's copy; numpy's own linalg
    and matmul tests pass with it, giving the same results bit for bit (docs/packaging.md)."""
    cc = shutil.which(os.environ.get("CC", "cc"))
    internal = bundle / "_internal"
    ours = [
        p for p in internal.glob("numpy.libs/libscipy_openblas64_*.so*") if p.is_file() and not p.is_symlink()
    ]
    theirs = [
        p for p in internal.glob("scipy.libs/libscipy_openblas-*.so*") if p.is_file() and not p.is_symlink()
    ]
    if cc is None or shutil.which("nm") is None or len(ours) != 1 or len(theirs) != 1:
        print(
            "numpy keeps its own OpenBLAS (needs a C compiler and nm, and one OpenBLAS in numpy.libs and scipy.libs)"
        )
        return 0
    lib, scipy_lib = ours[0], theirs[0]
    soname = _soname(lib) or lib.name
    trial = lib.with_name(lib.name + ".adapter")
    subprocess.run(
        [
            cc,
            "-shared",
            "-fPIC",
            "-O2",
            "-s",
            f"-Wl,-soname,{soname}",
            "-Wl,--no-undefined",
            f"-Wl,-rpath,$ORIGIN/{os.path.relpath(scipy_lib.parent, lib.parent)}",
            "-o",
            str(trial),
            str(LINUX / "stubs" / "openblas64.c"),
            str(scipy_lib),
        ],
        check=True,
    )
    provided = set(_defined_symbols(lib))
    wanted = {
        sym
        for user in internal.rglob("*.so*")
        if user.is_file() and not user.is_symlink() and user != lib and soname in _needed(user)
        for sym in _undefined_symbols(user, versions=True)
        if sym in provided
    }
    missing = wanted - set(_defined_symbols(trial))
    if missing:
        print(f"numpy keeps its own OpenBLAS: the adapter lacks {', '.join(sorted(missing)[:5])}")
        trial.unlink()
        return 0
    saved = lib.stat().st_size - trial.stat().st_size
    shutil.copymode(lib, trial)
    trial.replace(lib)
    print(f"numpy's OpenBLAS calls go to SciPy's copy ({len(wanted)} functions): {saved / 1e6:.0f} MB saved")
    return saved


def share_runtime_libs(bundle: Path) -> int:
    """Two wheels' builds of the same runtime library (SciPy's own libgfortran next to the one numpy's and
    SciPy's OpenBLAS share): the other copy becomes a symlink to the first when it defines every versioned
    symbol the bundle takes from it, then what only the dropped copy linked (its libquadmath) goes too."""
    internal = bundle / "_internal"
    files = sorted(p for p in internal.glob("*.libs/*") if p.is_file() and not p.is_symlink())
    first: dict[str, Path] = {}
    saved = 0
    for path in files:
        stem = path.name.split("-")[0]
        if not path.is_file() or not stem.startswith(("libgfortran", "libquadmath", "libgomp")):
            continue
        if stem not in first:
            first[stem] = path
            continue
        keep, soname = first[stem], _soname(path) or path.name
        users = [
            u for u in internal.rglob("*.so*") if u.is_file() and not u.is_symlink() and soname in _needed(u)
        ]
        provided = set(_defined_symbols(path))
        wanted = {s for u in users for s in _undefined_symbols(u, versions=True) if s in provided}
        if not wanted <= set(_defined_symbols(keep)):
            continue
        orphans = _needed(path)
        saved += path.stat().st_size
        path.unlink()
        path.symlink_to(os.path.relpath(keep, path.parent))
        linked = {
            n for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink() for n in _needed(p)
        }
        for name in orphans:
            for orphan in internal.glob(f"*.libs/{name}"):
                if name not in linked and orphan.is_file() and not orphan.is_symlink():
                    saved += orphan.stat().st_size
                    orphan.unlink()
    print(f"one libgfortran for numpy's and SciPy's code: {saved / 1e6:.0f} MB saved")
    return saved


QT_FFMPEG = ("libavcodec", "libavformat", "libavutil", "libswresample", "libswscale")


def share_ffmpeg(bundle: Path) -> int:
    """One FFmpeg for Qt Multimedia and PyAV, when they can share it; return the bytes saved.

    Qt's FFmpeg media plugin links its own FFmpeg libraries (``libavcodec.so.61`` ...); PyAV's wheel
    vendors another build under hashed names. When PyAV's libraries have the same major versions (the
    same ABI: PyAV up to 15.x and PySide6 6.9 to 6.11 both ship FFmpeg 7.1) and export every versioned
    symbol the bundle takes from Qt's, Qt's files become symlinks to PyAV's: the loader sees the same
    file under both names and maps it once. Otherwise (PyAV 16 and later ship FFmpeg 8) both stay.
    """
    internal = bundle / "_internal"
    qt_dir, av_dir = internal / "PySide6" / "Qt" / "lib", internal / "av.libs"
    pairs = []
    for name in QT_FFMPEG:
        qt = [p for p in qt_dir.glob(f"{name}.so.*") if p.is_file() and not p.is_symlink()]
        if len(qt) != 1:
            print(f"FFmpeg stays twice: no single {name} in Qt's libraries")
            return 0
        major = qt[0].name.split(".so.")[1].split(".")[0]
        ours = [p for p in av_dir.glob(f"{name}-*.so.{major}*") if p.is_file() and not p.is_symlink()]
        if len(ours) != 1:
            have = ", ".join(p.name for p in av_dir.glob(f"{name}-*.so*")) or "none"
            print(
                f"FFmpeg stays twice: Qt's {qt[0].name} has no PyAV counterpart of the same major version ({have})"
            )
            return 0
        pairs.append((qt[0], ours[0]))
    qt_files = {q for q, _o in pairs}
    qt_versions = {sym.split("@", 1)[1] for q in qt_files for sym in _defined_symbols(q) if "@" in sym}
    provided = {sym for _q, o in pairs for sym in _defined_symbols(o)}
    sonames = {_soname(q) or q.name for q in qt_files}
    wanted = {
        sym
        for user in internal.rglob("*.so*")
        if user.is_file() and not user.is_symlink() and user not in qt_files and sonames & set(_needed(user))
        for sym in _undefined_symbols(user, versions=True)
        if "@" in sym and sym.split("@", 1)[1] in qt_versions
    }
    if wanted - provided:
        print(f"FFmpeg stays twice: PyAV's lacks {', '.join(sorted(wanted - provided)[:5])}")
        return 0
    before = folder_size(bundle)
    orphans = set()
    for qt, ours in pairs:
        orphans.update(_needed(qt))
        qt.unlink()
        qt.symlink_to(os.path.relpath(ours, qt.parent))
    files = {p.name: p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()}
    linked = {name for path in files.values() for name in _needed(path)}
    for name in orphans - linked:  # Qt's stand-ins for VA-API and OpenSSL, which only its FFmpeg linked
        if name in files:
            files[name].unlink()
    for link in internal.rglob("*.so*"):
        if link.is_symlink() and not link.exists():
            link.unlink()
    saved = before - folder_size(bundle)
    print(
        f"Qt's FFmpeg plugin uses PyAV's FFmpeg ({len(wanted)} symbols checked): {saved / 1e6:.0f} MB saved"
    )
    return saved


# Libraries linked for things Companion never does, replaced by tiny libraries with the same soname whose
# functions fail or are unreachable (sources and reasons: packaging/linux/stubs/):
# - PyAV's H.265 and AV1 *encoders* (Companion decodes H.265 with FFmpeg's own decoder and AV1 with dav1d;
#   the demo encodes H.264, MPEG-4 and audio) and its GnuTLS, used only by FFmpeg's tls/https protocols
#   (Companion reads local files only): 33 MB with nettle, hogweed, GMP and libunistring, which only GnuTLS
#   needed;
# - Qt Quick and Qt Qml, which Qt Multimedia's FFmpeg plugin links only to screen-capture QML windows:
#   16 MB with QmlModels, QmlMeta and QmlWorkerScript, which only they needed;
# - PyAV's libavdevice (capture/playback devices; Companion opens files), with its XCB and ALSA libraries;
# - PyAV's libvpx (VP8/VP9 encoder; FFmpeg decodes VP8/VP9 itself) and libwebp/libwebpmux (WebP encoders;
#   FFmpeg decodes WebP itself), with libsharpyuv: 3 MB.
# A stand-in is used only if it defines every (versioned) symbol the bundle takes from the original.
STUBS = {  # file in the bundle -> (C source, version script or None)
    "av.libs/libx265-*.so*": ("x265.c", None),
    "av.libs/libSvtAv1Enc-*.so*": ("svtav1.c", None),
    "av.libs/libgnutls-*.so*": ("gnutls.c", "gnutls.map"),
    "PySide6/Qt/lib/libQt6Quick.so.6": ("qtquick.c", "qtquick.map"),
    "PySide6/Qt/lib/libQt6Qml.so.6": ("empty.c", None),
    "av.libs/libavdevice-*.so*": ("avdevice.c", "avdevice.map"),
    "av.libs/libvpx-*.so*": ("vpx.c", None),
    "av.libs/libwebp-*.so*": ("webp.c", None),
    "av.libs/libwebpmux-*.so*": ("webp.c", None),
    # Only in PyAV up to 15.x (FFmpeg 7.1, the one Qt's FFmpeg plugin can share): libaom (AV1 encoder and a
    # second AV1 decoder; dav1d decodes), OpenH264 (a second H.264 encoder/decoder) and libsrt (the srt://
    # protocol) with the OpenSSL 1.1 only it links.
    # Qt Network's Kerberos (GSS-API): Qt Network loads only because PySide6's Qt Multimedia bindings import it.
    "libgssapi_krb5.so.2": ("gssapi.c", "gssapi.map"),
    # PulseAudio's sound-file helpers (only its own tools call them) and systemd's socket activation and
    # journal (only services use them), with the codec and crypto libraries only those link.
    "libsndfile.so.1": ("sndfile.c", "sndfile.map"),
    "libsystemd.so.0": ("systemd.c", "systemd.map"),
    "av.libs/libaom-*.so*": ("aom.c", None),
    "av.libs/libopenh264-*.so*": ("openh264.c", None),
    "av.libs/libsrt-*.so*": ("srt.c", None),
}


def _version_script(script: Path, original: Path, trial: Path) -> Path:
    """``script``, with its version node renamed to the original's when the original library exports its
    symbols under another version of the same name (libavdevice 61 for PyAV 15, 62 for PyAV 18)."""
    text = script.read_text()
    node = text.split("{", 1)[0].strip()
    versions = {sym.split("@", 1)[1] for sym in _defined_symbols(original) if "@" in sym}
    base = node.rstrip("0123456789_")
    same = sorted(v for v in versions if v.rstrip("0123456789_") == base)
    if node in versions or len(same) != 1:
        return script
    out = Path(tempfile.gettempdir()) / f"companion-{original.name}.map"
    out.write_text(text.replace(node, same[0], 1))
    return out


def _soname(path: Path) -> str | None:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if "(SONAME)" in line:
            return line.split("[", 1)[1].rstrip("]")
    return None


def _needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]


def _reachable(needed_by: dict[Path, list[str]], through: set[Path]) -> set[Path]:
    """The libraries loaded, directly or not, by the bundle's Python extension modules, Qt plugins and
    libpython, following only the dependencies of files in ``through``."""
    by_name: dict[str, list[Path]] = {}
    for path in needed_by:
        by_name.setdefault(path.name, []).append(path)
    stack = [
        p
        for p in needed_by
        if p.name.endswith((".abi3.so", "-linux-gnu.so"))
        or "plugins" in p.parts
        or p.name.startswith("libpython")
    ]
    seen: set[Path] = set()
    while stack:
        path = stack.pop()
        if path in seen:
            continue
        seen.add(path)
        if path in through:
            for name in needed_by[path]:
                stack.extend(by_name.get(name, []))
    return seen


def stub_unused_libraries(bundle: Path) -> int:
    """Replace the STUBS of a Linux bundle by stand-ins built with the C compiler, then drop the libraries
    only the replaced ones needed; return the bytes saved."""
    cc = shutil.which(os.environ.get("CC", "cc"))
    if cc is None or shutil.which("readelf") is None:
        print("no C compiler or readelf: the unused FFmpeg encoders, GnuTLS and Qt Quick stay in the bundle")
        return 0
    internal = bundle / "_internal"
    before = folder_size(bundle)
    stubs = LINUX / "stubs"
    orphans: set[str] = set()  # what the replaced libraries linked
    needed_by = {p: _needed(p) for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()}
    replaced = {lib for pattern in STUBS for lib in internal.glob(pattern) if lib in needed_by}
    live = _reachable(needed_by, through=set(needed_by) - replaced)  # what still loads once they are stubs
    for pattern, (source, version_script) in STUBS.items():
        for lib in internal.glob(pattern):
            if lib not in replaced:
                continue
            soname = _soname(lib) or lib.name
            trial = lib.with_name(lib.name + ".stub")
            cmd = [
                cc,
                "-shared",
                "-fPIC",
                "-O2",
                "-s",
                f"-Wl,-soname,{soname}",
                "-o",
                str(trial),
                str(stubs / source),
            ]
            if version_script:
                cmd.append(f"-Wl,--version-script={_version_script(stubs / version_script, lib, trial)}")
            subprocess.run(cmd, check=True)
            provided = set(_defined_symbols(lib))
            wanted = {
                sym
                for user in live - replaced
                if soname in needed_by[user]
                for sym in _undefined_symbols(user, versions=True)
                if sym in provided
            }
            missing = wanted - set(_defined_symbols(trial))
            if missing:
                print(f"{lib.name} kept: its stand-in lacks {', '.join(sorted(missing)[:5])}")
                trial.unlink()
                continue
            orphans.update(_needed(lib))
            shutil.copymode(lib, trial)
            trial.replace(lib)
    # Of those, drop the bundled ones nothing links any more (and then what only they linked, and so on).
    files = {p.name: p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()}
    while True:
        linked = {name for path in files.values() for name in _needed(path)}
        unused = [name for name in orphans if name in files and name not in linked]
        if not unused:
            break
        for name in unused:
            orphans.update(_needed(files[name]))
            files.pop(name).unlink()
    for link in internal.rglob("*.so*"):
        if link.is_symlink() and not link.exists():
            link.unlink()
    saved = before - folder_size(bundle)
    print(f"unused encoders, TLS and Qt Quick replaced by stubs: {saved / 1e6:.0f} MB saved")
    return saved


# ICU's data (libicudata, 32 MB) holds much that Qt never reads. Qt Core is the only ICU user in the bundle
# and calls just these parts of ICU: converters (QStringConverter), collation (QCollator), time-zone ids and
# display names (QTimeZone) and case mapping. Dropped: break iterators, unit/currency/language/region display
# names, transliteration, spelled-out numbers, character names and confusables (about 15 MB). If anything in
# the bundle imports other ICU functions, the data stays whole.
ICU_UNUSED = (
    "brkitr/",
    "unit/",
    "lang/",
    "translit/",
    "curr/",
    "region/",
    "rbnf/",
    "unames.icu",
    "confusables",
)
# Also dropped, for parts of those APIs Companion never reaches (about 12 MB more):
# - the table-driven legacy converters (*.cnv: Shift-JIS, GBK, Big5, the Windows and ISO code pages but
#   Latin-1): Qt converts UTF-8/16/32 and Latin-1 itself, and only asks ICU when a program names another
#   encoding (QStringDecoder("Shift_JIS")); Companion's text goes through Python, never such a decoder;
# - time-zone display names (zone/<locale>.res) and the locales' own data (<locale>.res: calendars, number
#   and date formats), read only for QTimeZone::displayName() and QLocale's long date-time format (the zone's
#   long name), which Companion never shows: ICU then answers with the GMT offset ("GMT+01:00").
# Collation (coll/), the time-zone ids and rules, the supplemental data and case mapping stay as they are.
ICU_LOCALE_RES = re.compile(r"^(zone/)?[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")


def _icu_unused(item: str) -> bool:
    return item.startswith(ICU_UNUSED) or item.endswith(".cnv") or bool(ICU_LOCALE_RES.match(item))


ICU_USED_API = ("ucnv_", "UCNV_", "ucol_", "ucal_", "u_strToLower_", "u_strToUpper_")


def _undefined_symbols(path: Path, versions: bool = False) -> list[str]:
    """The dynamic symbols ``path`` imports (``name@VERSION`` with ``versions``)."""
    out = subprocess.run(["nm", "-D", "--undefined-only", str(path)], capture_output=True, text=True).stdout
    names = [line.split()[-1] for line in out.splitlines() if line.strip()]
    return names if versions else [n.split("@")[0] for n in names]


def _defined_symbols(path: Path) -> list[str]:
    """The dynamic symbols ``path`` exports, as ``name@VERSION`` (or ``name``), matching ``_undefined_symbols``."""
    out = subprocess.run(["nm", "-D", "--defined-only", str(path)], capture_output=True, text=True).stdout
    return [line.split()[-1].replace("@@", "@") for line in out.splitlines() if len(line.split()) == 3]


def trim_icu_data(bundle: Path) -> int:
    """Rebuild the bundle's libicudata without ICU_UNUSED (needs ``icupkg``, Debian's icu-devtools, and a C
    compiler); return the bytes saved."""
    icupkg, cc = shutil.which("icupkg"), shutil.which(os.environ.get("CC", "cc"))
    libs = [p for p in bundle.rglob("libicudata.so.*") if p.is_file() and not p.is_symlink()]
    if icupkg is None or cc is None or shutil.which("nm") is None or len(libs) != 1:
        print("ICU data left whole (needs icupkg from icu-devtools, a C compiler and nm)")
        return 0
    lib = libs[0]
    major = lib.name.split(".so.")[1].split(".")[0]
    for path in bundle.rglob("*.so*"):
        if path.is_file() and not path.is_symlink() and not path.name.startswith("libicu"):
            other = [
                s
                for s in _undefined_symbols(path)
                if s.endswith(f"_{major}") and not s.startswith(ICU_USED_API)
            ]
            if other:
                print(f"ICU data left whole: {path.name} uses {', '.join(sorted(other)[:5])}")
                return 0
    symbol = f"icudt{major}_dat"
    out = subprocess.run(["nm", "-D", "-S", str(lib)], capture_output=True, text=True, check=True).stdout
    addr, size = next(
        (int(f[0], 16), int(f[1], 16)) for f in map(str.split, out.splitlines()) if f[-1] == symbol
    )
    offset = next(off + addr - a for _n, _t, a, off, sz in _loaded_sections(lib) if a <= addr < a + sz)
    package = f"icudt{major}l"  # icupkg names the items after the file, so both files keep the package's name
    before = lib.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        (work / "out").mkdir()
        (work / "in" / f"{package}.dat").write_bytes(lib.read_bytes()[offset : offset + size])
        items = subprocess.run(
            [icupkg, "-l", str(work / "in" / f"{package}.dat")], capture_output=True, text=True, check=True
        ).stdout.split()
        (work / "drop.txt").write_text("\n".join(i for i in items if _icu_unused(i)) + "\n")
        subprocess.run(
            [
                icupkg,
                "-r",
                str(work / "drop.txt"),
                str(work / "in" / f"{package}.dat"),
                str(work / "out" / f"{package}.dat"),
            ],
            check=True,
        )
        (work / "data.S").write_text(
            f"    .section .rodata\n    .globl {symbol}\n    .type {symbol}, @object\n    .balign 16\n{symbol}:\n"
            f'    .incbin "{work / "out" / f"{package}.dat"}"\n    .size {symbol}, . - {symbol}\n'
            '    .section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(
            [
                cc,
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{_soname(lib) or lib.name}",
                "-o",
                str(lib),
                str(work / "data.S"),
            ],
            check=True,
        )
    saved = before - lib.stat().st_size
    print(f"ICU data without the parts Qt never reads: {saved / 1e6:.0f} MB saved")
    return saved


def missing_libraries(bundle: Path) -> list[str]:
    """Shared libraries some ELF file in the bundle links but neither the bundle nor the system has."""
    if shutil.which("readelf") is None:
        return []
    system = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    have = {p.name for p in bundle.rglob("*") if p.exists()} | {
        line.split()[0] for line in system.splitlines()[1:] if line.strip()
    }
    missing = []
    for path in bundle.rglob("*.so*"):
        if not path.is_file():
            continue
        missing += [f"{path.relative_to(bundle)} needs {name}" for name in _needed(path) if name not in have]
    return missing


def build_tarball(bundle: Path, dist: Path, ver: str) -> Path:
    """The bundle plus install/uninstall scripts, in one folder named after the version."""
    top = f"companion-{ver}"
    out = dist / f"companion-{ver}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{top}/companion")
        _script(tar, f"{top}/install.sh", INSTALL_SH)
        _script(tar, f"{top}/uninstall.sh", UNINSTALL_SH)
        for extra in (f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml"):
            tar.add(DESKTOP / extra, arcname=f"{top}/share/{extra}")
    print(f"tarball: {out} ({out.stat().st_size / 1e6:.0f} MB)")
    return out


APPRUN = """#!/bin/sh
here="$(dirname "$(readlink -f "$0")")"
exec "$here/usr/lib/companion/companion" "$@"
"""


def make_appdir(bundle: Path, work: Path) -> Path:
    """The AppDir an AppImage is packed from: AppRun, the .desktop entry, icons and metainfo at their places."""
    appdir = work / "Companion.AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    shutil.copytree(bundle, appdir / "usr" / "lib" / "companion", symlinks=True)
    (appdir / "AppRun").write_text(APPRUN)
    os.chmod(appdir / "AppRun", 0o755)
    desktop = (DESKTOP / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    (appdir / f"{APP_ID}.desktop").write_text(desktop, encoding="utf-8")
    shutil.copyfile(ICONS / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png", appdir / f"{APP_ID}.png")
    shutil.copytree(ICONS / "hicolor", appdir / "usr" / "share" / "icons" / "hicolor", dirs_exist_ok=True)
    meta = appdir / "usr" / "share" / "metainfo"
    meta.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DESKTOP / f"{APP_ID}.metainfo.xml", meta / f"{APP_ID}.appdata.xml")
    return appdir


def build_appimage(bundle: Path, dist: Path, work: Path, ver: str) -> Path | None:
    tool = shutil.which("appimagetool")
    if tool is None:
        print("appimagetool is not on PATH: no AppImage (the tarball is the Linux download)")
        return None
    appdir = make_appdir(bundle, work)
    out = dist / f"Companion-{ver}-{platform.machine()}.AppImage"
    subprocess.run(
        [tool, "--no-appstream", str(appdir), str(out)],
        check=True,
        env=dict(os.environ, ARCH=platform.machine()),
    )
    print(f"AppImage: {out} ({out.stat().st_size / 1e6:.0f} MB)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Companion bundle for this platform.")
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="where the results go (default: dist/)"
    )
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    parser.add_argument("--no-tarball", action="store_true", help="Linux: skip the .tar.gz")
    parser.add_argument("--no-appimage", action="store_true", help="Linux: skip the AppImage")
    args = parser.parse_args(argv)
    ver = version()
    bundle = build_bundle(args.dist.absolute(), args.work.absolute())
    if sys.platform.startswith("linux"):
        strip_symbols(bundle)
        dedupe_wheel_libs(bundle)
        share_openblas(bundle)
        share_runtime_libs(bundle)
        share_ffmpeg(bundle)
        stub_unused_libraries(bundle)
        trim_icu_data(bundle)
        missing = missing_libraries(bundle)
        if missing:
            print("libraries missing from the bundle:\n  " + "\n  ".join(missing), file=sys.stderr)
            return 1
        print(f"bundle after slimming: {folder_size(bundle) / 1e6:.0f} MB")
        if not args.no_tarball:
            build_tarball(bundle, args.dist, ver)
        if not args.no_appimage:
            build_appimage(bundle, args.dist, args.work, ver)
    return 0


if __name__ == "__main__":
    sys.exit(main())
