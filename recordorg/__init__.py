"""recordorg: a family's medical records, organised on their own computer."""

__version__ = "0.1.0"
