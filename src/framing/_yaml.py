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
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import yaml

__all__ = ["read_yaml", "safe_loader"]

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
