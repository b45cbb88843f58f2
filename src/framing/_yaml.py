"""YAML read with libyaml when PyYAML was built with it, PyYAML's own reading kept.

PyYAML's wheels bundle libyaml; its ``CSafeLoader`` builds the same nodes and values
(with the same line marks) as the pure-Python ``SafeLoader`` for the files framing
reads, about 8x faster on a front-matter block and 20x on the shipped lexicons. The
two parsers do not accept exactly the same texts: libyaml refuses escaped surrogate
pairs (``"\\ud83d\\ude00"``, as ``json.dumps`` writes them) and reports some errors
with other words or on the line after the end of a block; it accepts a tab after a
colon, which the pure-Python parser refuses. So :func:`read_yaml` reads a text with
libyaml and, on any YAML error, reads it again with the pure-Python parser: what
PyYAML accepted before is accepted, and errors carry its messages and line numbers
whichever way PyYAML was built. The loader is looked up at call time, not import
time, so that a test can take libyaml away.

The two parsers do not fail alike on absurd nesting either: some libyaml builds stop
at 1,000 levels, others go on, and PyYAML's composer recurses once per level (a
RecursionError). :func:`check_events` walks the event stream (a loop in both
parsers, nothing composed) and refuses too many levels or aliases on a line of the
file, before anything is built, the same way with either parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import yaml

__all__ = [
    "LoneSurrogate", "TooDeep", "TooManyAliases", "check_events", "join_surrogates", "load_data",
    "read_yaml", "safe_loader",
]

_T = TypeVar("_T")


def safe_loader() -> type[yaml.SafeLoader]:
    """``yaml.CSafeLoader`` if this PyYAML has libyaml, else ``yaml.SafeLoader``."""
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def read_yaml(read: Callable[[type[yaml.SafeLoader]], _T]) -> _T:
    """``read(loader)`` with libyaml's loader; on a YAML error, ``read(yaml.SafeLoader)``
    (which raises PyYAML's own error if the text is not YAML)."""
    loader = safe_loader()
    if loader is not yaml.SafeLoader:
        try:
            return read(loader)
        except yaml.YAMLError:
            pass
    return read(yaml.SafeLoader)


class TooDeep(Exception):
    """More nesting levels than allowed, first reached on 1-based ``line``."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class TooManyAliases(Exception):
    """More aliases (``*name``) than allowed, the first one too many on ``line``."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def check_events(text: str, loader: type[yaml.SafeLoader], *, max_depth: int,
                 max_aliases: int) -> None:
    """Raise :class:`TooDeep` or :class:`TooManyAliases` if ``text`` nests collections
    more than ``max_depth`` levels deep or has more than ``max_aliases`` aliases; a
    YAML error of the parser is raised as is."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise TooDeep(_line(event))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > max_aliases:
                raise TooManyAliases(_line(event))


def _line(event: yaml.Event) -> int:
    mark = event.start_mark
    return int(mark.line) + 1 if mark is not None else 0


class LoneSurrogate(Exception):
    """An escape (``"\\ud800"``) that gives half of a surrogate pair, on ``line``."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


_SURROGATE = re.compile("[\ud800-\udfff]")


def join_surrogates(node: yaml.Node) -> None:
    """Turn the escaped surrogate pairs of every text in ``node`` (``"\\ud83c\\udf0d"``,
    as ``json.dumps`` writes characters beyond the BMP; PyYAML's own parser reads them
    as two code points) into their character; raise :class:`LoneSurrogate` on half a
    pair, which no UTF-8 file can hold."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            if _SURROGATE.search(n.value):
                try:
                    n.value = n.value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
                except UnicodeDecodeError:
                    raise LoneSurrogate(int(n.start_mark.line) + 1) from None
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                stack += (key, value)


def load_data(text: str, loader: type[yaml.SafeLoader]) -> Any:
    """``yaml.load(text, Loader=loader)`` with :func:`join_surrogates` applied to the
    node tree before it is built."""
    reader = loader(text)
    try:
        node = reader.get_single_node()
        if node is None:
            return None
        join_surrogates(node)
        return reader.construct_document(node)
    finally:
        reader.dispose()
