"""A transcript's body as safe HTML with a citable id on every speech turn.

The Markdown is rendered with raw HTML allowed (real transcripts embed YouTube players
and ``<a href>`` links) and every piece then goes through nh3 (the Rust ``ammonia``
sanitizer): links, emphasis, lists, tables and YouTube/Vimeo players stay; scripts,
event handlers, styles and ``javascript:`` URLs go.

Turn ids are derived from the turn itself (its speaker and the start of its text), not
from its position, so a link to ``#t-3f9a2c`` keeps pointing at the same words when
turns before it are added, removed or edited. Two turns that begin alike get ``-2``,
``-3``… in order.
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


def _id_text(turn: Turn) -> str:
    words = " ".join(item.text for item in turn.items)
    words = re.sub(r"<[^>]*>|[*_`>#\[\]()]", "", words)
    words = unicodedata.normalize("NFC", re.sub(r"\s+", " ", words)).strip()
    return (turn.label or "") + "\n" + words[:ID_TEXT_CHARS]


def turn_id(seed: str, taken: set[str]) -> str:
    """``t-`` and six hex digits of ``seed``'s hash; ``-2``, ``-3``… when already taken."""
    base = "t-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:6]
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def _source(turn: Turn) -> str:
    return "".join(item.before + (item.source if item.source is not None else item.marker + item.text)
                   for item in turn.items).lstrip("\n")


def render_body(doc: ArchiveDocument, *, copy_label: str, speaker_href=None) -> RenderedBody:
    """The transcript after its H1: turns as ``<section>`` with ids and a copy-link anchor.

    ``speaker_href(label)`` gives the link of a label's speaker page, or None for a label
    that is no person.
    """
    parts: list[str] = []
    taken: set[str] = set()
    ids: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Turn):
            if block.label is None and all(item.kind == "raw" for item in block.items):
                # An embedded player or other markup between turns: nobody speaks here.
                parts.append(render_markdown(_source(block)))
                continue
            ident = turn_id(_id_text(block), taken)
            ids.append(ident)
            anchor = (f'<a class="cite" href="#{ident}" title="{html.escape(copy_label)}" '
                      f'aria-label="{html.escape(copy_label)}" data-pagefind-ignore>#</a>')
            if block.label is not None:
                label = html.escape(block.label + block.colon)
                link = speaker_href(block.label) if speaker_href else None
                if link:
                    label = f'<a class="speaker" href="{html.escape(link)}">{label}</a>'
                head = f'<h3 id="{ident}">{label} {anchor}</h3>\n'
                parts.append(f'<section class="turn">\n{head}{render_markdown(_source(block))}</section>\n')
            else:
                parts.append(f'<section class="turn" id="{ident}">{anchor}\n'
                             f"{render_markdown(_source(block))}</section>\n")
        elif isinstance(block, LicenceNotice):
            # The file's own licence line: shown, but no search result should quote it.
            parts.append(f'<div class="licence-notice" data-pagefind-ignore>'
                         f"{render_markdown(block.source or block.render().lstrip())}</div>\n")
        elif isinstance(block, Quote):
            parts.append(render_markdown(block.source if block.source is not None else block.render().lstrip()))
        elif isinstance(block, Raw):
            parts.append(render_markdown(block.source))
    return RenderedBody("".join(parts), ids)
