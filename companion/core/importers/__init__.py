"""Listening history from other services (Last.fm, ListenBrainz, Spotify, Netflix) as Companion events."""
