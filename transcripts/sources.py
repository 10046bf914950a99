"""Where an interview's files are, and which reader a transcript needs.

A transcript is `sources/<slug>.<ext>` in one of the formats below (looked up
by extension, as Pelican looks up its readers); beside it its metadata
(`<slug>.yml`) and optionally annotations, corrections, the anchor
registry and the alignment with another version of the interview. Every file the build reads must lie inside the repository: a
symlink that leads elsewhere (`sources/x.txt -> /etc/passwd`) would publish
that file as an interview.
"""
from __future__ import annotations

from pathlib import Path

from .errors import BuildError

# extension -> format: plain text or Markdown transcripts, or subtitle files
TRANSCRIPT_FORMATS = {".txt": "text", ".md": "text", ".vtt": "vtt", ".srt": "srt"}
COMPANIONS = (".yml", ".annotations.yml", ".corrections.yml", ".anchors.yml", ".alignment.yml")


def transcript_format(path: Path) -> str:
    return TRANSCRIPT_FORMATS[path.suffix.lower()]


def find_transcripts(folder: Path) -> dict[str, Path]:
    """slug -> transcript file, in slug order; two transcripts for one slug are an error."""
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.suffix.lower() not in TRANSCRIPT_FORMATS or not (path.is_file() or path.is_symlink()):
            continue
        if path.stem in found:
            raise BuildError(path, f"two transcripts for one interview: {found[path.stem].name} and {path.name}")
        found[path.stem] = path
    return dict(sorted(found.items()))


def companion_files(folder: Path, slug: str) -> list[Path]:
    return [folder / f"{slug}{ext}" for ext in COMPANIONS]


def check_inside(path: Path, root: Path) -> None:
    """Refuse a file that resolves outside `root` (a symlink out of the repository)."""
    if not (path.is_symlink() or path.exists()):
        return
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        raise BuildError(path, f"leads outside the repository (to {target}); copy the file into "
                               f"{path.parent.name}/ instead of linking to it")
