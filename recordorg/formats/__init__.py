"""formats layer of recordorg (Qt-free)."""
