"""What the core says to a user is a ``Message``: English for the command line, translatable
by its template for the window (see transcriber/messages.py)."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

from transcriber.archive.filenames import archive_filename
from transcriber.errors import AudioError, TitleError, fault_sentence
from transcriber.messages import Message, message
from transcriber.ui.i18n.extract import core_files, literal_template, message_calls

# Passed on as received, already a Message: what a batch worker process sent back pickled.
PASSED_ON = {("transcriber/batch/local.py", "message[1]")}


def test_a_message_is_its_english_sentence_and_remembers_how_it_was_made():
    said = message("The file {name} lasts {hours:.0f} hours.", name="a.wav", hours=2.4)
    assert said == "The file a.wav lasts 2 hours." and isinstance(said, str)
    assert said.template == "The file {name} lasts {hours:.0f} hours."
    assert said.params == {"name": "a.wav", "hours": 2.4}
    # Batch workers send their failures to the coordinator pickled: the template must survive.
    back = pickle.loads(pickle.dumps(AudioError(said)))
    assert isinstance(back.message, Message) and back.message.template == said.template
    assert back.message == said
    # An exception given as the library's detail (PyAV's may not unpickle) travels as its text.
    failed = message("Cannot read {path}: {detail}.", path=Path("/a.wav"), detail=_Unpicklable("bad header"))
    assert pickle.loads(pickle.dumps(failed)) == "Cannot read /a.wav: bad header."


class _Unpicklable(Exception):
    def __init__(self, text: str, code: int = 0) -> None:
        super().__init__(f"{text}")
        self.code = code

    def __reduce__(self):
        raise TypeError("cannot pickle")


def test_a_real_failure_carries_its_template_and_values():
    with pytest.raises(TitleError) as caught:
        archive_filename("2024-13-45", "會議")
    said = caught.value.message
    assert said == "The date '2024-13-45' is not a real date in the form YYYY-MM-DD."
    assert said.template == "The date {date!r} is not a real date in the form YYYY-MM-DD."
    full = fault_sentence(OSError(28, "No space left on device"))
    assert full == "Stopped: the disk is full. Everything saved before this is kept."
    assert full.params["reason"].template == "the disk is full"


# -- the house rule: a core failure is said with message("literal template", ...) -----------

def _error_classes(trees: dict[str, ast.AST]) -> set[str]:
    classes = {"TranscriberError"}
    grown = True
    while grown:
        grown = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in classes and any(
                        (base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)) in classes
                        for base in node.bases):
                    classes.add(node.name)
                    grown = True
    return classes


def _message_functions(trees: dict[str, ast.AST]) -> set[str]:
    """Core functions annotated to return a Message (a sentence they build with message())."""
    return {node.name for tree in trees.values() for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None
            and "Message" in ast.unparse(node.returns)}


def _name(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)


def _is_message(node: ast.AST, makers: set[str]) -> bool:
    return (isinstance(node, ast.Call) and _name(node.func) in makers) or (
        isinstance(node, ast.Attribute) and node.attr == "message")  # another error's, passed on


def _bare_text(node: ast.AST) -> bool:
    """Text written in place (a literal, an f-string, a concatenation) outside any message()."""
    if isinstance(node, ast.Call) and _name(node.func) == "message":
        return False
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    return any(_bare_text(child) for child in ast.iter_child_nodes(node))


def house_rule_violations(trees: dict[str, ast.AST]) -> list[str]:
    classes = _error_classes(trees)
    makers = _message_functions(trees) | {"message"}
    found = []
    for path, tree in trees.items():
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node.func) in classes and node.args):
                continue
            where = f"{path}:{node.lineno}: {ast.unparse(node)[:100]}"
            values = [*node.args, *(k.value for k in node.keywords)]
            if any(_bare_text(value) for value in values):
                found.append(where)
                continue
            first = node.args[0]
            if _name(node.func) == "ArchiveFormatError" or _is_message(first, makers):
                continue  # ArchiveFormatError(file, line, problem): its problem was checked above
            if (path, ast.unparse(first)) in PASSED_ON:
                continue
            if isinstance(first, ast.Name) and any(
                    isinstance(a, ast.Assign) and _is_message(a.value, makers)
                    and any(isinstance(t, ast.Name) and t.id == first.id for t in a.targets)
                    for f in functions if f.lineno <= node.lineno <= f.end_lineno for a in ast.walk(f)):
                continue  # problem = title_problem(title); if problem: raise TitleError(problem)
            found.append(where)
    return found


def _core_trees() -> dict[str, ast.AST]:
    root = Path(__file__).resolve().parent.parent
    return {str(p.relative_to(root)): ast.parse(p.read_text(encoding="utf-8")) for p in core_files()}


def test_every_core_failure_is_said_with_message():
    trees = _core_trees()
    assert len(trees) > 50
    assert house_rule_violations(trees) == []


def test_the_house_rule_catches_a_sentence_written_in_place():
    trees = {"transcriber/example.py": ast.parse(
        "class AudioError(TranscriberError):\n    pass\n"
        "class PlayError(AudioError):\n    pass\n"
        "def play(path, exc):\n"
        "    raise PlayError(f'Cannot play {path}.')\n"
        "def read(path):\n"
        "    raise AudioError('The file ' + str(path) + ' is empty.')\n"
        "def decode(path, reason):\n"
        "    raise AudioError(reason)\n"
        "def fine(path):\n"
        "    raise AudioError(message('The file {path} is empty.', path=path))\n")}
    assert [v.split(":")[1] for v in house_rule_violations(trees)] == ["6", "8", "10"]


def test_every_message_template_is_a_literal_the_translator_can_find():
    not_literal = [f"{path}:{call.lineno}" for path, tree in _core_trees().items()
                   for call in message_calls(tree) if literal_template(call) is None]
    assert not_literal == []
