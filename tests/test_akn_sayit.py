"""Akoma Ntoso that SayIt imports: every speech attributed, the shape archive.tw uses.

``SayItImporter`` ports mysociety/sayit's ``speeches/importers/import_akomantoso.py``
(``ImportAkomaNtoso``) step for step, with its Django models replaced by plain
records: the same lxml.objectify parsing, the same namespace handling, the same
``person.get('id')`` speaker table, ``by`` resolution, text extraction and tag
dispatch. What SayIt would log as a warning or an error is collected in ``log``.
"""

from __future__ import annotations

import pytest
from archive_support import CORPUS_DIR, CORPUS_FILES
from lxml import etree, objectify

from transcriber.archive.convert import import_file
from transcriber.exports.formats import export_meeting

EXCERPT = CORPUS_DIR.parent / "akn" / "2017-01-10-Chieh-Ting-Yeh-visit.excerpt.an.xml"
SECTION_TAGS = (
    "debateSection", "administrationOfOath", "rollCall", "prayers", "oralStatements",
    "writtenStatements", "personalStatements", "ministerialStatements", "resolutions",
    "nationalInterest", "declarationOfVote", "communication", "petitions", "papers",
    "noticesOfMotion", "questions", "address", "proceduralMotions", "pointOfOrder", "adjournment",
)


class SayItImporter:
    def __init__(self) -> None:
        self.speakers: dict[str, dict] = {}
        self.sections: list[dict] = []
        self.speeches: list[dict] = []
        self.log: list[str] = []

    def import_document(self, data: bytes) -> None:
        self.xml = objectify.fromstring(data)
        self.ns = self.xml.nsmap.get(None, None)
        self.parse_document()

    def parse_document(self) -> None:
        debate = self.xml.debate
        if self.ns:
            people = debate.findall("an:meta/an:references/an:TLCPerson", namespaces={"an": self.ns})
        else:
            people = debate.findall("meta/references/TLCPerson")
        if people is None:
            people = []
        for person in people:
            id = person.get("id")
            href = person.get("href")
            self.speakers[id] = {"name": person.get("showAs"), "identifier": href}
        doc_title = self.get_preface_tag(debate, "docTitle")
        if doc_title is not None:
            doc_title = doc_title.text
        section = None
        if doc_title:
            section = self.make_section(None, heading=doc_title)
        self.visit(debate.debateBody, section)

    def get_preface_tag(self, debate, tag):
        if self.ns:
            found = debate.xpath(f"an:coverPage//an:{tag}|an:preface//an:{tag}", namespaces={"an": self.ns})
        else:
            found = debate.xpath(f"coverPage//{tag}|preface//{tag}")
        return found[0] if found else None

    def get_tag(self, node) -> str:
        return etree.QName(node.tag).localname

    def get_text(self, node) -> str:
        paras = [node.text]
        paras += [
            etree.tostring(child, encoding="utf-8").decode("utf-8")
            for child in node.iterchildren()
            if self.get_tag(child) not in ("num", "heading", "subheading", "from")
        ]
        return "".join(filter(None, paras))

    def construct_heading(self, node) -> dict:
        headings = {}
        for tag in ("num", "heading", "subheading"):
            if hasattr(node, tag):
                headings[tag] = getattr(node, tag).text
        return headings

    def get_speaker(self, child):
        display_name = child["from"].text if hasattr(child, "from") else None
        by_ref = child.get("by")
        speaker = None
        if by_ref:
            if not by_ref.startswith("#"):
                self.log.append(f"by attribute value doesn't begin with '#': {by_ref}")
            try:
                speaker = self.speakers[by_ref[1:]]
            except KeyError:
                self.log.append(f"ID {by_ref} in speech has no corresponding TLCPerson entry")
        return speaker, display_name

    def make_section(self, parent, **headings) -> dict:
        section = {"parent": parent, **headings}
        self.sections.append(section)
        return section

    def visit(self, node, section) -> None:
        for child in node.iterchildren():
            tagname = self.get_tag(child)
            if tagname in ("num", "heading", "subheading"):
                continue
            if tagname in SECTION_TAGS:
                child_section = self.make_section(section, **self.construct_heading(child))
                self.visit(child, child_section)
            elif tagname in ("speech", "question", "answer"):
                speaker, display_name = self.get_speaker(child)
                self.speeches.append({"section": section, "text": self.get_text(child),
                                      "speaker": speaker, "speaker_display": display_name,
                                      "type": tagname})
            elif tagname in ("scene", "narrative", "summary", "other"):
                self.speeches.append({"section": section, "text": self.get_text(child),
                                      "speaker": None, "type": tagname})
            else:
                self.log.append(f"{child.tag} unrecognised")


def shape(data: bytes) -> set[tuple[str, tuple[str, ...]]]:
    """(tag path, attribute names) of every element down to ``<p>``, and ``<p>``'s own
    ``<i>`` wrapper in a narrative: the structure, not the words."""
    found: set[tuple[str, tuple[str, ...]]] = set()

    def walk(node, path: str) -> None:
        here = f"{path}/{node.tag}"
        found.add((here, tuple(sorted(node.attrib))))
        if node.tag == "p":
            if path.endswith("/narrative") and len(node) == 1 and node[0].tag == "i" and not (node.text or "").strip():
                found.add((f"{here}/i", ()))
            return
        for child in node:
            walk(child, here)

    walk(etree.fromstring(data), "")
    return found


def exported(library, path) -> bytes:
    meeting = import_file(library, path)
    return export_meeting(library, meeting.id, "akn")


def test_the_port_reads_the_archive_tw_excerpt():
    importer = SayItImporter()
    importer.import_document(EXCERPT.read_bytes())
    speeches = [s for s in importer.speeches if s["type"] == "speech"]
    assert len(speeches) == 5 and all(s["speaker"] for s in speeches) and importer.log == []
    assert [s["heading"] for s in importer.sections] == ["2017-01-10 Chieh-Ting Yeh visit"]


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name[:24] for p in CORPUS_FILES])
def test_sayit_attributes_every_speech_of_every_corpus_file(library, path):
    data = exported(library, path)
    importer = SayItImporter()
    importer.import_document(data)
    speeches = [s for s in importer.speeches if s["type"] in ("speech", "question", "answer")]
    assert speeches, "a transcript with speaker turns has speeches"
    unattributed = [s["text"][:60] for s in speeches if s["speaker"] is None]
    assert unattributed == [] and importer.log == []
    # One section, headed like the file's H1; no namespace leaks into the text SayIt stores.
    assert len(importer.sections) == 1 and importer.sections[0]["parent"] is None
    assert all("xmlns" not in s["text"] for s in importer.speeches)
    # The shape of archive.tw's files: nothing the excerpt does not have.
    excerpt = shape(EXCERPT.read_bytes())
    assert shape(data) <= excerpt
    for required in ("/akomaNtoso/debate/debateBody/debateSection/heading",
                     "/akomaNtoso/debate/debateBody/debateSection/speech/p"):
        assert any(path == required for path, _ in shape(data))


def test_links_and_emphasis_stay_markup(library, tmp_path):
    path = tmp_path / "2024-01-02-Links.md"
    path.write_text("# 2024-01-02 Links\n\n### Audrey Tang:\n\nSee [the site](https://example.org) "
                    "and *this*.\n\nSecond paragraph.\n\n> (laughter)\n", encoding="utf-8")
    importer = SayItImporter()
    importer.import_document(exported(library, path))
    texts = [s["text"] for s in importer.speeches]
    assert texts[0].strip() == '<p>See <a href="https://example.org">the site</a> and <i>this</i>.</p>'
    assert texts[1].startswith("<p>Second paragraph.</p>")
    assert texts[2].replace(" ", "").replace("\n", "") == "<p><i>(laughter)</i></p>"


def test_section_headings_become_the_subsections_sayit_makes_of_them(library, tmp_path):
    path = tmp_path / "2024-01-02-Sections.md"
    path.write_text("# 2024-01-02 Sections\n\n## 第一部分：開場\n\n### 唐鳳：\n\n大家好。\n\n第二段。\n\n"
                    "#### 小節\n\n### 問：\n\n問題？\n\n## Part *two*\n\n### 唐鳳：\n\n回答。\n",
                    encoding="utf-8")
    importer = SayItImporter()
    importer.import_document(exported(library, path))
    assert importer.log == []
    top, first, sub, second = importer.sections
    assert (top["heading"], top["parent"]) == ("2024-01-02 Sections", None)
    assert (first["heading"], first["parent"]) == ("第一部分：開場", top)
    assert (sub["heading"], sub["parent"]) == ("小節", first)
    assert (second["heading"], second["parent"]) == ("Part two", top)
    placed = [(s["section"]["heading"], s["text"].strip()) for s in importer.speeches]
    assert placed == [("第一部分：開場", "<p>大家好。</p>"), ("第一部分：開場", "<p>第二段。</p>"),
                      ("小節", "<p>問題？</p>"), ("Part two", "<p>回答。</p>")]
    assert all(s["speaker"] for s in importer.speeches)


def test_section_headings_stay_in_the_plain_exports(library, tmp_path):
    path = tmp_path / "2024-01-02-Sections.md"
    path.write_text("# 2024-01-02 Sections\n\n## 第一部分\n\n### 唐鳳：\n\n大家好。\n", encoding="utf-8")
    meeting = import_file(library, path)
    text = export_meeting(library, meeting.id, "txt")
    assert text.index("第一部分") < text.index("大家好。")
    assert "##" not in text
