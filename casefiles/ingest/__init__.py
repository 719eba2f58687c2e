"""Case records coming in: the import record format, its validation, and writing it to the store."""
