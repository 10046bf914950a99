"""What each page says of itself: the `<meta name="description">` and Open
Graph description that link previews and search engines show.

An interview: its programme, speakers and date, then the first lines of the
guest's first answer. A concept: its definition. A person: who they are in
the archive. Plain text, trimmed to what previews show.
"""
from __future__ import annotations

from . import languages
from .metadata import interview_date
from .render import SPEAKER_ROLE_NAMES
from .share import person_label, trimmed

LIMIT = 240  # characters; previews cut at 200-300


def _people(meta, roles) -> str:
    """Names of the speakers in these roles; nobody for a speaker the text does not name."""
    return "、".join(person_label(s["name"], s["name_zh"])
                    for s in meta["speakers"] if s["role"] in roles and not s["id"].startswith("unnamed"))


def interview_description(interview) -> str:
    meta = interview.meta
    facts = []
    programme = " ".join(filter(None, (meta["programme"], meta["episode"])))
    if programme:
        facts.append(programme)
    guests, hosts, interviewers = (_people(meta, (role,)) for role in ("guest", "host", "interviewer"))
    people = [f"{SPEAKER_ROLE_NAMES[role]} {names}" for role, names in
              (("guest", guests), ("host", hosts), ("interviewer", interviewers)) if names]
    if people:
        facts.append("，".join(people))
    date = interview_date(meta)
    if date:
        facts.append(date)
    guest_ids = {s["id"] for s in meta["speakers"] if s["role"] == "guest"}
    answer = next((t.passages[0] for t in interview.turns() if t.speaker in guest_ids), None)
    head = " · ".join(facts)
    if answer is None:
        return trimmed(head, LIMIT)
    text = answer.texts[languages.preferred(answer.texts)]
    return trimmed(f"{head}。{text}" if head else text, LIMIT)


def concept_description(concept) -> str:
    return trimmed(f"{concept.zh}（{concept.en}）：{concept.definition_zh} {concept.definition_en}", LIMIT)


def person_description(person) -> str:
    roles = sorted({SPEAKER_ROLE_NAMES[role] for _, role, _, _ in person.appearances})
    name = person_label(person.name, person.name_zh)
    turns = sum(turns for _, _, turns, _ in person.appearances)
    return trimmed(f"{name}：在 {len(person.appearances)} 篇访谈中作为{'、'.join(roles)}发言 {turns} 轮，"
                   "每段话都可以链接和引用。", LIMIT)
