"""benchmarks/scan.py at its smoke size: it runs, and reports every figure it promises."""

import json

import pytest

PROMISED = {
    "bare1_s",
    "bare2_inproc_s",
    "bare2_process_s",
    "bare2_process_files_per_s",
    "bare2_process_cpu_s",
    "bare2_all_process_s",
    "bare2_all_inproc_s",
    "music_rows_s",
    "music_rows_share",
    "music_inside_share",
    "music_cpu_per_file_us",
    "full_rows_s",
    "full_rows_files_per_s",
    "full_rows_share",
    "full_inside_share",
    "full_thumbs_s",
    "full_thumbs_share",
    "full_cpu_per_file_us",
    "yardstick_cpu_per_file_us",
    "failures",
    "thumbnails",
    "peak_main_mib",
    "peak_worker_mib",
    "rescan_unchanged_s",
    "rescan_touched_s",
    "cpu_bare_us",
    "cpu_scan_us",
}


@pytest.mark.slow
def test_smoke_run_reports_every_figure(run_smoke, smoke_work):
    doc = run_smoke("scan", PROMISED)
    figures = doc["figures"]
    assert figures["failures"] == 0 and figures["thumbnails"] == 6  # the smoke library's 6 videos
    assert figures["bare2_process_cpu_s"] > 0 and figures["peak_main_mib"] > 0
    # the library was made in the work dir, once for its parameters, and left there for the next run
    made = [json.loads(m.read_text()) for m in smoke_work.glob("scan-library-*/manifest.json")]
    assert [m["params"] for m in made] == [{"tracks": 200, "videos": 6}]
    assert not list((smoke_work / "scratch").glob("scan-*"))  # the scanned profiles are gone
