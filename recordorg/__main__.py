"""`python -m recordorg`: the same as the `recordorg` command (and the frozen build's entry)."""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    # In the frozen build the readers' server and processes are this executable run again:
    # freeze support answers those runs before the application itself is imported.
    multiprocessing.freeze_support()
    # A program built without a console (the Windows window) has no standard streams: writes
    # to them, a log line or a warning, go nowhere instead of failing.
    for stream in ("stdout", "stderr"):
        if getattr(sys, stream) is None:
            setattr(sys, stream, open(os.devnull, "w", encoding="utf-8"))
    from recordorg.cli.main import main

    sys.exit(main())
