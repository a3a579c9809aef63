"""What about the machine makes timings swing, said before the figures."""

from __future__ import annotations

from pathlib import Path

REPORTING_ORDER = Path("/sys/module/page_reporting/parameters/page_reporting_order")
MAX_ORDER = 10  # the largest block the kernel's page allocator hands out (x86-64)


def timing_notes() -> list[str]:
    """Warnings about this machine that make copy timings unsteady."""
    notes = []
    try:
        order = int(REPORTING_ORDER.read_text())
    except (OSError, ValueError):
        order = None
    if order is not None and order <= MAX_ORDER:
        notes.append(
            "This virtual machine hands freed memory back to its host (free page reporting, "
            f"blocks of {4 << order} KB and up): the next copy into the page cache then waits "
            "for the host to give pages again, and copy timings swing 2-8x from run to run. "
            f"For steady figures, as root: echo {MAX_ORDER + 1} > {REPORTING_ORDER} "
            f"(put back {order} after)."
        )
    return notes
