"""benchmarks/common/procs.py: wall time, CPU time and peak memory of real processes."""

import sys

import pytest

from benchmarks.common.cache import BenchError
from benchmarks.common.procs import Samples, alternate, run, run_companion

BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < {s}: pass\n"
HOLD = "b = bytearray({mib} * 2**20)\nb[::4096] = b'x' * len(b[::4096])\n"  # touched: resident
KEEP = "time.sleep(0.5)\n"  # held a while: /proc, polled every 50 ms, sees the peak even on a busy machine


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_cpu_and_peak_memory_of_one_process():
    r = run(_python(BURN.format(s=0.3) + HOLD.format(mib=80) + "print('done')"))
    assert r.returncode == 0 and r.stdout == "done\n"
    assert r.cpu >= 0.3 and r.wall >= r.cpu * 0.5
    assert 80 <= r.peak_mib < 200


def test_the_peak_is_the_command_s_own_not_the_benchmark_s():
    held = bytearray(300 * 2**20)  # a benchmark holding a large library in memory
    held[::4096] = b"x" * len(held[::4096])
    assert run(_python("pass")).peak_mib < 100
    del held


def test_children_it_waited_for_count_too():
    child = BURN.format(s=0.3) + HOLD.format(mib=120) + KEEP
    parent = f"import subprocess, sys\nsubprocess.run([sys.executable, '-c', {child!r}], check=True)\n"
    r = run(_python(parent), watch_memory=True)
    assert r.cpu >= 0.3  # the child's CPU
    assert r.peak_mib >= 120  # the largest process of the tree, not the parent
    assert len(r.peaks_kib) >= 2 and max(list(r.peaks_kib.values())[1:]) >= 100 * 1024  # seen per process


def test_large_output_does_not_block_and_json_is_parsed():
    r = run(_python("import json; print(json.dumps(['x' * 100] * 50000))"))
    assert len(r.json()) == 50000


def test_failures_are_clear():
    with pytest.raises(BenchError, match="exited 3: broken"):
        run(_python("import sys; sys.stderr.write('broken'); sys.exit(3)"))
    assert run(_python("raise SystemExit(3)"), check=False).returncode == 3
    with pytest.raises(BenchError, match="cannot run /no/such/program"):
        run(["/no/such/program"])
    with pytest.raises(BenchError, match="printed no JSON"):
        run(_python("print('not json')")).json()
    slow = run(_python("import time; time.sleep(30)"), check=False, timeout=0.5)
    assert slow.returncode != 0 and slow.wall < 10


def test_alternating_runs_keep_every_value_in_turn():
    order: list[str] = []

    def step(name: str, values: list[float]):
        def measure(s: Samples) -> None:
            order.append(name)
            s.add(name, values[len([o for o in order if o == name]) - 1])

        return measure

    s = alternate(3, [step("a", [3.0, 1.0, 2.0]), step("b", [5.0, 6.0, 4.0])])
    assert order == ["a", "b", "a", "b", "a", "b"]
    assert (s.best("a"), s.median("a"), s.first("a"), s.all("b")) == (1.0, 2.0, 3.0, [5.0, 6.0, 4.0])
    assert "a" in s and "c" not in s


def test_a_direct_run_has_nothing_between_the_caller_and_the_command():
    r = run(_python(BURN.format(s=0.2) + HOLD.format(mib=60) + KEEP), direct=True, watch_memory=True)
    assert r.cpu >= 0.2 and r.peak_kib == 0  # no trampoline: the kernel's peak would include this process's
    assert list(r.peaks_kib.values())[0] >= 60 * 1024  # but /proc saw the command's own


def test_companion_runs_on_the_profile_given(tmp_path):
    r = run_companion(tmp_path / "profile", "library", "--json")
    assert r.json() == [] and (tmp_path / "profile" / "library.sqlite3").is_file()
