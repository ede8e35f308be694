"""The Chinese normaliser, table-driven: what an editor would otherwise fix by hand."""

import opencc
import pytest

from transcriber.text import has_cjk, normalise_zh, text_language

CASES = [
    # Simplified becomes Traditional with Taiwan phrasing; a final full stop closes it.
    ("欢迎大家来体验达摩院推出的语音识别模型", "歡迎大家來體驗達摩院推出的語音識別模型。"),
    ("这个软件的网络很快", "這個軟體的網路很快。"),
    # Half-width punctuation in Chinese becomes full-width.
    ("他说:好的.然后走了", "他說：好的。然後走了。"),
    ("你好,我是唐凤!", "你好，我是唐鳳！"),
    ("这是真的吗?", "這是真的嗎？"),
    ("第一;第二", "第一；第二。"),
    # Whisper's space between Chinese clauses is a comma in written Chinese.
    ("欢迎大家 来体验", "歡迎大家，來體驗。"),
    # One space between CJK and Latin letters or digits, both ways.
    ("我们用Python写程序", "我們用 Python 寫程式。"),
    ("今天有3个人来", "今天有 3 個人來。"),
    ("这是GPT-4的结果?", "這是 GPT-4 的結果？"),
    ("我們在  2024  年開會", "我們在 2024 年開會。"),
    # Numbers, times and versions keep their half-width marks.
    ("价格是1,000元", "價格是 1,000 元。"),
    ("时间是10:30,开会", "時間是 10:30，開會。"),
    ("版本是v1.2.3,很新", "版本是 v1.2.3，很新。"),
    ("請看 www.example.com 網站", "請看 www.example.com 網站。"),
    # Quotes become corner brackets.
    ('他说"你好"', "他說「你好」"),
    ("他说“你好”", "他說「你好」"),
    # Already-correct Traditional text is left alone.
    ("這是 AI。", "這是 AI。"),
    ("所以我們說：「開放政府」。", "所以我們說：「開放政府」。"),
    # English inside a Chinese sentence keeps its own words.
    ("我爱你 I love you", "我愛你 I love you"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalise_zh(raw: str, expected: str) -> None:
    assert normalise_zh(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalise_zh_is_idempotent(raw: str, expected: str) -> None:
    assert normalise_zh(expected) == expected


@pytest.mark.parametrize(
    "english",
    [
        "And so my fellow Americans, ask not what your country can do for you.",
        'He said: "yes, 3.5 times".',
        "Version 1,2,3; ok? fine!",
        "",
    ],
)
def test_english_is_untouched(english: str) -> None:
    assert normalise_zh(english) == english


def test_no_simplified_character_survives() -> None:
    simplified = "我们认为这个问题应该由政府来处理，因为资料开放对于国家发展很重要"
    out = normalise_zh(simplified)
    assert opencc.OpenCC("s2twp").convert(out) == out


def test_has_cjk() -> None:
    assert has_cjk("abc 中")
    assert not has_cjk("abc, 123!")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("歡迎大家來體驗語音識別模型。", "zh"),
        ("我們用 Python 寫程式，很好用。", "zh"),
        # An English interview that names 唐鳳 once is still English.
        ("Thank you for having me here today, said 唐鳳 to the interviewer.", "en"),
        ("And so my fellow Americans, ask not what your country can do for you.", "en"),
        ("", "en"),
    ],
)
def test_text_language(text: str, language: str) -> None:
    assert text_language(text) == language
