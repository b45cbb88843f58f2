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
    "Token": "tokenizer",
    "Sentence": "tokenizer",
    "Tokens": "tokenizer",
    "tokenize": "tokenizer",
    "tokens": "tokenizer",
    "sentences": "tokenizer",
    "stopwords": "tokenizer",
    # negation
    "find_negation": "negation",
    # errors
    "FramingError": "errors",
    "InputError": "errors",
    "LexiconError": "errors",
    # quotes and voice
    "Quote": "quotes",
    "ActorTable": "quotes",
    "find_quotes": "quotes",
    "load_actors": "quotes",
    "textstat_quotes": "quotes",
    "voices": "quotes",
    # lexicons and matching
    "Lexicon": "lexicon",
    "available_lexicons": "lexicon",
    "load_lexicon": "lexicon",
    "validate_lexicon": "lexicon",
    "Matcher": "matcher",
    "explain": "matcher",
    "kwic": "matcher",
    "match": "matcher",
    "textstat_frames": "matcher",
    # sentiment
    "SentimentLexicon": "sentiment",
    "compare_sentiment": "sentiment",
    "load_sentiment_lexicon": "sentiment",
    "score_text": "sentiment",
    "score_tokens": "sentiment",
    # statistics and plots
    "textstat_association": "stats",
    "textstat_cooccurrence": "stats",
    "textstat_keyness": "stats",
    "textstat_over_time": "stats",
    "textstat_pairwise": "stats",
    "textstat_prevalence": "stats",
    "textstat_sentiment": "stats",
    "textstat_voice": "stats",
    "textplot_cooccurrence": "plots",
    "textplot_keyness": "plots",
    "textplot_over_time": "plots",
    "textplot_prevalence": "plots",
    "textplot_sentiment": "plots",
    # pipeline and report
    "Analyzer": "pipeline",
    "analyze": "pipeline",
    "build_analyzer": "pipeline",
    "ReportOptions": "report",
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
