"""Words and formats a person sees in more than one place (window, command line, bundle): once."""

from __future__ import annotations


def human_size(size: int) -> str:
    """A file size as people read it: "812 bytes", "3.4 MB"."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"
