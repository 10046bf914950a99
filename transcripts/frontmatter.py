"""Stage 1b: a leading front matter block -> metadata, never text.

Transcripts kept in Git (Hugo, Jekyll, transcript archives) often start with
YAML between `---` lines or TOML between `+++` lines. The block is read with a
safe loader; its usual keys fill what the interview's metadata file leaves
empty (metadata.prefill), and its lines are reported as removed by the rule
`front-matter`, so nothing disappears unseen. A block that does not parse,
or is not closed, stops the build with the file and line.
"""
from __future__ import annotations

import datetime
import re
import tomllib

from .errors import BuildError
from .languages import LANGUAGES, is_han_text, language_of
from .model import FrontMatter, Removal, SourceLine
from .schema import key_line, parse_yaml

FENCES = {"---": "yaml", "+++": "toml"}
RULE = "front-matter"

# Front matter key (as used in the wild) -> metadata key it fills.
KEYS = {
    "title": "title",
    "date": "interview_date", "recorded": "interview_date", "interview_date": "interview_date",
    "speakers": "speakers", "speaker": "speakers", "guests": "speakers", "guest": "speakers",
    "hosts": "speakers", "host": "speakers", "interviewer": "speakers", "interviewers": "speakers",
    "media": "media_url", "media_url": "media_url", "video": "media_url", "video_url": "media_url",
    "youtube": "media_url", "audio": "media_url", "audio_url": "media_url",
    "translator": "writeup.translator", "translators": "writeup.translator", "translated_by": "writeup.translator",
    "transcript_by": "writeup.author", "transcribed_by": "writeup.author", "transcriber": "writeup.author",
    "author": "writeup.author", "authors": "writeup.author",
    "source": "writeup.url", "source_url": "writeup.url", "original_url": "writeup.url",
    "license": "writeup.licence", "licence": "writeup.licence",
    "publisher": "writeup.publisher",
    "podcast": "programme", "show": "programme", "programme": "programme", "program": "programme",
    "episode": "episode",
    "tags": "tags", "categories": "tags", "keywords": "tags",
}
SPEAKER_ROLES = {"hosts": "host", "host": "host", "interviewer": "interviewer", "interviewers": "interviewer"}


def split_front_matter(lines: list[SourceLine], path) -> tuple[FrontMatter, list[SourceLine]]:
    """(front matter, the lines after it); an empty FrontMatter without a block."""
    if not lines or lines[0].text.strip() not in FENCES:
        return FrontMatter(), lines
    fence = lines[0].text.strip()
    end = next((i for i, line in enumerate(lines[1:], 1) if line.text.strip() == fence), None)
    if end is None:
        raise BuildError(path, f"front matter opened with {fence!r} is not closed by another {fence!r} line",
                         line=lines[0].number)
    body = "\n".join(line.text for line in lines[1:end])
    fields = _parse(body, FENCES[fence], path, first_line=lines[1].number if end > 1 else lines[0].number)
    front = FrontMatter(fields=fields, removed=[Removal(RULE, line.number, line.text) for line in lines[:end + 1]])
    for key, value in fields.items():
        target = KEYS.get(str(key).lower())
        if target is None or value in (None, "", []):
            continue
        line = _line_of(body, key, FENCES[fence], lines[1].number)
        converted = _convert(key, target, value, path, line)
        if converted is not None:
            _put(front.values, target, converted, str(key).lower())
            front.used[str(key)] = target
    return front, lines[end + 1:]


def _parse(body: str, kind: str, path, first_line: int) -> dict:
    last_line = first_line + max(body.count("\n"), 0)  # an error found at the end is on the block's last line
    if kind == "yaml":
        try:
            data = parse_yaml(body, path, first_line=first_line) if body.strip() else {}
        except BuildError as err:
            raise BuildError(path, err.message, line=min(err.line or last_line, last_line)) from None
    else:
        try:
            data = tomllib.loads(body)
        except tomllib.TOMLDecodeError as err:
            where = re.search(r"line (\d+)", str(err))
            message = re.sub(r"\s*\(at .*\)$", "", str(err))
            raise BuildError(path, f"invalid TOML front matter: {message}",
                             line=min(int(where.group(1)) + first_line - 1, last_line) if where else last_line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BuildError(path, f"front matter: expected a mapping of keys, got {type(data).__name__}", line=first_line)
    return data


def _line_of(body: str, key, kind: str, first_line: int) -> int:
    if kind == "yaml":
        line = key_line(body, str(key))
        return first_line + line - 1 if line else first_line
    for n, text in enumerate(body.split("\n")):
        if re.match(rf"\s*['\"]?{re.escape(str(key))}['\"]?\s*=", text):
            return first_line + n
    return first_line


def _text(value, key, path, line) -> str:
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise BuildError(path, f"front matter: {key}: expected text, got {type(value).__name__}", line=line)


def _names(value, key, path, line) -> list[str]:
    if isinstance(value, str):
        return [n.strip() for n in re.split(r"\s*[,，、;；]\s*|\s+and\s+|\s*&\s*", value) if n.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    if isinstance(value, list) and all(isinstance(v, dict) and isinstance(v.get("name"), str) for v in value):
        return [v["name"].strip() for v in value]
    raise BuildError(path, f"front matter: {key}: expected a name or a list of names", line=line)


def _date(value, key, path, line) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    match = re.match(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", str(value).strip())
    if isinstance(value, (str, int)) and not isinstance(value, bool) and match:
        return match.group(1)
    raise BuildError(path, f"front matter: {key}: expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}",
                     line=line)


def speaker_id(name: str) -> str:
    """A speaker id from a name: `Jeremy Rubin` -> jeremy-rubin, 黃仁勳 -> huang-ren-xun."""
    from pypinyin import lazy_pinyin  # imported when needed: it takes 0.2 s, and most builds need none
    words = lazy_pinyin(name) if is_han_text(name) else [name]
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")
    return slug or "speaker"


def _convert(key, target: str, value, path, line):
    if target == "title":
        title = _text(value, key, path, line)
        return {"zh-Hans" if is_han_text(title) else "en": title}  # refined by the declared languages
    if target == "interview_date":
        return _date(value, key, path, line)
    if target == "speakers":
        role = SPEAKER_ROLES.get(str(key).lower(), "guest")
        return [{"id": speaker_id(name), "name": name, "role": role, "labels": [name]}
                for name in _names(value, key, path, line)]
    if target == "tags":
        return _names(value, key, path, line) if not isinstance(value, str) else [value.strip()]
    text = _text(value, key, path, line)
    if target in ("media_url", "writeup.url") and not re.match(r"https?://\S+$", text):
        return None  # Hugo's `url` and friends are paths on the site, not the recording
    return text


def _put(values: dict, target: str, value, key: str) -> None:
    *parents, name = target.split(".")
    for parent in parents:
        values = values.setdefault(parent, {})
    if name == "speakers" and name in values:
        known = {s["id"] for s in values[name]}
        values[name].extend(s for s in value if s["id"] not in known)
    elif name == "title" and name in values:
        values[name] = {**value, **values[name]}
    elif name == "tags" and name in values:
        values[name] = list(dict.fromkeys([*values[name], *value]))
    elif name not in values:
        values[name] = value


def in_declared_languages(values: dict, declared) -> dict:
    """The values with the title under the declared language of its script (a
    traditional-Chinese page's title is zh-Hant, not zh-Hans)."""
    if "title" not in values or not isinstance(declared, list) or not declared \
            or not all(tag in LANGUAGES for tag in declared):
        return values
    return {**values, "title": {language_of(text, declared): text for text in values["title"].values()}}
