"""benchmarks/common/bench.py: options, promised figures, and the report."""

import json

import pytest

from benchmarks.common.bench import Bench, Figure, bench_parser, cli, fmt, parse
from benchmarks.common.cache import BenchError

FIGURES = (
    Figure("a_s", "first figure", "s"),
    Figure("b", "second figure"),
    Figure("c_share", "third", "share"),
)


def _bench(tmp_path, *argv: str) -> Bench:
    ap = bench_parser("A test benchmark.")
    ap.add_argument("--size", type=int, default=1000)
    args = parse(ap, ["--work", str(tmp_path), *argv], smoke={"size": 10})
    return Bench("test", FIGURES, args)


def test_smoke_sizes_replace_the_defaults_but_not_what_is_given(tmp_path):
    assert _bench(tmp_path).args.size == 1000
    assert _bench(tmp_path, "--smoke").args.size == 10
    assert _bench(tmp_path, "--smoke", "--size", "50").args.size == 50


def test_json_report_holds_every_figure_and_human_output_goes_to_stderr(tmp_path, capsys):
    bench = _bench(tmp_path, "--json", "--smoke")
    bench.say("a human line")
    bench.add("a_s", 1.5)
    bench.add("b", 3)
    bench.skip("c_share", "not asked")
    assert bench.finish() == 0
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert doc["figures"] == {"a_s": 1.5, "b": 3, "c_share": None}
    assert doc["skipped"] == {"c_share": "not asked"} and doc["failed"] == {}
    assert doc["labels"]["b"] == "second figure" and doc["units"]["a_s"] == "s"
    assert doc["smoke"] is True and doc["params"]["size"] == 10 and doc["machine"].startswith("nproc")
    assert (
        "a human line" in err
        and "| first figure | 1.50 s |" in err
        and "| third | skipped: not asked |" in err
    )


def test_a_figure_neither_measured_nor_skipped_fails_the_run(tmp_path, capsys):
    bench = _bench(tmp_path)
    bench.add("a_s", 1.0)
    bench.fail("b", "the command crashed")
    assert bench.finish() == 1
    out, err = capsys.readouterr()
    assert "| second figure | FAILED: the command crashed |" in out
    assert "| third | FAILED: not measured" in out and "2 figure(s) failed or missing: b, c_share" in err


def test_only_promised_figures_can_be_reported(tmp_path):
    with pytest.raises(KeyError, match="not one of the figures"):
        _bench(tmp_path).add("surprise", 1)
    with pytest.raises(ValueError, match="share a key"):
        Bench("twice", (Figure("x", "x"), Figure("x", "y")), _bench(tmp_path).args)


def test_bench_errors_are_one_line_and_exit_2(capsys):
    def main() -> int:
        raise BenchError("the library is gone")

    assert cli(main) == 2
    assert capsys.readouterr().err == "benchmark: the library is gone\n"


def test_values_read_as_a_person_reads_them():
    assert fmt(1.944, "s") == "1.94 s"
    assert fmt(0.0312, "ms") == "0.031 ms"
    assert fmt(16.04, "ms") == "16.0 ms"
    assert fmt(10441.2, "files/s") == "10,441 files/s"
    assert fmt(0.8049, "share") == "80%"
    assert fmt(20300, "") == "20,300"
    assert fmt(True, "") == "yes" and fmt("n/a", "") == "n/a"
