"""What the command lines share (framing._cli)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from framing._cli import EXIT_BROKEN_PIPE, quiet_broken_pipe, whole_number


def test_whole_number_names_its_bounds() -> None:
    parse = whole_number(1, 64)
    assert parse("8") == 8
    with pytest.raises(argparse.ArgumentTypeError, match="must be a whole number from 1 to 64, "
                                                         "not 0"):
        parse("0")
    with pytest.raises(argparse.ArgumentTypeError, match=">= 0, not 'deux'"):
        whole_number(0)("deux")


def test_a_broken_pipe_that_is_not_standard_output_is_an_error() -> None:
    # a socket or a worker's pipe: not the reader of the output going away, so not
    # silenced (stdout is pytest's capture here, not a closed pipe)
    @quiet_broken_pipe
    def main() -> int:
        raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(BrokenPipeError):
        main()
    assert EXIT_BROKEN_PIPE == 141


def test_a_reader_that_goes_away_gets_no_traceback(tmp_path: Path) -> None:
    # was: `python -m framing.annotate agreement A.csv B.csv | head -3` ended in a
    # BrokenPipeError traceback (here the report's last line, and "Exception ignored"
    # with exit 120); the pipe is closed here before the command writes
    corpus = tmp_path / "presse"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Sommet à Astana\n\nPékin se veut un contrepoids à "
                                  "l'hégémonie américaine.\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "framing.report", str(corpus), "--out",
                             str(tmp_path / "out")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert (proc.wait(), err) == (EXIT_BROKEN_PIPE, b"")
    assert (tmp_path / "out" / "report.md").is_file()


def test_a_reader_that_goes_away_stops_the_lexicon_listing_quietly() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "framing.lexicon", "validate", "geopolitique"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert (proc.wait(), err) == (EXIT_BROKEN_PIPE, b"")
