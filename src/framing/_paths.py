"""Where framing's shipped files live (lexicons, actor table).

In an installed wheel the top-level ``lexicons/`` folder is packaged as
``framing/lexicons``; in a source checkout (editable install) it is read from the
repository root.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["lexicon_dir", "resources_path"]


def lexicon_dir() -> Path:
    """The folder that holds the shipped lexicons."""
    packaged = Path(str(resources.files("framing"))) / "lexicons"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "lexicons"


def resources_path(name: str) -> Path:
    """The path of a shipped lexicon file, e.g. ``resources_path("actors.yaml")``."""
    return lexicon_dir() / name
