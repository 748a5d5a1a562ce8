"""Entry point of the bundled app: the same ``companion`` command as the pip install."""

import multiprocessing
import sys

from companion.cli import main

if __name__ == "__main__":
    # The scanner and the analyser start worker processes; a frozen app must let them boot as workers.
    multiprocessing.freeze_support()
    sys.exit(main())
