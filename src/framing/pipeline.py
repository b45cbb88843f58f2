"""The per-document analysis: ``Document → DocResult``.

Every document is processed on its own by :func:`analyze` — tokenize once, then
quotes and voice, lexicon hits with negation, sentiment per sentence, document and
actor — so the same function serves one process, a pool of processes, or a cluster
engine; aggregation only ever sees the small :class:`DocResult` rows. Column names
of the rows are the output contract (README, "What you get") and never change with an
argument.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .bounded import BoundedCache
from .corpus import Document, Skipped
from .dedupe import Fingerprint, fingerprint
from .errors import LexiconError
from .matcher import FRAME_COLUMNS, HIT_COLUMNS, hit_records
from .output import format_rows
from .tokenizer import (
    FORM_CACHE_SIZE,
    KIND,
    NORM,
    Tokens,
    lemmatize,
    select_values,
    stopwords,
    tokens,
)

if TYPE_CHECKING:
    from .classify import FrameClassifier
    from .lexicon import Lexicon
    from .matcher import Matcher
    from .quotes import ActorTable, VoiceMap
    from .sentiment import SentimentLexicon

__all__ = [
    "ACTOR_COLUMNS",
    "CLASSIFIER_COLUMNS",
    "DOCUMENT_COLUMNS",
    "FRAME_COLUMNS",
    "FRENCH_MIN_SHARE",
    "HIT_COLUMNS",
    "QUOTE_COLUMNS",
    "ROW_TABLES",
    "SENTENCE_COLUMNS",
    "Analyzer",
    "DocResult",
    "PackedResult",
    "analyze",
    "analyze_record",
    "analyze_record_packed",
    "build_analyzer",
    "french_share",
    "with_text",
]

DOCUMENT_COLUMNS = (
    "doc_id", "path", "title", "author", "source", "date", "n_sentences", "n_tokens",
    "sentiment", "sentiment_label", "n_quotes", "n_hits", "duplicate_of",
)
SENTENCE_COLUMNS = (
    "doc_id", "sent_id", "char_start", "char_end", "voice", "speaker", "actor", "sentiment",
    "sentiment_label", "text",
)
QUOTE_COLUMNS = (
    "doc_id", "quote_id", "char_start", "char_end", "kind", "speaker", "actor", "cue", "text",
)
ACTOR_COLUMNS = ("doc_id", "actor", "mentions", "sentiment")
CLASSIFIER_COLUMNS = ("doc_id", "sent_id", "frame", "probability", "voice", "lexicon_hit")
#: The per-row tables of a report: the :class:`DocResult` field that holds a
#: document's rows, the file they are streamed to, and its columns.
ROW_TABLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("sentences", "sentences.csv", SENTENCE_COLUMNS),
    ("quotes", "quotes.csv", QUOTE_COLUMNS),
    ("hits", "hits.csv", HIT_COLUMNS),
    ("frames", "frames.csv", FRAME_COLUMNS),
    ("actors", "actors.csv", ACTOR_COLUMNS),
    ("classifier", "classifier.csv", CLASSIFIER_COLUMNS),
)

#: Characters of context kept on each side of a hit for keyword-in-context lines.
KWIC_CHARS = 70

#: French function words for the cheap language check. In French news they make up
#: about 40% of the word tokens (measured on the bundled corpus: 39–45%).
FRENCH_FUNCTION_WORDS = frozenset({
    "le", "la", "les", "l'", "de", "d'", "des", "du", "et", "à", "au", "aux", "un", "une",
    "en", "que", "qu'", "qui", "est", "sont", "pour", "dans", "sur", "par", "ne", "n'", "pas",
    "plus", "ce", "cette", "ces", "il", "elle", "ils", "on", "nous", "se", "s'", "son", "sa",
    "ses", "leur", "leurs", "avec",
})
#: Below this share of French function words (and with at least
#: LANGUAGE_CHECK_MIN_WORDS words) a document is flagged as probably not French; it
#: is still processed. English news scores under 5%, French news over 35%.
FRENCH_MIN_SHARE = 0.10
LANGUAGE_CHECK_MIN_WORDS = 30

Row = dict[str, Any]


@dataclass(frozen=True)
class DocResult:
    """What one document contributes to a report: contract rows and small counts."""

    doc_id: str
    document: Row
    sentences: tuple[Row, ...] = ()
    quotes: tuple[Row, ...] = ()
    hits: tuple[Row, ...] = ()
    frames: tuple[Row, ...] = ()
    actors: tuple[Row, ...] = ()
    meta: Mapping[str, str] = field(default_factory=dict)
    lemma_counts: Mapping[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    text: str = ""
    classifier: tuple[Row, ...] = ()
    fingerprint: Fingerprint | None = None
    #: frame → (sentences with both, lexicon only, classifier only, neither)
    agreement: Mapping[str, tuple[int, int, int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Analyzer:
    """The configured analysis: compiled lexicon matchers, sentiment lexicon, actors.

    Build it with :func:`build_analyzer`. It is picklable, so that worker processes
    receive it once.
    """

    matchers: tuple[tuple[str, Matcher], ...] = ()
    frames: tuple[tuple[str, str], ...] = ()  # (lexicon, frame) in lexicon order
    sentiment: SentimentLexicon | None = None
    actors: ActorTable | None = None
    keyness_min_chars: int = 2
    keep_text: bool = True
    model: FrameClassifier | None = None

    def __call__(self, doc: Document) -> DocResult:
        return analyze(doc, self)


def build_analyzer(
    lexicons: str | Lexicon | Path | Sequence[str | Lexicon | Path] = ("geopolitique",),
    *,
    sentiment: str | SentimentLexicon | None = "sentiment_fr",
    actors: str | ActorTable | None = "default",
    overlap: str = "frame",
    keep_text: bool = True,
    model: str | FrameClassifier | None = None,
) -> Analyzer:
    """Load lexicons (by name or path), the sentiment lexicon, the actor table and
    an optional frame classifier (``"default"``: the shipped model), and compile the
    matchers once."""
    from .lexicon import Lexicon, load_lexicon
    from .matcher import Matcher
    from .quotes import ActorTable, load_actors
    from .sentiment import SentimentLexicon, load_sentiment_lexicon

    if isinstance(lexicons, str | Lexicon | Path):  # one lexicon, not its letters
        lexicons = (lexicons,)
    loaded = [lx if isinstance(lx, Lexicon) else load_lexicon(lx) for lx in lexicons]
    owner: dict[str, str] = {}
    for lx in loaded:
        for fid in lx.frames:
            if fid in owner:
                same = owner[fid] == lx.name
                raise LexiconError(
                    f"lexicon {lx.name!r} is given twice (or two lexicons have that name); "
                    "give it once" if same else
                    f"frame {fid!r} is in lexicons {owner[fid]!r} and {lx.name!r}: frames are "
                    "counted by id across lexicons; rename it in one of them")
            owner[fid] = lx.name
    matchers = tuple((lx.name, Matcher(lx, overlap=overlap)) for lx in loaded)
    frames = tuple((lx.name, f) for lx in loaded for f in lx.frames)
    sent: SentimentLexicon | None
    if sentiment is None or isinstance(sentiment, SentimentLexicon):
        sent = sentiment
    else:
        sent = load_sentiment_lexicon(sentiment)
    table: ActorTable | None
    if actors is None or isinstance(actors, ActorTable):
        table = actors
    else:
        table = load_actors(None if actors == "default" else actors)
    clf = None
    if model is not None:
        from .classify import FrameClassifier, load_model

        clf = model if isinstance(model, FrameClassifier) else load_model(model)
    return Analyzer(matchers, frames, sent, table, keep_text=keep_text, model=clf)


#: word form → its lemma if it counts for keyness, else "" (depends on the stop list
#: and the minimum length only: one cache per minimum length)
_CONTENT: dict[int, BoundedCache[str, str]] = {}


_WORDS = frozenset({"word"})
_WORDS_AND_ELISIONS = frozenset({"word", "elision"})


def _content_lemma(norm: str, lemma: str, min_chars: int) -> str:
    stops = stopwords()
    keep = (len(norm) >= min_chars and norm not in stops and lemma not in stops
            and not norm.startswith("-"))
    return lemma if keep else ""


def _content_lemmas(toks: Tokens, min_chars: int) -> Counter[str]:
    """Lemma counts of the content words (not stop words, at least ``min_chars``).

    A word's lemma is a function of its form, so the decision is cached per form and
    the count runs over the forms at C speed (each decision is read as it is made,
    so the cache may be emptied anywhere in a document)."""
    cache = _CONTENT.get(min_chars)
    if cache is None:
        cache = _CONTENT[min_chars] = BoundedCache(
            lambda norm: _content_lemma(norm, lemmatize(norm), min_chars), FORM_CACHE_SIZE)
    out = Counter(map(cache.__getitem__, select_values(toks.tokens, KIND, _WORDS, NORM)))
    out.pop("", None)
    return out


def french_share(toks: Tokens) -> float:
    """Share of word tokens that are French function words (a cheap language check)."""
    norms = select_values(toks.tokens, KIND, _WORDS_AND_ELISIONS, NORM)
    return sum(map(FRENCH_FUNCTION_WORDS.__contains__, norms)) / len(norms) if norms else 0.0


def _kwic(text: str, start: int, end: int) -> tuple[str, str]:
    left = text[max(0, start - KWIC_CHARS) : start].replace("\n", " ")
    right = text[end : end + KWIC_CHARS].replace("\n", " ")
    return left, right


def analyze(doc: Document, analyzer: Analyzer | None = None) -> DocResult:
    """Analyse one document: tokens, sentences, quotes and voice, lexicon hits with
    negation, sentiment (sentence, document, actor) and lemma counts."""
    from .quotes import find_quotes, voices

    an = analyzer or Analyzer()
    text = doc.text
    toks = tokens(text)
    mentions = an.actors.find(toks) if an.actors is not None else []
    quotes, warnings = (find_quotes(toks, an.actors, mentions=mentions)
                        if an.actors is not None else ([], []))
    warnings = list(warnings)
    if toks.n_words >= LANGUAGE_CHECK_MIN_WORDS and (share := french_share(toks)) < (
        FRENCH_MIN_SHARE
    ):
        warnings.append(
            f"probably not French: {share:.0%} French function words (French news: about 40%); "
            "analysed anyway, with French lexicons"
        )
    vmap = voices(toks, quotes)

    # sentiment
    doc_sent = None
    sent_scores: dict[int, tuple[float, str]] = {}
    actor_rows: list[Row] = []
    if an.sentiment is not None:
        from .sentiment import actor_sentiment, mentions_by_sentence, score_tokens

        doc_sent = score_tokens(toks, an.sentiment, voice_of=lambda off: vmap.voice_at(off)[0])
        sent_scores = {s.sent_id: (s.score, s.label) for s in doc_sent.sentences}
        if an.actors is not None:
            by_sentence = mentions_by_sentence(toks, an.actors, mentions)
            for group, n_mentions, score in actor_sentiment(doc_sent, by_sentence):
                actor_rows.append({"doc_id": doc.doc_id, "actor": group, "mentions": n_mentions,
                                   "sentiment": round(score, 4)})

    sent_rows: list[Row] = []
    for s in toks.sentences:
        voice, speaker, actor = vmap.sentence_voice(s)
        scored = sent_scores.get(s.index)
        sent_rows.append({
            "doc_id": doc.doc_id, "sent_id": s.index, "char_start": s.start, "char_end": s.end,
            "voice": voice, "speaker": speaker, "actor": actor,
            "sentiment": round(scored[0], 4) if scored else "",
            "sentiment_label": scored[1] if scored else "", "text": toks.sentence_text(s),
        })

    quote_rows = tuple(
        {"doc_id": doc.doc_id, "quote_id": q.quote_id, "char_start": q.start,
         "char_end": q.end, "kind": q.kind, "speaker": q.speaker, "actor": q.actor,
         "cue": q.cue, "text": q.text}
        for q in quotes
    )

    hit_rows: list[Row] = []
    counts: Counter[tuple[str, str]] = Counter()
    negs: Counter[tuple[str, str]] = Counter()
    for lex_name, matcher in an.matchers:
        hits = matcher.match_tokens(toks)
        for row in hit_records(doc.doc_id, toks, hits, lex_name, vmap.span_voice):
            row["left"], row["right"] = _kwic(text, row["char_start"], row["char_end"])
            hit_rows.append(row)
        for h in hits:
            if h.negated:
                negs[(lex_name, h.frame)] += 1
            else:
                counts[(lex_name, h.frame)] += 1
    clf_rows, agreement = _classify(doc.doc_id, toks, an, hit_rows, vmap)
    n_words = toks.n_words
    frame_rows = tuple(
        {"doc_id": doc.doc_id, "lexicon": lx, "frame": f,
         "hits": counts[(lx, f)] + negs[(lx, f)], "negated_hits": negs[(lx, f)],
         "per_1000_tokens": round(1000 * counts[(lx, f)] / n_words, 4) if n_words else 0.0}
        for lx, f in an.frames
    )

    document = {
        "doc_id": doc.doc_id, "path": doc.path, "title": doc.title, "author": doc.author,
        "source": doc.source, "date": doc.date, "n_sentences": len(toks.sentences),
        "n_tokens": n_words,
        "sentiment": round(doc_sent.score, 4) if doc_sent is not None else "",
        "sentiment_label": doc_sent.label if doc_sent is not None else "",
        "n_quotes": sum(1 for q in quotes if q.kind == "speech"),
        "n_hits": sum(counts.values()),
        "duplicate_of": "",
    }
    return DocResult(
        doc_id=doc.doc_id,
        document=document,
        sentences=tuple(sent_rows),
        quotes=quote_rows,
        hits=tuple(hit_rows),
        frames=frame_rows,
        actors=tuple(actor_rows),
        meta=dict(doc.meta),
        lemma_counts=dict(_content_lemmas(toks, an.keyness_min_chars)),
        warnings=tuple(warnings),
        text=text if an.keep_text else "",
        classifier=clf_rows,
        agreement=agreement,
        fingerprint=fingerprint(text),
    )


def analyze_record(
    rec: Document | Skipped, analyzer: Analyzer | None = None
) -> DocResult | Skipped:
    """:func:`analyze` for one record of a corpus run, as every engine does it: a
    record the reader skipped passes through, and a document whose analysis fails
    becomes a :class:`Skipped` entry naming the error (one bad document never kills
    a run)."""
    if isinstance(rec, Skipped):
        return rec
    try:
        return analyze(rec, analyzer)
    except Exception as exc:
        return Skipped(rec.doc_id, f"analysis failed ({type(exc).__name__}: {exc})")


class PackedResult(NamedTuple):
    """A :class:`DocResult` whose rows are already formatted as the CSV lines of the
    report's tables, as worker processes send it: formatting in parallel spares the
    process that writes the tables, and one string per table travels faster than a
    dict per row. The sentence and frame rows, which are only written, are left out
    of ``result``; the other rows stay for the aggregates."""

    result: DocResult
    #: (CSV lines, number of rows) per table, in :data:`ROW_TABLES` order
    tables: tuple[tuple[str, int], ...]


def analyze_record_packed(
    rec: Document | Skipped, analyzer: Analyzer | None = None
) -> PackedResult | Skipped:
    """:func:`analyze_record`, its rows formatted by :func:`framing.output.format_rows`."""
    res = analyze_record(rec, analyzer)
    if isinstance(res, Skipped):
        return res
    tables = tuple((format_rows(columns, getattr(res, f)), len(getattr(res, f)))
                   for f, _, columns in ROW_TABLES)
    return PackedResult(replace(res, sentences=(), frames=()), tables)


def with_text(
    res: DocResult | PackedResult | Skipped, rec: Document | Skipped
) -> DocResult | PackedResult | Skipped:
    """A worker's result with the text of the document it was sent put back.

    Every engine (the local pool and Dask) ships the analyzer to its workers with
    ``keep_text=False`` and calls this on each result: the process that sent a
    document still holds its text, so the text never travels back."""
    if not isinstance(rec, Document):
        return res
    if isinstance(res, DocResult):
        return replace(res, text=rec.text)
    if isinstance(res, PackedResult):
        return res._replace(result=replace(res.result, text=rec.text))
    return res


def _classify(
    doc_id: str, toks: Tokens, an: Analyzer, hit_rows: Sequence[Row], vmap: VoiceMap
) -> tuple[tuple[Row, ...], dict[str, tuple[int, int, int, int]]]:
    """Sentence-level classifier frames, and per frame the 2×2 counts of sentences
    flagged by the lexicon (an un-negated hit) and by the classifier."""
    if an.model is None or not toks.sentences:
        return (), {}
    classes = [str(c) for c in an.model.classes_]
    texts = [toks.sentence_text(s) for s in toks.sentences]
    proba = an.model.predict_proba(texts)
    pred = an.model.predict(texts)
    lex = {(int(h["sent_id"]), str(h["frame"])) for h in hit_rows if not h["negated"]}
    rows: list[Row] = []
    counts = {f: [0, 0, 0, 0] for f in classes}
    for i, s in enumerate(toks.sentences):
        for j, f in enumerate(classes):
            c, lx = bool(pred[i, j]), (s.index, f) in lex
            counts[f][0 if c and lx else 1 if lx else 2 if c else 3] += 1
            if c:
                rows.append({"doc_id": doc_id, "sent_id": s.index, "frame": f,
                             "probability": round(float(proba[i, j]), 4),
                             "voice": vmap.sentence_voice(s)[0], "lexicon_hit": lx})
    return tuple(rows), {f: (a, b, c, d) for f, (a, b, c, d) in counts.items()}
