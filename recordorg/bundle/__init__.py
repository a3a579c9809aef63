"""bundle layer of recordorg (Qt-free)."""
