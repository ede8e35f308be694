"""Exports besides the archive's Markdown: SRT, WebVTT, text, JSON, DOCX, Akoma Ntoso."""
