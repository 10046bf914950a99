"""Positions in the recording: parse `[00:12:34]`, `\\[00:06:04.13\\]` or a cue
time, and link to that second of the recording.

The link depends on where the recording is: YouTube takes `t=754s`,
Bilibili `t=754`, a plain audio or video file a Media Fragment `#t=754`.
Any other page (a podcast's episode page) gets no link: the time is shown
as text, since we cannot know how its player seeks.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TIME = re.compile(r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,3}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be",
                 "www.youtube-nocookie.com"}
BILIBILI_HOSTS = {"bilibili.com", "www.bilibili.com", "m.bilibili.com", "b23.tv"}
MEDIA_FILES = (".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac", ".mp4", ".m4v", ".webm", ".mov")


class TimeError(ValueError):
    pass


def seconds(text: str) -> float:
    """`01:02:03.5`, `12:34`, `12:34,500` -> seconds; TimeError when malformed
    (minutes or seconds past 59, or not a time at all)."""
    match = TIME.fullmatch(text.strip())
    if not match:
        raise TimeError(f"malformed time {text!r}, expected HH:MM:SS or MM:SS")
    hours, minutes, secs = int(match["h"] or 0), int(match["m"]), int(match["s"])
    if secs > 59 or (match["h"] is not None and minutes > 59):
        raise TimeError(f"malformed time {text!r}: minutes and seconds run from 00 to 59")
    fraction = float(f"0.{match['f']}") if match["f"] else 0.0
    return hours * 3600 + minutes * 60 + secs + fraction


def shown(total: float) -> str:
    """754.2 -> `12:34`, 3723 -> `1:02:03`: how a player shows the time."""
    whole = int(total)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _with_query(url: str, key: str, value: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != key] + [(key, value)]
    return urlunsplit(parts._replace(query=urlencode(query), fragment=""))


def time_link(media_url: str | None, at: float) -> str | None:
    """The URL that opens the recording at second `at`, or None where we do not know how."""
    if not media_url:
        return None
    parts = urlsplit(media_url)
    host, second = parts.hostname or "", int(at)
    if host in YOUTUBE_HOSTS:
        return _with_query(media_url, "t", f"{second}s")
    if host in BILIBILI_HOSTS:
        return _with_query(media_url, "t", str(second))
    if parts.path.lower().endswith(MEDIA_FILES):
        return urlunsplit(parts._replace(fragment=f"t={second}"))
    return None
