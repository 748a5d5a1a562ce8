"""A real sound server for the tests: PulseAudio with a null sink (plays in real time, heard by no one).

Companion records nothing while no sound can be heard (issue 16, part 8), so tests that play need a sound
output; a machine without one (a container, CI) gets this private server, started once per test session
in its own folder (``PULSE_SERVER`` points Qt at it). ``Server(sink=False)`` is one with no output at all,
to which ``add_sink()`` adds one later, as plugging in a USB headset does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path


class Server:
    """One PulseAudio server of our own (started, and ended, by the test run)."""

    def __init__(self, *, sink: bool = True) -> None:
        exe = shutil.which("pulseaudio")
        if exe is None:
            raise FileNotFoundError("pulseaudio is not installed (scripts/setup --test installs it)")
        self.folder = Path(tempfile.mkdtemp(prefix="companion-pulse-"))
        socket = self.folder / "native"
        self.address = f"unix:{socket}"
        env = {**os.environ, "XDG_RUNTIME_DIR": str(self.folder), "HOME": str(self.folder)}
        modules = ["-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}"]
        if sink:
            modules += ["-L", "module-null-sink sink_name=companion_test"]
        self.process = subprocess.Popen(
            [exe, "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", *modules],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not socket.exists() and time.monotonic() < deadline and self.process.poll() is None:
            time.sleep(0.05)
        if not socket.exists():
            self.stop()
            raise OSError("the test sound server did not start")

    def add_sink(self) -> None:
        subprocess.run(
            ["pactl", "load-module", "module-null-sink", "sink_name=companion_test"],
            env={**os.environ, "PULSE_SERVER": self.address},
            check=True,
            capture_output=True,
            timeout=10,
        )

    def stop(self) -> None:
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        shutil.rmtree(self.folder, ignore_errors=True)


_session: Server | None = None


def start() -> bool:
    """The session's server (made once); False when PulseAudio is not there."""
    global _session
    if _session is None:
        try:
            _session = Server()
        except OSError:
            return False
        os.environ["PULSE_SERVER"] = _session.address
    return True


def stop() -> None:
    global _session
    if _session is not None:
        _session.stop()
        _session = None
