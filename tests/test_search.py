"""Library search: Chinese by any substring of two or more characters, English by word."""

from __future__ import annotations

import pytest

from transcriber.library.editing import MeetingEditor
from transcriber.library.search import SearchError, SearchHit, search_library
from transcriber.library.store import Library
from transcriber.model import Bullet


@pytest.fixture
def meetings(library):
    zh = library.create_meeting("數位發展部記者會", "2024-05-01", language="zh")
    en = library.create_meeting("Open Government Partnership", "2024-06-01", language="en")
    zh_bullets = library.append_bullets(
        zh.id,
        [
            Bullet(None, zh.id, 0, "我們今天談開放政府的做法。"),
            Bullet(None, zh.id, 0, "資料要讓大家都看得到，這是 100% 透明。"),
        ],
    )
    en_bullets = library.append_bullets(
        en.id,
        [
            Bullet(None, en.id, 0, "Radical transparency builds trust."),
            Bullet(None, en.id, 0, "We publish every meeting transcript."),
        ],
    )
    return zh, en, zh_bullets, en_bullets


def bullet_hits(library: Library, query: str) -> list[int]:
    return [hit.bullet_id for hit in search_library(library, query) if hit.bullet_id is not None]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("政府", [(0, 0)]),  # two characters: below the trigram length
        ("大家", [(0, 1)]),
        ("開放政", [(0, 0)]),  # three characters: the trigram index
        ("開放政府的做法", [(0, 0)]),
        ("TRANSPARENCY", [(1, 0)]),  # English, any case
        ("meeting transcript", [(1, 1)]),  # all terms must match
        ("we", [(1, 1)]),  # a short English word
        ("透明 資料", [(0, 1)]),  # two short Chinese terms
        ("100%", [(0, 1)]),  # % is literal, not a wildcard
        ("%", [(0, 1)]),
        ("_", []),  # nor is _ a wildcard
        ("政府 trust", []),
        ("記者", []),  # only in a title: no bullet hit
        ("不存在的詞", []),
        ("", []),
    ],
)
def test_bullet_search(library, meetings, query, expected):
    _, _, zh_bullets, en_bullets = meetings
    by_meeting = [zh_bullets, en_bullets]
    assert bullet_hits(library, query) == [by_meeting[m][b].id for m, b in expected]


def test_titles_match_too(library, meetings):
    zh, en, _, _ = meetings
    assert search_library(library, "記者") == [SearchHit(zh.id, None, "數位發展部記者會")]
    assert search_library(library, "partnership") == [
        SearchHit(en.id, None, "Open Government Partnership")
    ]


def test_snippet_shows_the_match_in_context(library):
    m = library.create_meeting("t", "2024-01-01")
    long_text = "前言" * 40 + "關鍵字在這裡" + "結語" * 40
    library.append_bullets(m.id, [Bullet(None, m.id, 0, long_text)])
    (hit,) = search_library(library, "關鍵字")
    assert "關鍵字在這裡" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < len(long_text)


def test_results_follow_edits(library, meetings):
    zh, _, zh_bullets, _ = meetings
    editor = MeetingEditor(library, zh.id)
    editor.set_text(zh_bullets[0].id, "我們今天談數位治理。")
    assert bullet_hits(library, "數位治理") == [zh_bullets[0].id]
    assert bullet_hits(library, "開放政府") == []
    editor.undo()
    assert bullet_hits(library, "開放政府") == [zh_bullets[0].id]
    editor.delete_bullet(zh_bullets[1].id)
    assert bullet_hits(library, "大家") == []
    editor.update_meeting_header(title="新的標題")
    assert [h.meeting_id for h in search_library(library, "新的標題")] == [zh.id]
    assert search_library(library, "記者會") == []


def test_limit(library):
    m = library.create_meeting("t", "2024-01-01")
    library.append_bullets(m.id, [Bullet(None, m.id, 0, f"第 {i} 段開放政府") for i in range(30)])
    assert len(search_library(library, "開放政府", limit=10)) == 10
    assert len(search_library(library, "政府", limit=10)) == 10


def test_library_made_before_search_existed_is_indexed(tmp_path):
    """The migration indexes rows that were already in an older library."""
    library = Library(tmp_path / "lib")
    m = library.create_meeting("t", "2024-01-01")
    library.append_bullets(m.id, [Bullet(None, m.id, 0, "早就存在的逐字稿")])
    with library.atomic() as db:  # back to the schema before the search migration
        for name in ("bullets_fts", "meetings_fts"):
            db.execute(f"DROP TABLE {name}")
        db.execute("DELETE FROM migrations WHERE name LIKE 'full-text search%'")
    library.close()
    assert bullet_hits(Library(tmp_path / "lib"), "存在的逐字稿") != []


def test_index_stays_consistent_through_edits_undo_and_redo(library, meetings):
    zh, _, zh_bullets, _ = meetings
    editor = MeetingEditor(library, zh.id)
    editor.split(zh_bullets[0].id, 5)
    editor.replace_all("政府", "治理")
    editor.merge_with_next(zh_bullets[0].id)
    editor.delete_bullet(zh_bullets[1].id)
    for _ in range(4):
        editor.undo()
    for _ in range(4):
        editor.redo()
    with library.atomic() as db:  # FTS5 raises if the index disagrees with the table
        db.execute("INSERT INTO bullets_fts(bullets_fts) VALUES ('integrity-check')")
    assert bullet_hits(library, "開放治理") == [zh_bullets[0].id]
    assert bullet_hits(library, "政府") == []


def test_repeated_and_contained_words_count_once(library, meetings):
    _, _, zh_bullets, _ = meetings
    # "政府 政 府" asks no more than "開放政府": the same hits, one SQL condition.
    assert bullet_hits(library, "政府 政府 政 府 開放政府") == [zh_bullets[0].id]


def test_a_query_of_a_thousand_short_words_is_one_sentence(library, meetings):
    # Was: sqlite3.OperationalError "Expression tree is too large" as a traceback.
    query = " ".join(chr(0x4E00 + n) + chr(0x5E00 + n) for n in range(1000))
    with pytest.raises(SearchError, match="at most"):
        search_library(library, query)
