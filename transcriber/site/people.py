"""Who speaks where: one speaker page per person, whatever names the transcripts use.

A label names a person after the profile's aliases (``[aliases]`` in
``.transcriber.toml``), or no one (a role: 問, Question, 主持人). Names are also paired
through ``.alternates``: the two files of a twin are one meeting in two languages, so
their turns line up one for one, and a person labelled ``Audrey Tang`` in the English
file is the one labelled ``唐鳳`` at the same turns of the Chinese file. A pairing is
taken only when the two files' turns line up exactly and every name maps to one name
only; anything less is left apart, because merging two people is worse than showing
one person twice.

A merged person's page is named for the profile's alias target when there is one,
else for the name used in the most transcripts; the other names are shown on it, and
their own page folders (from earlier builds) redirect to it.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from transcriber.archive.filenames import slugify
from transcriber.site.pages import Entry


def person_of(label: str, profile) -> str | None:
    """The person a speaker label names (after the profile's aliases), or None for a role."""
    name = unicodedata.normalize("NFC", label.strip())
    canonical = profile.aliases.get(name, name)
    roles = {role.casefold() for role in profile.not_speakers}
    if not canonical or name.casefold() in roles or canonical.casefold() in roles:
        return None
    return canonical


def _folder(name: str) -> str:
    base = slugify(name) or "speaker"
    if base.startswith(".") or base.casefold() == "index.html":
        base = "speaker-" + base.lstrip(".")
    return base


def speaker_slugs(people: list[str]) -> dict[str, str]:
    """A unique folder name per person; names that would share one each get a short hash."""
    groups: dict[str, list[str]] = defaultdict(list)
    for person in people:
        groups[_folder(person).casefold()].append(person)
    slugs = {}
    for members in groups.values():
        for person in members:
            digest = hashlib.sha1(person.encode("utf-8")).hexdigest()[:6]
            slugs[person] = _folder(person) if len(members) == 1 else f"{_folder(person)}-{digest}"
    return slugs


def _collapsed(sequence: list[str | None]) -> list[str | None]:
    return [name for i, name in enumerate(sequence) if i == 0 or name != sequence[i - 1]]


def twin_names(first: list[str | None], second: list[str | None]) -> list[tuple[str, str]]:
    """The (name, name) pairs two twins' turn sequences show, or [] if they do not line up.

    A sequence holds each turn's person (None for a role). Turns split differently in
    the two languages are compared with repeats collapsed.
    """
    if len(first) != len(second):
        first, second = _collapsed(first), _collapsed(second)
        if len(first) != len(second):
            return []
    forward: dict[str, str] = {}
    backward: dict[str, str] = {}
    for a, b in zip(first, second, strict=True):
        if (a is None) != (b is None):
            return []  # a person where the other file has a role: the turns do not line up
        if a is None or b is None:
            continue
        if forward.setdefault(a, b) != b or backward.setdefault(b, a) != a:
            return []
    return [(a, b) for a, b in forward.items() if a != b]


@dataclass
class People:
    person: dict[str, str | None] = field(default_factory=dict)  # label -> person (None: a role)
    slugs: dict[str, str] = field(default_factory=dict)  # person -> speaker page folder
    other_names: dict[str, list[str]] = field(default_factory=dict)  # person -> names also used
    appearances: dict[str, dict[str, Entry]] = field(default_factory=dict)  # person -> slug -> entry
    moved: dict[str, str] = field(default_factory=dict)  # folder of a merged name -> the person's


def identify(entries: list[Entry], twins: list[tuple[Entry, Entry]], profile) -> People:
    """The people of ``entries``: labels merged through aliases and twins (module doc)."""
    named: dict[str, str | None] = {}
    for entry in entries:
        for label, _ in entry.speakers:
            named.setdefault(label, person_of(label, profile))
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.get(name, name) != name:
            name = parent[name]
        return name

    for first, second in twins:
        sequences = [[named[entry.speakers[i][0]] for i in entry.turns] for entry in (first, second)]
        for a, b in twin_names(*sequences):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, set[str]] = defaultdict(set)  # root -> person names
    seen_in: dict[str, set[str]] = defaultdict(set)  # person name -> transcript slugs
    labels_of: dict[str, set[str]] = defaultdict(set)  # root -> labels as written
    for entry in entries:
        for label, _ in entry.speakers:
            if named[label] is not None:
                group = root(named[label])
                members[group].add(named[label])
                seen_in[named[label]].add(entry.slug)
                labels_of[group].add(unicodedata.normalize("NFC", label.strip()))
    targets = set(profile.aliases.values())
    people = People()
    canonical: dict[str, str] = {}
    for group, names in members.items():
        chosen = min(names, key=lambda n: (n not in targets, -len(seen_in[n]), n))
        canonical[group] = chosen
        people.other_names[chosen] = sorted((labels_of[group] | names) - {chosen})
        people.appearances[chosen] = {}
    for entry in entries:
        for label, _ in entry.speakers:
            person = named[label]
            people.person[label] = canonical[root(person)] if person is not None else None
            if person is not None:
                people.appearances[people.person[label]][entry.slug] = entry
    people.slugs = speaker_slugs(sorted(people.appearances))
    used = {slug.casefold() for slug in people.slugs.values()}
    for group, names in members.items():
        for name in sorted(names - {canonical[group]}):
            folder = _folder(name)
            if folder.casefold() not in used:
                people.moved[folder] = people.slugs[canonical[group]]
                used.add(folder.casefold())
    return people
