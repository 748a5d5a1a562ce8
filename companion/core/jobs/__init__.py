"""The one way Companion runs work off the window's UI thread (Qt-free; ``companion.ui.tasks`` is its Qt face).

- ``threads``: thread pools and ordered lanes in this process (``TaskRunner``, the player's recorder).
- ``runner``: a job (scan, sound analysis, history import) in a child process, with progress and cancel.
- ``pool`` (and ``slots``, what its workers share with it): the worker processes a job spreads its tasks
  over (the scan's readers, the analysers).
- ``service``, ``protocol``, ``operations``, ``last_home``: the long-lived taste service process.
- ``scan``, ``analysis``, ``watch``: the jobs themselves.

Nothing below this package in the core imports it: a job may use the whole core.
"""
