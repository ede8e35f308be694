"""The interface translation files: in step with the code, complete, and safe to format."""

from __future__ import annotations

import shutil
import string
import xml.etree.ElementTree as ET

from PySide6.QtCore import QTranslator

from transcriber.messages import DETAIL
from transcriber.ui.i18n.extract import CONTEXT, GENERATED, core_templates, render
from transcriber.ui.i18n.update import lupdate, unfinished
from transcriber.ui.language import QM_FILE, TS_FILE


def _messages(ts_file) -> list[tuple[str, str, str]]:
    return [(context.findtext("name"), message.findtext("source"), message.findtext("translation"))
            for context in ET.parse(ts_file).iter("context") for message in context.iter("message")]


def test_the_ts_file_has_every_text_of_the_code_and_the_qm_is_compiled_from_it(qapp, tmp_path):
    ts_copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, ts_copy)
    lupdate(ts_copy)  # what `python -m transcriber.ui.i18n.update` would write
    # Compared as messages, not bytes: another PySide6 may lay the file out differently.
    assert sorted(_messages(ts_copy)) == sorted(_messages(TS_FILE)), (
        "the .ts is stale: run `python -m transcriber.ui.i18n.update` and translate what it lists")
    assert unfinished(TS_FILE) == [], "texts without a Chinese translation"
    compiled = QTranslator()
    assert compiled.load(str(QM_FILE))
    stale = [(context, source) for context, source, translation in _messages(TS_FILE)
             if compiled.translate(context, source) != translation]
    assert not stale, f"the .qm is not compiled from the current .ts: run `python -m transcriber.ui.i18n.update`: {stale}"


def test_every_translation_keeps_the_fields_of_its_english_text():
    messages = _messages(TS_FILE)
    assert len(messages) > 200
    for context, source, translation in messages:
        assert translation and translation.strip(), (context, source)
        # The same {fields}, or formatting the translation would crash or lose a value; but a
        # core sentence's {detail} is a library's English, which goes to stderr instead.
        wanted = [f for f in _fields(source) if not (context == CONTEXT and f == DETAIL)]
        assert sorted(wanted) == sorted(_fields(translation)), (context, source)


def test_every_sentence_of_the_core_is_in_the_translation_file():
    assert GENERATED.read_text(encoding="utf-8") == render(core_templates()), (
        "core_messages.py is stale: run `python -m transcriber.ui.i18n.update` and translate what it lists")
    translated = {source: translation for context, source, translation in _messages(TS_FILE)
                  if context == CONTEXT}
    missing = [t for t in core_templates() if not translated.get(t)]
    assert len(core_templates()) > 200 and missing == []


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
