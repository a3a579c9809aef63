"""`python -m recordorg`: the same as the `recordorg` command (and the frozen build's entry)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # In the frozen build the readers' server and processes are this executable run again:
    # freeze support answers those runs before the application itself is imported.
    multiprocessing.freeze_support()
    from recordorg.cli.main import main

    sys.exit(main())
