"""Atomic output: CSV tables streamed to a staging folder, then swapped in whole.

A report is written into a hidden staging folder beside the destination; only when
everything is written is the staging folder renamed into place (the previous report
is removed after the swap). An interrupted run therefore leaves the previous report
intact and no half-written file in it.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import io
import os
import shutil
import socket
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from .errors import InputError

__all__ = [
    "FORMULA_TRIGGERS",
    "CsvTable",
    "StagedOutput",
    "check_output",
    "format_rows",
    "output_problem",
    "spreadsheet_copy",
    "spreadsheet_safe",
    "write_output",
    "write_text_atomic",
]

try:  # compiled at install time when a C compiler was there (hatch_build.py)
    from ._speedups import format_rows as _compiled_format_rows
except ImportError:  # pragma: no cover - depends on the install
    _compiled_format_rows = None  # type: ignore[assignment]

#: Cell prefixes that spreadsheets read as a formula or a command (OWASP, "CSV
#: injection"): such a cell gets a leading apostrophe in the spreadsheet copies.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class CsvTable:
    """A UTF-8 CSV file with a fixed header, written row by row (streamed)."""

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        self.path = path
        self.columns = tuple(columns)
        self._fh: TextIO = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._writer = csv.writer(self._fh, lineterminator="\n")
        self._writer.writerow(self.columns)
        self.n_rows = 0

    def write(self, row: Mapping[str, Any]) -> None:
        """Write one row: the table's columns in order (a missing key is an empty
        cell, other keys are ignored); floats with 4 decimals, booleans as True/False."""
        self.write_many((row,))

    def write_many(self, rows: Iterable[Mapping[str, Any]]) -> None:
        rows = rows if isinstance(rows, (list, tuple)) else list(rows)
        self._fh.write(format_rows(self.columns, rows))
        self.n_rows += len(rows)

    def write_formatted(self, lines: str, n_rows: int) -> None:
        """Append ``n_rows`` rows already formatted by :func:`format_rows` with this
        table's columns (in a worker process, so that this one only copies text)."""
        self._fh.write(lines)
        self.n_rows += n_rows

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()


def format_rows(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """The CSV lines of ``rows`` as one string, the ``columns`` in order (a missing key
    is an empty cell, other keys are ignored; floats with 4 decimals, booleans as
    True/False), quoted as :mod:`csv` does: what :meth:`CsvTable.write_many` writes,
    and what a worker process sends for :meth:`CsvTable.write_formatted`.

    Formatted in compiled code when ``framing._speedups`` was built, which leaves the
    rare rows it does not format (a non-dict row, a cell of another type, text with a
    carriage return) to :mod:`csv`; the lines are the same either way."""
    columns = tuple(columns)
    rows = rows if isinstance(rows, (list, tuple)) else list(rows)
    if _compiled_format_rows is not None:
        lines = _compiled_format_rows(columns, rows)
        if lines is not None:
            return lines
    return _format_rows_python(columns, rows)


def _format_rows_python(columns: tuple[str, ...], rows: Iterable[Mapping[str, Any]]) -> str:
    """:func:`format_rows` with :mod:`csv` (the reference for the compiled one)."""
    buf = io.StringIO()
    _write_rows(csv.writer(buf, lineterminator="\n"), columns, rows)
    return buf.getvalue()


def _write_rows(writer: Any, columns: tuple[str, ...], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write ``rows`` with ``writer`` (the table's columns in order, a missing key an
    empty cell; floats with 4 decimals, booleans as True/False); returns their number."""
    writerow, n = writer.writerow, 0
    for r in rows:
        # strings and ints (most cells) as they are; the rest through _cell
        writerow([v if type(v) is str or type(v) is int else _cell(v)
                  for v in map(r.get, columns, repeat(""))])
        n += 1
    return n


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return f"{value:.4f}"
    return value


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: In a staging folder while a run writes it: the host and process id of that run, so
#: that a later run on the same host can tell the folder of a killed run (its process
#: gone) and remove it.
_OWNER_FILE = ".framing-owner"


def _owner() -> str:
    return f"{socket.gethostname()} {os.getpid()}"


def _process_gone(pid: int) -> bool:
    """Is there no process ``pid`` on this host? (POSIX: signal 0 only checks.)"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, owned by another user
        return False
    return False


def _remove_stale_stages(dest: Path) -> None:
    """Remove the folders that runs killed while writing ``dest`` left beside it
    (``kill -9``, a power cut): the staging folder (``.NAME.tmp-*``) and, for a run
    killed in the middle of its swap, the report it was replacing (``.NAME.old-*``),
    when its owner file names a process of this host that is gone. A folder without
    an owner file (not framing's, or one being created), of another host (shared
    storage), or any folder on Windows (where ``os.kill`` would stop the process) is
    left alone."""
    if os.name != "posix":
        return
    host = socket.gethostname()
    name = glob.escape(dest.name)
    for old in [*dest.parent.glob(f".{name}.tmp-*"), *dest.parent.glob(f".{name}.old-*")]:
        try:
            owner_host, pid_text = (old / _OWNER_FILE).read_text(encoding="utf-8").rsplit(" ", 1)
            pid = int(pid_text)
        except (OSError, ValueError):  # not ours, or being created: left alone
            continue
        if owner_host == host and pid != os.getpid() and _process_gone(pid):
            shutil.rmtree(old, ignore_errors=True)


class StagedOutput:
    """Context manager: files go to a staging folder, swapped into ``dest`` on success.

    The folders of a run that was killed (no clean-up possible) — its staging folder,
    and the report it was replacing if it died in the middle of the swap — are removed
    by the next run to the same ``dest`` (:func:`_remove_stale_stages`)."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        try:
            self.dest.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_stages(dest)
            self.stage = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
            (self.stage / _OWNER_FILE).write_text(_owner(), encoding="utf-8")
        except OSError as exc:  # a file where a folder must be, a read-only place
            # (the folders above dest must be folders: output_problem of a name in it)
            reason = (output_problem(dest.parent / dest.name / "run.json")
                      or f"cannot be written there ({exc.strerror or exc})")
            raise InputError(f"{dest}: {reason}") from None
        # mkdtemp makes a private (0700) folder; a report is shared like any output
        os.chmod(self.stage, 0o777 & ~_umask())
        self._tables: list[CsvTable] = []

    def table(self, name: str, columns: Sequence[str]) -> CsvTable:
        t = CsvTable(self.stage / name, columns)
        self._tables.append(t)
        return t

    def close_tables(self) -> None:
        """Close (flush) every table written so far, e.g. before copying them."""
        for t in self._tables:
            t.close()

    def files(self) -> tuple[str, ...]:
        """The names written so far at the top of the staging folder, sorted."""
        return tuple(sorted(p.name for p in self.stage.iterdir() if p.name != _OWNER_FILE))

    def path(self, name: str) -> Path:
        p = self.stage / name
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def __enter__(self) -> StagedOutput:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        close_error: OSError | None = None
        for t in self._tables:
            try:
                t.close()
            except OSError as err:  # a full disk fails the last flush as well
                close_error = close_error or err
        if exc_type is not None or close_error is not None:
            # nothing half-written is kept, and the staging folder does not stay on a
            # disk that is already full
            shutil.rmtree(self.stage, ignore_errors=True)
            if close_error is not None and exc_type is None:
                raise close_error
            return
        # the owner file stays through the swap, in both folders: a run killed between
        # the two renames leaves folders the next run knows as its own
        old = None
        if self.dest.exists():
            with contextlib.suppress(OSError):  # not needed for the swap itself
                (self.dest / _OWNER_FILE).write_text(_owner(), encoding="utf-8")
            old = Path(tempfile.mkdtemp(prefix=f".{self.dest.name}.old-", dir=self.dest.parent))
            os.rmdir(old)
            os.replace(self.dest, old)
        os.replace(self.stage, self.dest)
        (self.dest / _OWNER_FILE).unlink()
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def write_text_atomic(path: Path, text: str) -> None:
    """Write a text file atomically (temporary file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private (0600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def spreadsheet_safe(value: str) -> str:
    """A cell as a spreadsheet must show it: a value starting with ``= + - @`` or a
    tab or carriage return is prefixed with ``'`` so that it is never run as a
    formula (OWASP CSV injection). Numbers such as ``-0.25`` are left alone."""
    if value and value.startswith(FORMULA_TRIGGERS):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def spreadsheet_copy(src: Path, dst: Path) -> None:
    """Copy a CSV for Excel/LibreOffice: UTF-8 with a BOM (so accents open right),
    every cell passed through :func:`spreadsheet_safe`. Streams row by row; a cell may
    be as long as a table corpus's (a sentence of 150 KB without a full stop)."""
    from .corpus import _allow_long_cells

    _allow_long_cells()
    dst.parent.mkdir(parents=True, exist_ok=True)
    with src.open(encoding="utf-8", newline="") as fin, dst.open(
        "w", encoding="utf-8-sig", newline=""
    ) as fout:
        writer = csv.writer(fout, lineterminator="\r\n")
        for row in csv.reader(fin):
            writer.writerow([spreadsheet_safe(c) for c in row])


def output_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written as a file (it is a folder, or one of its
    folders is a file), or None. A missing folder is not a problem: it is created."""
    if path.is_dir():
        return "this is a folder, not a file; give a file name"
    for folder in path.parents:  # the nearest existing folder must be a folder
        if folder.exists():
            if folder.is_dir():
                return None
            return f"{folder} is a file, not a folder; give another path"
    return None


def write_output(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) atomically to ``path``, creating its folder; an
    :class:`OSError` becomes an :class:`InputError` of one line naming ``path``."""
    try:
        write_text_atomic(path, text)
    except OSError as exc:
        reason = output_problem(path) or f"cannot be written ({exc.strerror or exc})"
        raise InputError(f"{path}: {reason}") from None


def check_output(out: Path, inputs: Iterable[str | Path | None]) -> None:
    """Refuse, before any work, an output file that cannot be written as a file, that
    is one of the ``inputs`` (inputs are never modified) or lies inside an input
    folder. Inputs that do not exist (None, a lexicon name, a URL) are skipped."""
    problem = output_problem(out)
    if problem:
        raise InputError(f"{out}: {problem}")
    target = out.resolve()
    for given in inputs:
        if given is None or not Path(given).exists():
            continue
        inp = Path(given)
        if inp.is_dir():
            if inp.resolve() in target.parents:
                raise InputError(f"{out}: this is inside the input folder {inp}; inputs are "
                                 "never written to, choose another --out")
        elif target == inp.resolve() or (out.exists() and os.path.samefile(out, inp)):
            raise InputError(f"{out}: this is the input file {inp}; inputs are never "
                             "overwritten, choose another --out")
