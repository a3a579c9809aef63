"""jobs layer of recordorg (Qt-free)."""
