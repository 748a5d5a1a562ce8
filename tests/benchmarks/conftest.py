"""A tiny MovieLens-shaped data set for the evaluation's tests; smoke runs of the benchmark scripts."""

import json
import os
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.eval.movielens import load_movielens
from tests import children
from tests.conftest import run_shared_dir

MOVIES = """movieId,title,genres
1,Toy Story (1995),Adventure|Animation|Children
2,"Misérables, Les (1995)",Drama
3,Alien (1979),Horror|Sci-Fi
4,Aliens (1986),Action|Horror|Sci-Fi
5,Babylon 5,Sci-Fi
6,Heat (1995),Action|Crime
7,Cosmos,(no genres listed)
8,Annie Hall (1977),Comedy|Romance
"""
RATINGS = """userId,movieId,rating,timestamp
1,3,5.0,100
1,1,2.0,100
1,4,4.5,200
1,5,4.0,300
1,6,1.0,400
2,3,5.0,50
2,4,5.0,60
2,8,3.0,70
3,3,4.0,500
3,4,4.0,510
3,5,4.0,520
"""
TAGS = """userId,movieId,tag,timestamp
1,3,space,100
2,3,scary,60
2,1,pixar,60
"""


@pytest.fixture
def tiny(tmp_path):
    for name, text in (("movies", MOVIES), ("ratings", RATINGS), ("tags", TAGS)):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return load_movielens(tmp_path)


# ---------------------------------------------------------------- smoke runs of the benchmark scripts

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
# longest first, so the runs end together; scale.py after scan.py, whose library it reuses
SMOKE_ORDER = ("ui", "scan", "scale", "startup", "taste_eval", "analysis", "taste_speed", "playback")
SMOKE_AT_ONCE = 3  # much of a smoke run waits (windows starting, audio playing, a UI timer ticking)


class SmokeRuns:
    """The benchmark scripts whose smoke tests were selected, run at their smoke size in the background,
    a few at a time, from the moment the first of those tests starts; each test waits for its own run."""

    def __init__(self, names: set[str], work: Path) -> None:
        self.work = work
        self.procs: list[subprocess.Popen] = []
        self.pool = ThreadPoolExecutor(SMOKE_AT_ONCE)
        ordered = [n for n in SMOKE_ORDER if n in names] + sorted(names - set(SMOKE_ORDER))
        self.futures: dict[str, Future] = {}
        for name in ordered:  # scan.py's future exists before scale.py's run looks for it
            self.futures[name] = self.pool.submit(self._run, name)

    def _run(self, name: str) -> subprocess.CompletedProcess:
        if name == "scale" and "scan" in self.futures:
            self.futures["scan"].exception()  # wait for it: the library is made once, by scan.py
        cmd = [sys.executable, str(BENCHMARKS / f"{name}.py"), "--smoke", "--json", "--work", str(self.work)]
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
            children.keep(proc.pid)  # runs beside the tests that follow (one process: see smoke_runs)
            self.procs.append(proc)
            try:
                out, err = proc.communicate(timeout=280)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
                err += f"\n{name}.py --smoke: killed after 280 s"
        return subprocess.CompletedProcess(cmd, proc.returncode, out, err)

    def result(self, name: str) -> subprocess.CompletedProcess:
        if name not in self.futures:
            self.futures[name] = self.pool.submit(self._run, name)
        return self.futures[name].result()

    def close(self) -> None:
        for future in self.futures.values():
            future.cancel()
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
        self.pool.shutdown(wait=True)


@pytest.fixture(scope="session")
def smoke_work(tmp_path_factory) -> Path:
    """One work dir for every smoke run of the test run, in every test process: scan.py and scale.py share
    their library, made once (benchmarks/common/cache.py makes a folder aside and renames it into place, so
    two runs may share it; each script runs once)."""
    work = run_shared_dir(tmp_path_factory) / "benchmark-work"
    work.mkdir(exist_ok=True)
    return work


@pytest.fixture(scope="session")
def smoke_runs(request, smoke_work):
    names = {
        Path(item.fspath).stem.removeprefix("test_")
        for item in request.session.items
        if "run_smoke" in getattr(item, "fixturenames", ())
    }
    if os.environ.get("PYTEST_XDIST_WORKER"):
        # one of several test processes: which smoke tests come to this one is not known in advance, and
        # starting them all in each would run every script twice over; each test starts its own run
        names = set()
    runs = SmokeRuns(names, smoke_work)
    yield runs
    runs.close()


@pytest.fixture
def run_smoke(smoke_runs):
    """Check the report of ``benchmarks/NAME.py --smoke --json`` (NAME from the test's file name, as
    ``test_NAME.py`` tests ``benchmarks/NAME.py``): exit 0, every figure it promises (the test's
    ``promised`` keys, which docs/benchmarks.md relies on, and its own list) present with a value, or
    skipped with a reason only where ``may_skip`` allows, every label in its human output. Returns the
    JSON document."""

    def check(name: str, promised: set[str], *, may_skip: tuple[str, ...] = ()) -> dict:
        r = smoke_runs.result(name)
        assert r.returncode == 0, f"{name}.py --smoke exited {r.returncode}:\n{r.stderr[-3000:]}"
        doc = json.loads(r.stdout)
        assert doc["benchmark"] == name and doc["smoke"] is True
        figures, labels = doc["figures"], doc["labels"]
        assert figures and set(figures) == set(labels) == set(doc["units"])
        assert not promised - figures.keys(), (
            f"{name}.py no longer reports {sorted(promised - figures.keys())}"
        )
        assert not doc["failed"], doc["failed"]
        for key, value in figures.items():
            if value is None:
                assert doc["skipped"].get(key), f"{key} has no value and no reason"
                assert key.startswith(may_skip), f"{key} was skipped in the smoke run: {doc['skipped'][key]}"
            assert f"| {labels[key]} |" in r.stderr, f"{key}: {labels[key]!r} is not in the human output"
        assert doc["machine"].startswith("nproc") and "machine: nproc" in r.stderr
        return doc

    return check
