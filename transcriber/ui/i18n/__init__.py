"""Interface translations: ``transcriber_zh_TW.ts`` (edit with Qt Linguist) and its compiled ``.qm``."""
