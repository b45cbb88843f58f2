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
    "LoneSurrogate", "TooDeep", "TooManyAliases", "check_events", "explain_error",
    "join_surrogates", "load_data", "read_yaml", "safe_loader",
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


# ---------------------------------------------------------------------------
# what a YAML error means for the person who wrote the file

#: What to do about a YAML error none of the cases of :func:`explain_error` knows.
GENERIC_HINT = ("check the quotes, the ': ' after each key and the indentation of this "
                "line and the one before")
#: The hint for an escape in a double-quoted text (regexes are the usual culprits).
_ESCAPE_HINT = "write a regex between single quotes ('…') or double the backslash (\\\\)"
#: How a quote character is written inside a text quoted with it.
_QUOTE_INSIDE = {"'": "an apostrophe inside '…' is written ''",
                 '"': 'a " inside "…" is written \\"'}
_FLOW_CLOSE = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}
_ALIAS_TEXT_RE = re.compile(r"\*[^\s,\[\]{}#]*")


def explain_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The 1-based line of the mistake behind ``exc`` (0 when unknown), a YAML error
    of PyYAML's pure-Python parser on ``text``, and one line saying what is wrong
    and what to do.

    PyYAML reports where it noticed the error, often a line after the mistake: an
    unclosed quote runs on to the next line, whose text the parser then finds where
    it expected the list to go on (``expected <block end>, but found '<scalar>'``,
    one line late); a key without its ``:`` runs on to the next line's ``key:``
    (``mapping values are not allowed here``). So the token before the one the
    parser stopped at is looked up (the text is scanned again up to there) to find
    the line to blame. The usual mistakes (unclosed quote, text after a closing
    quote, bad indentation, a tab, a missing ``:``, an escape such as ``\\w`` in
    double quotes, a text starting with ``*`` or ``@``, an unclosed ``[`` or ``{``)
    get their own words; any other error keeps PyYAML's words and
    :data:`GENERIC_HINT`."""
    context, problem = exc.context or "", exc.problem or ""
    pmark, cmark = exc.problem_mark, exc.context_mark
    pline = pmark.line + 1 if pmark is not None else 0
    cline = cmark.line + 1 if cmark is not None else 0
    prev = _token_before(text, pmark.index) if pmark is not None else None
    prev_quote = (prev.style or "") if isinstance(prev, yaml.ScalarToken) else ""
    if context == "while scanning a quoted scalar" and cmark is not None:
        quote = _char_at(text, cmark.index) or '"'
        return cline, _unclosed_quote(quote)
    if context == "while scanning a double-quoted scalar" and "escape" in problem:
        return pline, f"a backslash inside \"…\" starts an escape ({problem}); {_ESCAPE_HINT}"
    if context == "while scanning an alias" or problem.startswith("found undefined alias"):
        mark = cmark if context else pmark
        if mark is not None:
            m = _ALIAS_TEXT_RE.match(text, mark.index)
            shown = m.group() if m else "*"
            return mark.line + 1, (f"a text starting with '*' ({shown}) is read as a YAML "
                                   f"alias; put it in quotes (\"{shown}\")")
    if prev is not None and pmark is not None and prev.start_mark.line < pmark.line \
            and prev.end_mark.line == pmark.line:
        # a text that runs over several lines up to where the parser stopped
        start = prev.start_mark.line + 1
        if prev_quote in _QUOTE_INSIDE:
            return start, _unclosed_quote(prev_quote)
        if isinstance(prev, yaml.ScalarToken) and problem.startswith("mapping values"):
            return start, (f"the text on this line runs on to line {pline}, where ': ' "
                           "follows; add the ':' missing after a key on this line, or put "
                           "the text in quotes")
    if context == "while scanning a simple key" and "':'" in problem and cmark is not None:
        return cline, "no ': ' after the key on this line; write 'key: value', with a space " \
                      "after the ':'"
    if problem.startswith("mapping values"):
        return pline, ("a ':' where no key can start; put a text that holds ': ' in quotes, "
                       "or indent this line like the lines above it")
    if "cannot start any token" in problem and pmark is not None:
        char = _char_at(text, pmark.index)
        if char == "\t":
            return pline, "a tab in the indentation of this line; indent with spaces only"
        if char:
            return pline, f"a text cannot start with {char!r}; put it in quotes"
    flow = _FLOW_CLOSE.get(context.removeprefix("while parsing a "))
    if flow and problem.startswith("expected ','") and pmark is not None:
        opening, closing = flow
        line = prev.end_mark.line + 1 if prev is not None else pline
        return line, (f"missing ',' or '{closing}' after the entry on this line; separate "
                      f"the entries of {opening} … {closing} with ',' and close it with "
                      f"'{closing}'")
    if context.startswith("while parsing a block") and "expected <block end>" in problem \
            and pmark is not None:
        # a line under-indented inside a block text (description: >) ends the text there
        if prev is None or prev.end_mark.line < pmark.line or prev_quote in ("|", ">"):
            return pline, ("this line is not indented like the lines above it; indent it "
                           "exactly like the other entries of its list or mapping, with spaces")
        closing = prev_quote if prev_quote in _QUOTE_INSIDE else {
            yaml.FlowSequenceEndToken: "]", yaml.FlowMappingEndToken: "}"}.get(type(prev), "")
        if closing:
            inside = f" ({_QUOTE_INSIDE[closing]})" if closing in _QUOTE_INSIDE else ""
            return pline, (f"text follows the closing {closing} on this line; put the whole "
                           f"text in quotes{inside}")
    what = " ".join(" ".join(x for x in (context, problem) if x).split())
    return pline or cline, f"{what}; {GENERIC_HINT}"


def _unclosed_quote(quote: str) -> str:
    return f"the {quote} opened on this line is not closed; add the closing {quote} at the " \
           "end of the text"


def _char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


def _token_before(text: str, index: int) -> yaml.Token | None:
    """The last token of ``text`` that ends at or before ``index`` (ignoring the
    zero-width ones: block starts and ends, keys), scanning by PyYAML's pure-Python
    scanner up to ``index`` (or to its error); None if there is none."""
    best: yaml.Token | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark.index, token.end_mark.index
            if start >= index:
                break
            if end > start and end <= index and (best is None or end >= best.end_mark.index):
                best = token
    except (yaml.YAMLError, ValueError):  # the error explained, or an escape beyond U+10FFFF
        pass
    return best
