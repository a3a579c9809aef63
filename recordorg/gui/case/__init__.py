"""The case review and the timeline in the window."""
