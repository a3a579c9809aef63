"""Peak memory of this process and all its descendants, sampled in a thread.

Memory is the proportional set size (PSS): pages shared by the reader processes (forked
from one server with the libraries loaded) are counted once, not once per process.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_pss_mb(root: int, field: str = "Pss") -> float:
    """The sum of `field` (Pss, or Rss: shared pages counted in every process) over the
    process `root` and its descendants, in MB."""
    tree = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(tree.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith(f"{field}:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class PeakMemory:
    """Use as a context manager; .peak_mb is the largest sum of PSS (or `field`) seen."""

    def __init__(self, interval: float = 0.05, field: str = "Pss") -> None:
        self.interval = interval
        self.field = field
        self.peak_mb = 0.0
        self._stop = threading.Event()

    def __enter__(self) -> PeakMemory:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        pid = os.getpid()
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, tree_pss_mb(pid, self.field))
            self._stop.wait(self.interval)
