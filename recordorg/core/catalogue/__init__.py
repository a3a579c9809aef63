"""The catalogue and the library on disk: migrations, records, people, search, check."""
