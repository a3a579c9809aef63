"""Understanding a record from its text: dates, category, title."""
