"""The home page: rows of cards from the taste engine."""
