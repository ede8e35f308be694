"""A transcript's body as safe HTML with a citable id on every speech turn.

The Markdown is rendered with raw HTML allowed (real transcripts embed YouTube players
and ``<a href>`` links) and every piece then goes through nh3 (the Rust ``ammonia``
sanitizer): links, emphasis, lists, tables and YouTube/Vimeo players stay; scripts,
event handlers, styles and ``javascript:`` URLs go.

Turn ids are derived from the turn itself (its speaker and the start of its text), not
from its position, so a link to ``#t-3f9a2c`` keeps pointing at the same words when
turns before it are added, removed or edited. Every paragraph has its own id too, as
SayIt gives every paragraph one (``#p-…``, from its speaker and its own first words),
with the copy-link anchor: a paragraph, a list item, a paragraph of a quote. Two that
begin alike get ``-2``, ``-3``… in order.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt

from transcriber.archive.document import ArchiveDocument, LicenceNotice, Quote, Raw, Turn

_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")

EMBED_HOSTS = (
    "https://www.youtube.com/embed/",
    "https://www.youtube-nocookie.com/embed/",
    "https://player.vimeo.com/video/",
)
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "del", "dd", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul", "span", "figure", "figcaption",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "frameborder",
               "referrerpolicy"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
    "abbr": {"title"},
}
# How much of a turn's text names it: enough to tell turns apart, little enough that a
# typo fixed late in a long turn keeps its link.
ID_TEXT_CHARS = 80


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if element == "iframe" and attribute == "src":
        return value if value.startswith(EMBED_HOSTS) else None
    return value


def sanitize(fragment: str) -> str:
    """``fragment`` with only safe markup left (see the module docstring)."""
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_attribute_filter,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    return sanitize(_markdown.render(text))


@dataclass
class RenderedBody:
    html: str
    turn_ids: list[str] = field(default_factory=list)
    paragraph_ids: list[str] = field(default_factory=list)


def _id_text(turn: Turn) -> str:
    words = " ".join(item.text for item in turn.items)
    words = re.sub(r"<[^>]*>|[*_`>#\[\]()]", "", words)
    words = unicodedata.normalize("NFC", re.sub(r"\s+", " ", words)).strip()
    return (turn.label or "") + "\n" + words[:ID_TEXT_CHARS]


def turn_id(seed: str, taken: set[str], prefix: str = "t-") -> str:
    """``t-`` (or ``prefix``) and six hex digits of ``seed``'s hash; ``-2``, ``-3``… when taken."""
    base = prefix + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:6]
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


def _is_paragraph(name: str, parents: list[str]) -> bool:
    """A citable unit: a top-level paragraph, an item of a top-level list, a paragraph of a quote."""
    if len(parents) == 0:
        return name == "p"
    return len(parents) == 1 and (name == "li" and parents[0] in ("ul", "ol")
                                  or name == "p" and parents[0] == "blockquote")


def cite_paragraphs(fragment: str, label: str, taken: set[str], copy_label: str) -> tuple[str, list[str]]:
    """``fragment`` (sanitized HTML, so well formed) with an id and a copy-link anchor on
    each paragraph (``_is_paragraph``); the ids in order."""
    parents: list[str] = []
    inserts: list[tuple[int, str]] = []  # (offset, text to insert there)
    ids: list[str] = []
    open_at: list[tuple[int, int] | None] = []  # per open element: (its depth, where its text starts)
    for match in _TAG.finditer(fragment):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in _VOID:
            continue
        if not closing:
            unit = _is_paragraph(name, parents)
            open_at.append((len(parents), match.end()) if unit else None)
            if unit:
                inserts.append((match.end() - 1, ""))  # the id, once the text is known
            parents.append(name)
            continue
        if not parents:
            continue
        parents.pop()
        unit = open_at.pop()
        if unit is None:
            continue
        text = html.unescape(re.sub(r"<[^>]*>", "", fragment[unit[1]:match.start()]))
        words = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text)).strip()
        ident = turn_id(label + "\n" + words[:ID_TEXT_CHARS], taken, prefix="p-")
        ids.append(ident)
        spot = next(i for i in range(len(inserts) - 1, -1, -1) if inserts[i][0] == unit[1] - 1)
        inserts[spot] = (unit[1] - 1, f' id="{ident}"')
        inserts.append((match.start(), f' <a class="cite" href="#{ident}" title="{html.escape(copy_label)}" '
                                       f'aria-label="{html.escape(copy_label)}" data-pagefind-ignore>#</a>'))
    parts, last = [], 0
    for offset, text in sorted(inserts, key=lambda pair: pair[0]):
        parts.append(fragment[last:offset] + text)
        last = offset
    parts.append(fragment[last:])
    return "".join(parts), ids


def _source(turn: Turn) -> str:
    return "".join(item.before + (item.source if item.source is not None else item.marker + item.text)
                   for item in turn.items).lstrip("\n")


def render_body(doc: ArchiveDocument, *, copy_label: str, speaker_href=None) -> RenderedBody:
    """The transcript after its H1: turns as ``<section>`` with ids, every paragraph
    with its own id and copy-link anchor.

    ``speaker_href(label)`` gives the link of a label's speaker page, or None for a label
    that is no person.
    """
    parts: list[str] = []
    taken: set[str] = set()
    ids: list[str] = []
    paragraph_ids: list[str] = []

    def cited(markdown: str, label: str) -> str:
        fragment, found = cite_paragraphs(render_markdown(markdown), label, taken, copy_label)
        paragraph_ids.extend(found)
        return fragment

    for block in doc.blocks:
        if isinstance(block, Turn):
            if block.label is None and all(item.kind == "raw" for item in block.items):
                # An embedded player or other markup between turns: nobody speaks here.
                parts.append(cited(_source(block), ""))
                continue
            ident = turn_id(_id_text(block), taken)
            ids.append(ident)
            body = cited(_source(block), block.label or "")
            if block.label is not None:
                label = html.escape(block.label + block.colon)
                link = speaker_href(block.label) if speaker_href else None
                if link:
                    label = f'<a class="speaker" href="{html.escape(link)}">{label}</a>'
                parts.append(f'<section class="turn">\n<h3 id="{ident}">{label}</h3>\n{body}</section>\n')
            else:
                parts.append(f'<section class="turn" id="{ident}">\n{body}</section>\n')
        elif isinstance(block, LicenceNotice):
            # The file's own licence line: shown, but no search result should quote it.
            parts.append(f'<div class="licence-notice" data-pagefind-ignore>'
                         f"{render_markdown(block.source or block.render().lstrip())}</div>\n")
        elif isinstance(block, Quote):
            parts.append(cited(block.source if block.source is not None else block.render().lstrip(), ""))
        elif isinstance(block, Raw):
            parts.append(cited(block.source, ""))
    return RenderedBody("".join(parts), ids, paragraph_ids)
