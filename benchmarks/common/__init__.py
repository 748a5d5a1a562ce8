"""What the benchmark scripts share; each script only says what it measures.

- ``bench``: the command line (``--smoke``, ``--json``, ``--work``), the figures a script promises
  and its report (human table or JSON);
- ``procs``: running a command with wall time, CPU time and peak memory; alternating repeated runs;
- ``cache``: where generated data lives (the user cache dir or ``--work``), reused per parameters;
- ``machine``: the machine line and the load average;
- ``libraries`` / ``profiles``: libraries of real files, and profiles made of rows;
- ``product``: every piece of Companion's internals the benchmarks use, named in one table;
- ``yardsticks``: the scan's bare-mutagen yardstick, run in its own process.

This file imports nothing: a timed child process that imports one of these modules pays for that one.
How to add a benchmark: docs/benchmarks.md.
"""
