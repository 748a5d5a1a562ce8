"""Playlists in and out: M3U/M3U8, PLS, XSPF writing; those and WPL reading, matched to the library."""
