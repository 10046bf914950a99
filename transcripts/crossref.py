"""Cross-interview views: what each concept and each person page shows.

Plain data for the templates (which decide the look): per concept, its quotes
grouped by interview in date order as keyword-in-context lines; per person,
their interviews, turns and the concepts they speak about most.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import languages
from .metadata import interview_date

KWIC_CONTEXT = 60
# A concept page's size is bounded whatever the archive's: the quote lists of
# the interviews that mention the concept most, the strongest quotes of each,
# counts for the rest; the full list is data loaded on demand.
QUOTES_SHOWN = 3  # per interview
INTERVIEWS_WITH_QUOTES = 40
TABLE_ROWS = 200


@dataclass
class Quote:
    interview: object
    passage: object
    speaker: str  # display name or role
    speaker_id: str | None
    left: str
    term: str
    right: str


@dataclass
class ConceptView:
    concept: object
    by_interview: list  # [(interview, [Quote])] in date order
    counts: dict  # slug -> number of quotes
    related: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def first(self) -> dict:
        """slug -> id of the first quote in that interview (the matrix links there)."""
        return {interview.slug: quotes[0].passage.id for interview, quotes in self.by_interview}

    def _most(self, limit: int) -> set[str]:
        ranked = sorted(self.by_interview, key=lambda group: -len(group[1]))  # stable: date order on ties
        return {interview.slug for interview, _ in ranked[:limit]}

    @property
    def table(self) -> list:
        """[(interview, count)] of the TABLE_ROWS interviews that mention it most, in date order."""
        shown = self._most(TABLE_ROWS)
        return [(i, len(q)) for i, q in self.by_interview if i.slug in shown]

    @property
    def listed(self) -> list:
        """[(interview, strongest quotes, number of quotes)] for the interviews
        that mention it most, in date order."""
        shown = self._most(INTERVIEWS_WITH_QUOTES)
        return [(i, strongest(q, self.concept.id)[:QUOTES_SHOWN], len(q)) for i, q in self.by_interview
                if i.slug in shown]

    @property
    def unlisted(self) -> int:
        return len(self.by_interview) - len(self.listed)


def strongest(quotes: list, concept_id: str) -> list:
    """The quotes that name the concept most often first (in reading order on ties)."""
    return sorted(quotes, key=lambda q: -sum(1 for m in q.passage.mentions if m.concept == concept_id))


def chronological(interviews):
    """Oldest first; interviews without a date last."""
    return sorted(interviews, key=lambda i: (interview_date(i.meta) or "9999", i.slug))


def reading(text: str, pinyin: str | None = None) -> list[str]:
    """Syllables of a word; pypinyin reads characters in the context of the word
    (长期 is chang), and `pinyin` overrides it where it still guesses wrong."""
    from pypinyin import lazy_pinyin  # imported when needed: 0.15 s, and a build with nothing changed sorts nothing
    return pinyin.split() if pinyin else lazy_pinyin(text)


def pinyin_key(text: str, pinyin: str | None = None):
    return ("".join(reading(text, pinyin)).casefold(), text)


def letter(text: str, pinyin: str | None = None) -> str:
    first = (reading(text, pinyin) or [""])[0][:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


def speaker_label(interview, passage):
    from .render import ROLE_NAMES
    for s in interview.meta["speakers"]:
        if s["id"] == passage.speaker:
            return s["name"], s["id"]
    return ROLE_NAMES.get(passage.role, "发言人未标注"), None


def kwic(passage, concept_id):
    mentions = [m for m in passage.mentions if m.concept == concept_id]
    mention = min(mentions, key=lambda m: languages.preference(m.lang))  # stable: the first of that language
    text = passage.texts[mention.lang]
    left = text[max(0, mention.start - KWIC_CONTEXT):mention.start]
    right = text[mention.end:mention.end + KWIC_CONTEXT]
    return (("…" if mention.start > KWIC_CONTEXT else "") + left, text[mention.start:mention.end],
            right + ("…" if mention.end + KWIC_CONTEXT < len(text) else ""))


def concept_views(concepts, interviews) -> list[ConceptView]:
    ordered = chronological(interviews)
    views = {}
    for concept in concepts:
        groups, counts = [], {}
        for interview in ordered:
            quotes = []
            for passage in interview.passages():
                if concept.id in passage.concepts:
                    name, speaker_id = speaker_label(interview, passage)
                    quotes.append(Quote(interview, passage, name, speaker_id, *kwic(passage, concept.id)))
            counts[interview.slug] = len(quotes)
            if quotes:
                groups.append((interview, quotes))
        views[concept.id] = ConceptView(concept, groups, counts)
    for view in views.values():
        view.related = [views[r] for r in view.concept.related]
    return sorted(views.values(), key=lambda v: pinyin_key(v.concept.zh, v.concept.pinyin))


@dataclass
class PersonView:
    id: str
    name: str
    name_zh: str | None
    appearances: list  # [(interview, role, turns, passages)]
    top_concepts: list  # [(ConceptView, [Quote])]


def person_views(interviews, views) -> list[PersonView]:
    people: dict[str, PersonView] = {}
    for interview in chronological(interviews):
        for s in interview.meta["speakers"]:
            if s["id"].startswith("unnamed"):
                continue  # nobody to give a page to
            person = people.setdefault(s["id"], PersonView(s["id"], s["name"], s["name_zh"], [], []))
            turns = sum(1 for t in interview.turns() if t.speaker == s["id"])
            passages = sum(1 for p in interview.passages() if p.speaker == s["id"])
            person.appearances.append((interview, s["role"], turns, passages))
    for person in people.values():
        counts = Counter()
        quotes: dict[str, list] = {}
        for view in views:
            for _, group in view.by_interview:
                mine = [q for q in group if q.speaker_id == person.id]
                counts[view.concept.id] += len(mine)
                quotes.setdefault(view.concept.id, []).extend(mine)
        by_id = {v.concept.id: v for v in views}
        top = [c for c, n in counts.most_common() if n][:8]
        person.top_concepts = [(by_id[c], quotes[c]) for c in top]
    return sorted(people.values(), key=lambda p: p.name.casefold())
