"""The archive format, compatible with audreyt/transcript: parsing and writing its
Markdown exactly (``document``), file names (``filenames``), the archive's profile
(``profile``), the URLs archive.tw serves each transcript at (``links``), library ⇄
archive conversion (``convert``) and the archive check (``check``). No git here:
publishing lives in ``transcriber.publish``.
"""
