"""The case review: entries, suggestions from text, checklist and the timeline."""
