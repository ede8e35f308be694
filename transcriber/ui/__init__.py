"""PySide6 desktop app: widgets only, every decision is made by the core they call.

One widget per module. Long work (transcription, publishing, imports, model
downloads) runs in ``tasks.BackgroundTask`` threads, never on the GUI thread.
"""
