"""Pure-Python core of Companion. Nothing below this package imports Qt."""
