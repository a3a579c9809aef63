"""`python -m recordorg`: the same as the `recordorg` command."""

import sys

from recordorg.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
