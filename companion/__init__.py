"""Companion: a privacy-first desktop media companion for your own music and video."""

__version__ = "0.1.0"
APP_NAME = "Companion"
APP_ID = "io.github.companion.Companion"
