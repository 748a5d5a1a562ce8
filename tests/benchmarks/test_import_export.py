"""benchmarks/import_export.py at its smoke size: it runs, and reports every figure it promises."""

PROMISED = {
    "history_import_s",
    "history_import_per_s",
    "history_matched",
    "history_unmatched",
    "history_reimport_s",
    "rematch_s",
    "rematch_rows",
    "playlist_import_s",
    "playlist_matched",
    "export_m3u8_s",
    "export_pls_s",
    "export_xspf_s",
}


def test_smoke_run_reports_every_figure(run_smoke):
    doc = run_smoke("import_export", PROMISED)
    figures = doc["figures"]
    # 80% of the generated history is of library tracks; every playlist entry can be found
    assert figures["history_matched"] > figures["history_unmatched"] > 0
    assert figures["playlist_matched"] == 300
