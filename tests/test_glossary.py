"""The library glossary: CLI round trip, its terms and corrections reach a real transcript,
and a correction the editor makes twice is offered for it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from transcriber.asr.engine import EngineOptions, apply_corrections, get_engine
from transcriber.asr.guards import hotword_echo
from transcriber.audio import load_audio
from transcriber.cli import cli
from transcriber.library import glossary
from transcriber.library.editing import MeetingEditor
from transcriber.library.store import Library
from transcriber.model import Bullet


def run(library_path, *args: str):
    return CliRunner().invoke(cli, ["--library", str(library_path), *args])


def test_glossary_round_trip_through_the_cli_reaches_the_transcript(
    tmp_path, audio_dir, base_model_path
) -> None:
    lib = tmp_path / "library"
    assert run(lib, "glossary", "add", "g0v").exit_code == 0
    # Taiwan says 語音辨識 where the decoder writes the mainland 語音識別 (or mishears it).
    added = run(lib, "glossary", "add", "語音辨識", "--wrong", "語音識別", "--wrong", "運營識別")
    assert added.exit_code == 0, added.output
    listed = run(lib, "glossary", "list")
    assert listed.output.splitlines() == ["語音辨識\t語音識別\t運營識別", "g0v"]
    assert run(lib, "glossary", "hotwords").output.strip() == "Glossary hotwords: off."

    result = run(lib, "transcribe", str(audio_dir / "zh-welcome.wav"), "--model",
                 str(base_model_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "語音辨識模型" in result.output and "識別" not in result.output

    clash = run(lib, "glossary", "add", "g0v", "--wrong", "運營識別")
    assert clash.exit_code != 0 and "already a wrong form of '語音辨識'" in clash.output
    assert run(lib, "glossary", "remove", "語音辨識").exit_code == 0
    assert run(lib, "glossary", "list").output.strip() == "g0v"
    missing = run(lib, "glossary", "remove", "語音辨識")
    assert missing.exit_code != 0 and "no term '語音辨識'" in missing.output


def test_options_carry_the_glossary_once(library: Library) -> None:
    glossary.add(library, "唐鳳", ["唐風"])
    glossary.add(library, "數位發展部")
    glossary.add(library, "vTaiwan", ["v taiwan", "vtaiwan"])
    options = glossary.with_glossary(EngineOptions(), library)
    assert options.hotwords == ""  # off until the user turns them on
    glossary.set_hotwords_enabled(library, True)
    options = glossary.with_glossary(EngineOptions(), library)
    assert options.hotwords == "vTaiwan 數位發展部 唐鳳"
    assert options.corrections == (("v taiwan", "vTaiwan"), ("vtaiwan", "vTaiwan"),
                                   ("唐風", "唐鳳"))  # fmt: skip
    assert glossary.with_glossary(options, library) == options
    with pytest.raises(glossary.GlossaryError, match="cannot be empty"):
        glossary.add(library, "  ")
    with pytest.raises(glossary.GlossaryError, match="the term itself"):
        glossary.add(library, "g0v", ["g0v"])
    with pytest.raises(glossary.GlossaryError, match="every word that contains it"):
        glossary.add(library, "唐鳳", ["風"])


def test_corrections_replace_whole_words_once() -> None:
    pairs = (("ai", "AI"), ("vtaiwan", "vTaiwan"), ("唐風", "唐鳳"), ("g zero v", "g0v"),
             ("唐鳳", "never applied to a right form"))  # fmt: skip
    assert apply_corrections("He said ai, Vtaiwan 唐風說 g zero v", pairs) == (
        "He said AI, vTaiwan 唐鳳說 g0v")


def test_unicode_and_regex_special_wrong_forms_never_crash_and_change_only_themselves(
) -> None:
    pairs = (("ſ", "S"), ("ı", "I"), ("İ", "I"), ("e", "E"), ("(x)", "[x]"), ("a+b", "A+B"),
             ("straße", "Strasse"), ("ǅ", "DŽ"))  # fmt: skip
    said = "Ask this, ſ ı İ İstanbul straße e\u0301 (x) a+b STRASSE ǆ"
    assert apply_corrections(said, pairs) == (
        "Ask this, S I I İstanbul Strasse e\u0301 [x] A+B STRASSE ǆ")


def test_a_glossary_of_odd_letters_decodes_real_speech_unchanged(
    tmp_path, audio_dir, base_model_path
) -> None:
    """Case folding that changes letters or length (ſ→s, ı→i, İ→i̇), combining marks and
    regex syntax in wrong forms once made every transcription crash with a KeyError."""
    lib = tmp_path / "library"
    for term, wrong in (("S", "ſ"), ("I", "ı"), ("Istanbul", "İstanbul"), ("Q", "q\u0301"),
                        ("A", "a*"), ("country (land)", "country (")):  # fmt: skip
        added = run(lib, "glossary", "add", term, "--wrong", wrong)
        assert added.exit_code == 0, added.output
    result = run(lib, "transcribe", str(audio_dir / "en-jfk.flac"), "--model",
                 str(base_model_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.lower().split())
    assert "what your country can do for you" in said  # no s or i rewritten


def test_a_correction_made_twice_is_suggested_until_declined(library: Library) -> None:
    meeting = library.create_meeting("suggest", "2024-06-01")
    texts = ["唐風說今天開會。", "我們請唐風來。", "數位發展步的計畫。", "唐風。"]
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, t) for t in texts])
    editor = MeetingEditor(library, meeting.id)
    first, second, third, fourth = editor.bullets()
    # Typed in two steps in one bullet, in one step in another: two places.
    editor.set_text(first.id, "唐說今天開會。", coalesce=False)
    editor.set_text(first.id, "唐鳳說今天開會。", coalesce=False)
    assert glossary.suggestions(library, meeting.id) == []
    editor.replace(second.id, 4, 5, "鳳")
    editor.set_text(third.id, "數位發展部的計畫。")  # once only: not offered
    assert glossary.suggestions(library, meeting.id) == [glossary.Suggestion("唐風", "唐鳳", 2)]

    editor.undo()
    editor.undo()  # the second place is undone: back to one
    assert glossary.suggestions(library, meeting.id) == []
    editor.redo()
    editor.redo()
    glossary.decline(library, "唐風", "唐鳳")
    assert glossary.suggestions(library, meeting.id) == []
    editor.set_text(fourth.id, "唐鳳。")
    assert glossary.suggestions(library, meeting.id) == []


def test_hotwords_echoed_by_the_decoder_are_flagged(audio_dir, base_model_path) -> None:
    """faster-whisper puts hotwords in the prompt; on a clip's short tail whisper-base may
    write them out and repeat the sentence. Nobody said that: it must be flagged."""
    options = EngineOptions(model=str(base_model_path), hotwords="停滯")
    clip = load_audio(audio_dir / "dev" / "zh-aishell1-BAC009S0764W0122.wav")
    for segment in get_engine(options).transcribe(clip):
        if segment.text.startswith("停滯"):
            # flagged: as an echo, or as the loop the echo turns into
            assert segment.flagged and any(
                why in segment.flag_reason for why in ("glossary", "repetitive", "loop"))
    assert hotword_echo("唐鳳說今天開會。", "唐鳳", []) == ""  # a term opening real speech
    assert hotword_echo("唐鳳 g0v 今天開會", "唐鳳 g0v", [])
    assert hotword_echo("唐鳳今天開會", "唐鳳", ["今天開會。"])
    assert hotword_echo("楊大人，退還，退還，補助，楊大人，退還。", "楊大人 退還 補助 差額", [])
    assert hotword_echo("我們跟 g0v 和 vTaiwan 一起合作很久了", "g0v vTaiwan", []) == ""
