"""framing: how French-language news frames events.

Public API (quanteda's grammar: nouns build objects, ``textstat_*`` return pandas
DataFrames, ``textplot_*`` return matplotlib Axes; nothing prints or shows by itself)::

    import framing as fr
    corp = fr.read_corpus("corpus/")
    toks = fr.tokens(next(iter(corp)).text)

Submodules are imported on first use of a name, so ``import framing`` is cheap and
has no side effects.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # corpus
    "Corpus": "corpus",
    "Document": "corpus",
    "Skipped": "corpus",
    "read_corpus": "corpus",
    "normalize_date": "corpus",
    # tokens
    "Token": "tokens",
    "Sentence": "tokens",
    "Tokens": "tokens",
    "tokenize": "tokens",
    "tokens": "tokens",
    "sentences": "tokens",
    "stopwords": "tokens",
    # negation
    "find_negation": "negation",
    # errors
    "FramingError": "errors",
    "InputError": "errors",
    "LexiconError": "errors",
    # pipeline and report
    "analyze": "pipeline",
    "run_report": "report",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
