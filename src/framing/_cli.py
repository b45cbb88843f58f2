"""What the command lines of framing share: argument types whose errors read alike."""

from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["whole_number"]


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number in ``low..high`` (no upper bound when None);
    anything else is argparse's one-line usage error (exit 2), naming the bounds."""
    allowed = f"from {low:,} to {high:,}" if high is not None else f">= {low:,}"

    def parse(value: str) -> int:
        try:
            k = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number {allowed}, not "
                                             f"{value[:40]!r}") from None
        if k < low or (high is not None and k > high):
            raise argparse.ArgumentTypeError(f"must be a whole number {allowed}, not {k}")
        return k

    return parse
