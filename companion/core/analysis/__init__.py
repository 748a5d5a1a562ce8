"""On-device audio analysis: decoding excerpts (PyAV) and sound features (numpy).

Qt-free. ``features.analyse_file`` analyses one file; ``runner.analyze_pending`` runs the
library's pending tracks in worker processes; ``similar`` and ``radio`` use the stored features.
"""
