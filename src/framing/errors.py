"""Errors that framing reports to users as one clear line (no traceback)."""

from __future__ import annotations

__all__ = ["FramingError", "InputError", "LexiconError"]


class FramingError(Exception):
    """A user-facing error: its message is one line naming the file (and line) and
    what to do. Command-line tools print it and exit non-zero."""


class InputError(FramingError, ValueError):
    """A corpus, table or option the user gave cannot be read."""


class LexiconError(FramingError, ValueError):
    """A lexicon file is malformed (the message names the file, frame and line)."""
