"""`--report`: what cleaning removed (by rule), turns per speaker, passages without a speaker."""
from __future__ import annotations

from collections import Counter


def turn_counts(interview) -> Counter:
    return Counter(turn.speaker or turn.role or "unattributed" for turn in interview.turns())


def unattributed(interview) -> list:
    return [p for p in interview.passages() if not p.speaker and not p.role]


def report(site, only: str | None = None) -> str:
    out = []
    for interview in site.interviews:
        if only and interview.slug != only:
            continue
        out.append(f"== {interview.slug}")
        filled = set(interview.meta.get("prefilled", ()))
        for key, target in interview.front_matter.used.items():
            used = "used" if target in filled or any(f.startswith(target + ".") for f in filled) \
                else "not used, the metadata file sets it"
            out.append(f"  front matter {key} -> {target}: {used}")
        by_rule = {}
        for removal in interview.removed:
            by_rule.setdefault(removal.rule, []).append(removal)
        for rule, removals in by_rule.items():
            out.append(f"  removed by {rule}: {len(removals)} line(s)")
            for r in removals:
                out.append(f"    {r.line:>4}: {r.text[:100]}")
        for key, value in interview.extracted.items():
            out.append(f"  kept as metadata {key}: {value[:100]}")
        counts = turn_counts(interview)
        out.append("  turns: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        if interview.correction_counts:
            out.append(f"  corrections applied: {sum(interview.correction_counts)} "
                       f"({len(interview.correction_counts)} entries)")
        missing = unattributed(interview)
        out.append(f"  passages without a speaker or role: {len(missing)}")
        for passage in missing[:200]:
            out.append(f"    line {passage.line}: {passage.plain_text()[:60]}")
    if site.concepts and not only:
        from .concepts import unused
        out.append(f"== concepts: {len(site.concepts)}, quotes indexed: {sum(v.total for v in site.concept_views)}")
        for concept_id in unused(site.concepts, site.interviews):
            out.append(f"  warning: concept {concept_id!r} has no quote")
    return "\n".join(out)
