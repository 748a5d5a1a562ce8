"""The taste evaluation's pieces: simulated listeners, MovieLens replay, baselines and metrics.

Run through ``benchmarks/taste_eval.py``; nothing here is imported by the app.
"""
