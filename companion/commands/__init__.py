"""Headless sub-commands of ``companion``. Each module here is one command.

A command module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args, ctx) -> int``. Modules import heavy libraries (numpy, scikit-learn,
PyAV, Qt) inside ``run`` only, so that ``companion --help`` and quick commands
start fast.
"""
