"""transcriber: record, transcribe, correct and publish one side of a meeting."""

__version__ = "0.1.0"
