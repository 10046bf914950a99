"""Content-hash cache: work is redone only when something it is made from changed.

Two levels, both in the project's .build/cache/ (gitignored, safe to delete):

- one pickle per interview, keyed by the hash of everything the interview is
  made from: its transcript, metadata, annotations, corrections and anchor
  registry, the generic cleaning rules, concepts.yml (the concept index is
  stored with the passages) and the code of this package;
- a manifest of the last complete build: the keys of all interviews plus the
  templates, the navigation it produced and the size and mtime of every file
  it wrote. When every key matches and every file is still as written, the
  build has nothing to do and renders nothing.

Keys are content hashes, not mtimes: touching a file or checking it out again
does not count as a change; editing one character does.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _versions() -> str:
    """Libraries whose behaviour is inside the stored interviews."""
    import charset_normalizer
    import yaml
    return f"charset-normalizer {charset_normalizer.__version__} pyyaml {yaml.__version__} libyaml {yaml.__with_libyaml__}"


def content_hash(data: bytes | None) -> str:
    return hashlib.sha256(data).hexdigest() if data is not None else "absent"


def file_hash(path: Path) -> str:
    try:
        return content_hash(path.read_bytes())
    except FileNotFoundError:
        return content_hash(None)


def combine(parts: dict) -> str:
    """One key from named parts (file names → content hashes, and the like)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """A reader sees the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def digest(paths) -> str:
    return combine({path.name: file_hash(path) for path in paths})


# Stored objects are instances of this package's classes, made by this code:
# the hash is taken once, when the code is loaded, so a long-running
# `mkdocs serve` never files old code's output under new code's key.
CODE = combine({"format": 2, "python": f"{sys.version_info[0]}.{sys.version_info[1]}", "libraries": _versions(),
                "code": digest(sorted(PACKAGE.glob("*.py")))})


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder / "cache"

    # --- interviews ---------------------------------------------------------

    def _entry(self, slug: str, key: str) -> Path:
        return self.folder / f"{slug}.{key}.pickle"  # the key in the name: no unpickling to compare

    def interview(self, slug: str, key: str):
        """The interview stored under `key`, or None."""
        try:
            with open(self._entry(slug, key), "rb") as f:
                return pickle.load(f)
        except Exception:  # missing or damaged: a miss, never a failed build
            return None

    def store_interview(self, slug: str, key: str, interview) -> None:
        write_atomically(self._entry(slug, key), pickle.dumps(interview, protocol=pickle.HIGHEST_PROTOCOL))

    def keep_only(self, keys: dict) -> None:
        """Drop entries of other versions and of sources that no longer exist."""
        current = {self._entry(slug, key).name for slug, key in keys.items()}
        for path in self.folder.glob("*.pickle"):
            if path.name not in current:
                path.unlink()

    # --- the whole build ----------------------------------------------------

    @property
    def _manifest(self) -> Path:
        return self.folder / "manifest.json"

    def unchanged_build(self, keys: dict) -> dict | None:
        """The manifest of the last build if it was made from `keys` and every
        file it wrote is still there, unchanged; else None."""
        try:
            manifest = json.loads(self._manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if manifest.get("keys") != keys:
            return None
        for name, recorded in manifest["files"].items():
            try:
                stat = os.stat(name)
            except OSError:
                return None
            if [stat.st_size, stat.st_mtime_ns] != recorded:
                return None
        return manifest

    def store_build(self, keys: dict, nav: list, interviews: int, files: list[Path]) -> None:
        stats = {}
        for path in files:
            stat = path.stat()
            stats[str(path)] = [stat.st_size, stat.st_mtime_ns]
        manifest = {"keys": keys, "nav": nav, "interviews": interviews, "files": stats}
        write_atomically(self._manifest, json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode())

    def forget_build(self) -> None:
        self._manifest.unlink(missing_ok=True)
