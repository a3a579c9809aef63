"""core layer of recordorg (Qt-free)."""
