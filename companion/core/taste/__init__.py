"""Taste: events -> signals -> scores; context; mixes; home rows with reasons; search."""
