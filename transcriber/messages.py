"""Sentences the core says to a user, kept translatable.

``message("The file {path} does not exist.", path=path)`` is the English sentence
itself (a ``str``: the command line prints it, tests compare it), and it remembers its
template and values, so the window can say it again from the template's translation
(``transcriber/ui/error_text.py``) instead of guessing the sentence's shape. Templates
are literal strings at the call, so ``python -m transcriber.ui.i18n.update`` finds
them all for the translator.

A value that is itself a ``Message`` (a reason inside a sentence) is translated too.
A value named ``detail`` is a library's or the system's own English (an OS error, git's
stderr): translations leave it out, and the window prints it to stderr instead.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

DETAIL = "detail"
PLAIN = (str, int, float, bool, type(None), PurePath)  # values that pickle as they are


class Message(str):
    """An English sentence that also carries its ``template`` and ``params``."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any]) -> Message:
        sentence = super().__new__(cls, template.format(**params))
        sentence.template = template
        sentence.params = params
        return sentence

    def __reduce__(self) -> tuple:
        # Worker processes send messages back pickled; str's own pickling would drop the
        # template. A value of another kind (an exception in ``detail``) may not unpickle,
        # so it travels as the text it stands for in the sentence.
        params = {name: value if isinstance(value, PLAIN) else str(value)
                  for name, value in self.params.items()}
        return (Message, (self.template, params))


def message(template: str, /, **params: Any) -> Message:
    """The sentence ``template.format(**params)``, translatable by its template."""
    return Message(template, params)
