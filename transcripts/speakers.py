"""Stage 5: paragraphs -> sections of attributed turns.

A turn starts at a speaker label (mapped to a person through the metadata),
at an annotation, or, in question/answer transcripts (`layout.answerer`), at the
first unlabelled paragraph after a question. Paragraphs before the first label
or heading of a labelled transcript are the publisher's introduction.
"""
from __future__ import annotations

from .annotations import apply_annotations
from .labels import label_key
from .model import Paragraph, Passage, Section, Turn

QUESTIONER_ROLES = ("host", "interviewer")


def label_map(meta) -> dict[str, str]:
    return {label_key(label): s["id"] for s in meta["speakers"] for label in s["labels"]}


def attribute(paragraphs: list[Paragraph], meta, annotations=()) -> list[Section]:
    labels = label_map(meta)
    roles = {s["id"]: s["role"] for s in meta["speakers"]}
    answerer = meta["layout"]["answerer"]
    paragraphs, starts = apply_annotations(paragraphs, list(annotations))

    sections = [Section(title=None, line=paragraphs[0].line if paragraphs else 1)]
    speaker, role = None, None
    started = not labels  # unlabelled transcripts have no implicit introduction
    new_turn = True
    pending_timestamp = None
    for paragraph, annotation in zip(paragraphs, starts):
        if paragraph.is_heading:
            (lang, title), = paragraph.texts.items()
            sections.append(Section(title=title, line=paragraph.line, lang=lang))
            started, new_turn = True, True
            continue
        if annotation:
            # an annotation naming the current speaker continues the turn
            new_turn = new_turn or (annotation.speaker, annotation.role) != (speaker, role)
            speaker, role, started = annotation.speaker, annotation.role, True
        elif paragraph.label:
            labelled = labels[label_key(paragraph.label)]
            # a label naming the current speaker again continues the turn
            new_turn = new_turn or (labelled, None) != (speaker, role)
            speaker, role, started = labelled, None, True
        elif answerer and started and roles.get(speaker) in QUESTIONER_ROLES and speaker != answerer:
            speaker, role, new_turn = answerer, None, True
        elif paragraph.speaker_change:
            # someone else speaks, and nothing says who: never the one before
            speaker, role, new_turn, started = None, None, True, True
        elif not started:
            speaker, role = None, "introduction"
        if not paragraph.texts:
            pending_timestamp = paragraph.timestamp
            continue  # a label alone on its line: the turn starts with the next paragraph
        if pending_timestamp and not paragraph.timestamp:
            paragraph.timestamp = pending_timestamp
        pending_timestamp = None
        passage = Passage(line=paragraph.line, texts=paragraph.texts, speaker=speaker, role=role,
                          timestamp=paragraph.timestamp)
        turns = sections[-1].turns
        # without attribution every paragraph stands alone: we cannot know turns
        if new_turn or not turns or (speaker is None and role is None):
            turns.append(Turn(speaker=speaker, role=role, passages=[passage]))
            new_turn = False
        else:
            turns[-1].passages.append(passage)
    return [section for section in sections if section.turns or section.title]
