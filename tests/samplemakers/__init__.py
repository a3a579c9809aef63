"""Synthetic test data used only by tests and benchmarks: hostile files, the labelled corpus."""
