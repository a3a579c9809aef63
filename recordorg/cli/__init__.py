"""The command line: one module per feature, everything the window does to data."""
