"""Qt Multimedia player: turns what happens on screen into core events."""
