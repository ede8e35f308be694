"""The library room: the SQLite store, full-text search and the editing core.

Everything here is plain Python (no Qt): the CLI and the GUI call the same functions.
"""
