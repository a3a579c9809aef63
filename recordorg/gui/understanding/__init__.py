"""Reading records in the window: suggestions, library settings, scans read by OCR."""
