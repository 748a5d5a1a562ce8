"""Listening events: append-only facts (plays, skips, ratings) with their time context."""
