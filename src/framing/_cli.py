"""What the command lines of framing share: argument types whose errors read alike,
and how a command ends when its reader goes away."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable
from typing import ParamSpec

__all__ = ["EXIT_BROKEN_PIPE", "quiet_broken_pipe", "whole_number"]

_P = ParamSpec("_P")

#: Exit status of a command whose output pipe was closed by its reader
#: (``… | head -3``): 128 + SIGPIPE (13), what a shell reports for a Unix tool the
#: signal stopped.
EXIT_BROKEN_PIPE = 141


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


def quiet_broken_pipe(main: Callable[_P, int]) -> Callable[_P, int]:
    """A command's ``main`` that stops quietly, with :data:`EXIT_BROKEN_PIPE`, when the
    reader of its standard output goes away (``python -m framing.lexicon validate x |
    head -1``) instead of ending in a ``BrokenPipeError`` traceback; what it wrote to
    files is unaffected (outputs are written atomically). A broken pipe anywhere else
    (a socket, a worker's pipe) is an error like any other and is raised."""

    @functools.wraps(main)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> int:
        try:
            try:
                return main(*args, **kwargs)
            finally:  # also after argparse's --help (SystemExit)
                if sys.stdout is not None:  # None under pythonw or a detached process
                    sys.stdout.flush()  # the last buffered lines meet the closed pipe here
        except BrokenPipeError:
            if not _stdout_is_broken():
                raise
            try:  # Python flushes stdout again at exit: send that to nowhere
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError):  # a stdout without a file descriptor
                pass
            return EXIT_BROKEN_PIPE

    return run


def _stdout_is_broken() -> bool:
    """Is standard output a pipe whose reader has gone (an error condition on its
    file descriptor)? False where that cannot be told (no descriptor, no ``poll``)."""
    import select

    try:
        fd = sys.stdout.fileno()
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):
        return False
