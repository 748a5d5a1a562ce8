"""What Companion knows about the person: export it all, or erase it."""
