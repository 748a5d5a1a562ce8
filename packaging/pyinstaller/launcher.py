"""Entry point of the bundled app: the same ``companion`` command as the pip install."""

import sys

from companion.cli import main

if __name__ == "__main__":
    sys.exit(main())
