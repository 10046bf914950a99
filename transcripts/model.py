"""The plain data model every stage passes on.

Interview -> Section -> Turn -> Passage. Readers produce paragraphs; later
stages only fill in fields (speaker, role, id), never look at raw layout again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Roles for passages nobody in the conversation speaks.
ROLES = ("introduction", "note", "narration")


@dataclass
class SourceLine:
    number: int  # 1-based line number in the source file
    text: str


@dataclass
class Removal:
    """A source line removed by a named cleaning rule (shown in --report)."""
    rule: str
    line: int
    text: str


@dataclass
class FrontMatter:
    """A transcript's leading YAML/TOML block (frontmatter.py)."""
    fields: dict = field(default_factory=dict)  # the block as written
    values: dict = field(default_factory=dict)  # metadata-shaped, for metadata.prefill
    used: dict = field(default_factory=dict)  # front matter key -> metadata key it can fill
    removed: list[Removal] = field(default_factory=list)  # its lines, reported as removed


@dataclass
class Transcript:
    """A transcript file as read: its format (sources.TRANSCRIPT_FORMATS), the
    numbered lines after any front matter, and the front matter."""
    path: Path
    format: str
    lines: list[SourceLine]
    front_matter: FrontMatter = field(default_factory=FrontMatter)


@dataclass
class Paragraph:
    """One block of text as a reader found it, before attribution.

    texts maps a language tag (languages.py: `zh-Hans`, `zh-Hant`, `en`) to
    text; a bilingual pair has both of its languages. `label` is the raw speaker label the reader saw, if any.
    """
    line: int
    texts: dict[str, str]
    label: str | None = None
    is_heading: bool = False
    heading_level: int = 2
    timestamp: str | None = None  # `[00:12:34]` in the source, kept as metadata
    speaker_change: bool = False  # someone else speaks from here (a `- ` in subtitles), not named


@dataclass
class Passage:
    """One quotable paragraph: the unit that gets a permanent anchor."""
    line: int
    texts: dict[str, str]
    id: str = ""
    speaker: str | None = None  # speaker id from the interview metadata
    role: str | None = None  # one of ROLES when nobody speaks it
    timestamp: str | None = None  # position in the recording, when the source gives it
    corrections: list = field(default_factory=list)  # corrections.Applied
    original_texts: dict[str, str] = field(default_factory=dict)  # lang -> text before corrections
    concepts: list = field(default_factory=list)  # concept ids, in order of first mention
    mentions: list = field(default_factory=list)  # concepts.Mention: where each is named

    def source_text(self, lang: str) -> str:
        return self.original_texts.get(lang, self.texts[lang])

    def plain_text(self) -> str:
        return "\n".join(self.texts.values())


@dataclass
class Turn:
    """Consecutive passages by one speaker (or with one role)."""
    speaker: str | None
    role: str | None
    passages: list[Passage]
    id: str = ""


@dataclass
class Section:
    title: str | None
    line: int
    turns: list[Turn] = field(default_factory=list)
    id: str = ""
    original_title: str | None = None  # before corrections
    corrections: list = field(default_factory=list)  # corrections.Applied in the title
    lang: str | None = None  # language tag of the title


@dataclass
class Interview:
    slug: str
    meta: dict
    sections: list[Section]
    removed: list[Removal] = field(default_factory=list)
    extracted: dict = field(default_factory=dict)  # metadata found in the text
    front_matter: FrontMatter = field(default_factory=FrontMatter)
    correction_counts: list = field(default_factory=list)  # per corrections-file entry
    registry: list = field(default_factory=list)  # registry.Anchor: every id ever issued
    retired: dict = field(default_factory=dict)  # retired passage id -> successor id
    # derived by the search stage, kept with the interview in the build cache
    search_records: list = field(default_factory=list)  # searchindex.Record per turn
    search_words: set = field(default_factory=set)  # its Chinese words (traditional-query table)

    def passages(self):
        for section in self.sections:
            for turn in section.turns:
                yield from turn.passages

    def turns(self):
        for section in self.sections:
            yield from section.turns
