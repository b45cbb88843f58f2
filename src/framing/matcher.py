"""Compiled lexicon matching: tokens → hits, with overlap rules and negation.

The pattern language is documented in :mod:`framing.lexicon` and, bindingly, in
``docs/lexicon_format.md``. This module documents how hits are counted.

Hits
----
A *hit* is one match of one pattern of one frame over a run of tokens of one
sentence: a match never crosses a sentence boundary (nor does a gap). Its span is
from its first to its last matched token (gap tokens included); ``matched`` is the
document's surface text over that span.

Overlaps (``overlap=``)
-----------------------
* ``"frame"`` (default) — *no double counting within a frame*: of two matches of the
  same frame that share a token, the longer (in tokens) wins; at equal length the
  earlier start, then the pattern listed first in the lexicon. ``hégémonie américaine``
  and ``hégémon*`` in one frame give one hit; matches of different frames are all kept
  (a sentence can draw on two frames at once).
* ``"none"`` — no two hits share a token, whatever their frame: longest first, ties
  by earlier start, then lexicon order (frame order, then pattern order).
* ``"all"`` — every match of every pattern (for debugging a lexicon).

For one pattern and one start, a gap pattern takes the shortest completion
(``contrepoids ... hégémonie`` stops at the first ``hégémonie`` it can reach).

Negation
--------
Each hit carries ``negated`` and the cue's text, from
:func:`framing.negation.find_negation` called at the hit's first token, within its
sentence. Cues *before* the hit count; cues that are the pattern's own words never
negate it (``n'est dirigée contre personne`` is a plain hit); ``Ce sommet n'est en rien
un contrepoids à l'hégémonie américaine`` is a negated one. A cue in the *gap* of a
gapped pattern negates it too (:func:`framing.negation.find_gap_negation`: ``Moscou ne
respecte pas la souveraineté de l'Ukraine``, not ``défend sans relâche la
souveraineté``: a gap cue needs ``ne``), unless the pattern holds a negation word
of its own (a refusal such as ``<tolérer> ... aucune ingérence*``, whose gap holds the
rest of its negation: ``ne tolérera jamais aucune ingérence``).

Speed
-----
A :class:`Matcher` indexes patterns by their first token: a dict from normalised
form to candidate patterns (literal first words), one from lemma to candidates
(``<lemma>`` first words), and the glob/regex first tokens tested once per distinct
normalised form, the answer kept in a cache. Matching a document is then a few
C-level passes over its tokens plus work proportional to the candidate positions:
near-linear in the document's length, whatever the size of the lexicon.

Tables
------
:func:`match` gives the ``hits.csv`` rows (:data:`HIT_COLUMNS`);
:func:`textstat_frames` the ``frames.csv`` rows (:data:`FRAME_COLUMNS`): per document
and frame, ``hits`` (all hits, negated or not), ``negated_hits`` (the negated ones
among them) and ``per_1000_tokens`` = un-negated hits × 1000 / the document's word
tokens (``Tokens.n_words``; 0.0 for a document without words).
:func:`kwic` shows matches in context; :func:`explain` marks them in the text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from .bounded import BoundedCache
from .corpus import Document, as_documents
from .lexicon import (
    Element,
    Frame,
    Lexicon,
    Pattern,
    _gc_paused,
    compile_pattern,
    load_lexicon,
)
from .negation import bears_on, find_gap_negation, find_negation, holds_negation
from .tokenizer import FORM_CACHE_SIZE, Sentence, Token, Tokens, fold_accents, tokens

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FRAME_COLUMNS",
    "HIT_COLUMNS",
    "KWIC_COLUMNS",
    "KWIC_WINDOW",
    "OVERLAP_POLICIES",
    "Hit",
    "Matcher",
    "explain",
    "hit_records",
    "kwic",
    "match",
    "textstat_frames",
]

OVERLAP_POLICIES = ("frame", "none", "all")
HIT_COLUMNS = (
    "doc_id", "sent_id", "char_start", "char_end", "lexicon", "frame", "pattern", "matched",
    "negated", "cue", "voice", "speaker", "actor",
)
#: ``frames.csv``: the contract's columns plus ``lexicon`` (frame ids are unique within
#: a lexicon only), in the order of :data:`framing.pipeline.FRAME_COLUMNS`.
FRAME_COLUMNS = ("doc_id", "lexicon", "frame", "hits", "negated_hits", "per_1000_tokens")
KWIC_COLUMNS = (
    "doc_id", "sent_id", "char_start", "char_end", "left", "match", "right", "frame",
    "negated", "pattern",
)
#: Tokens of context on each side in :func:`kwic` (quanteda's default).
KWIC_WINDOW = 5
#: Distinct normalised forms (or lemmas) whose candidate patterns are remembered;
#: past this the cache is emptied and refilled (a bound on memory for huge corpora:
#: the tokenizer's per-form bound).
CACHE_LIMIT = FORM_CACHE_SIZE

LexiconLike: TypeAlias = "Lexicon | str | Path"
DocsLike: TypeAlias = "Document | Iterable[Any] | Mapping[Any, Any] | os.PathLike[str] | str"

#: Length of the glob prefix used to index glob first tokens (see ``_build``).
_PREFIX = 2
_NORM = attrgetter("norm")
_LEMMA = attrgetter("lemma")
_EMPTY: tuple[int, ...] = ()


def _sentences(toks: Tokens) -> tuple[Sentence, ...]:
    """The document's sentences, or one sentence over all its tokens when it has none."""
    return toks.sentences or (Sentence(0, 0, len(toks.text), 0, len(toks.tokens)),)


#: What the start index gives for one normalised form: () when no pattern starts
#: there, else (one-token pattern ids, {literal second word: pattern ids}, other ids).
_Start: TypeAlias = (
    "tuple[()] | tuple[tuple[int, ...], dict[str, tuple[int, ...]], tuple[int, ...]]"
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One hit. ``start``/``end``: character span in the document's text;
    ``first``/``last``: token span, half-open (``last`` is one past the last matched
    token, like :class:`framing.tokenizer.Sentence`); ``sent_id``: sentence index;
    ``pattern``: the pattern as written; ``cue``: the negation cue's text ('' if
    not negated)."""

    frame: str
    pattern: str
    start: int
    end: int
    first: int
    last: int
    sent_id: int
    negated: bool
    cue: str


class Matcher:
    """A lexicon compiled for fast matching (quanteda's ``tokens_lookup``, compiled once).

    ``overlap`` is ``"frame"`` (default), ``"none"`` or ``"all"`` (see the module
    docstring); ``accents=False`` makes every pattern accent-insensitive. Picklable:
    only the lexicon and the options travel, the index is rebuilt on arrival.
    """

    def __init__(self, lexicon: LexiconLike, *, overlap: str = "frame",
                 accents: bool = True) -> None:
        if overlap not in OVERLAP_POLICIES:
            raise ValueError(f"overlap must be one of {', '.join(OVERLAP_POLICIES)}, "
                             f"not {overlap!r}")
        self.lexicon = load_lexicon(lexicon)
        self.overlap = overlap
        self.accents = accents
        self._build()

    def __repr__(self) -> str:
        return (f"Matcher({self.lexicon.name!r}, overlap={self.overlap!r}, "
                f"accents={self.accents!r}, patterns={len(self._patterns)})")

    def __getstate__(self) -> dict[str, Any]:
        return {"lexicon": self.lexicon, "overlap": self.overlap, "accents": self.accents}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.lexicon = state["lexicon"]
        self.overlap = state["overlap"]
        self.accents = state["accents"]
        self._build()

    # -- compilation -------------------------------------------------------

    def _build(self) -> None:
        # One pass over the patterns, with the garbage collector paused: a lexicon of
        # a million entries makes millions of small objects here, none of them cyclic,
        # and collections triggered by them would traverse them all again and again.
        with _gc_paused():
            self._index()
        self._start_cache = BoundedCache(self._starts_for_norm, CACHE_LIMIT)
        self._lemma_cache = BoundedCache(self._starts_for_lemma, CACHE_LIMIT)
        self._fold = BoundedCache(fold_accents, CACHE_LIMIT).__getitem__
        # per (pattern, element) caches of the element test, keyed by norm or lemma
        self._elem_cache: dict[tuple[int, int], BoundedCache[str, bool]] = {}

    def _index(self) -> None:
        self._frames: list[str] = list(self.lexicon.frames)
        patterns: list[Pattern] = []
        frame_idx: list[int] = []
        elements: list[tuple[Element, ...]] = []
        gaps_of: list[tuple[int, ...]] = []
        n_el: list[int] = []
        # the literal (accent-sensitive word) of each element, or None: compared inline;
        # element 0 is found through the start index and never compared, so one-token
        # patterns share one tuple
        lits_of: list[tuple[str | None, ...]] = []
        # literal words a match needs after its first token: a pattern whose second
        # element is an adjacent literal word needs none (that word is compared at once);
        # the others ("rest" in _starts_for_norm, and those found through the lemma of
        # their first token) are tried only in sentences that hold them all (a set test
        # instead of a scan of each gap)
        required: list[frozenset[str]] = []
        # gapped patterns without a negation word of their own: a cue in their gap
        # negates them (negation.find_gap_negation)
        gap_negatable: list[bool] = []
        # the tests of the token after the match ("followed_by"), or ()
        followed: list[tuple[Element, ...]] = []
        one_token: tuple[str | None, ...] = (None,)
        no_words: frozenset[str] = frozenset()
        words: dict[str, list[int]] = {}
        words_folded: dict[str, list[int]] = {}
        lemmas: dict[str, list[int]] = {}
        lemmas_folded: dict[str, list[int]] = {}
        scanned: list[int] = []
        later_lemmas = False  # a lemma test after the first token
        accents = self.accents
        pid = 0
        for fi, frame in enumerate(self.lexicon.frames.values()):
            for p in frame.patterns:
                els = p.elements if accents else tuple(e.without_accents() for e in p.elements)
                n = len(els)
                patterns.append(p)
                frame_idx.append(fi)
                elements.append(els)
                gaps_of.append(p.gaps)
                n_el.append(n)
                followed.append(p.followed_by if accents else
                                tuple(e.without_accents() for e in p.followed_by))
                gap_negatable.append(any(p.gaps) and not holds_negation(els))
                if n == 1:
                    lits_of.append(one_token)
                    required.append(no_words)
                else:
                    lits = tuple([e.value if e.kind == "word" and e.accents else None
                                  for e in els])
                    lits_of.append(lits)
                    if p.gaps[1] == 0 and lits[1] is not None:
                        required.append(no_words)
                    else:
                        required.append(frozenset([x for x in lits[1:] if x is not None]))
                    if not later_lemmas and None in lits[1:]:
                        later_lemmas = any(e.kind == "lemma" for e in els[1:])
                e = els[0]
                if e.kind == "word":
                    (words if e.accents else words_folded).setdefault(e.value, []).append(pid)
                elif e.kind == "lemma":
                    target = lemmas if e.accents else lemmas_folded
                    for lem in e.lemmas:
                        target.setdefault(lem, []).append(pid)
                else:
                    scanned.append(pid)
                pid += 1
        self._patterns = patterns
        self._frame_idx = frame_idx
        self._elements = elements
        self._gaps = gaps_of
        self._n_el = n_el
        self._lits = lits_of
        self._required = required
        self._gap_negatable = gap_negatable
        self._followed = followed
        self._any_followed = any(followed)
        self._first_words = {k: tuple(v) for k, v in words.items()}
        self._first_words_folded = {k: tuple(v) for k, v in words_folded.items()}
        self._first_lemmas = {k: tuple(v) for k, v in lemmas.items()}
        self._first_lemmas_folded = {k: tuple(v) for k, v in lemmas_folded.items()}
        # glob first tokens are grouped by the first two letters of their literal
        # prefix ("hégémon*" under "hé"), so a new form is tested only against the
        # globs that can match it; regexes and short prefixes are always tested
        by_prefix: dict[str, list[int]] = {}
        by_prefix_folded: dict[str, list[int]] = {}
        always: list[int] = []
        for pid in scanned:
            e = self._elements[pid][0]
            prefix = re.split(r"[*?]", e.value, maxsplit=1)[0] if e.kind == "glob" else ""
            if len(prefix) >= _PREFIX:
                target = by_prefix if e.accents else by_prefix_folded
                target.setdefault(prefix[:_PREFIX], []).append(pid)
            else:
                always.append(pid)
        self._scan_by_prefix = {k: tuple(v) for k, v in by_prefix.items()}
        self._scan_by_prefix_folded = {k: tuple(v) for k, v in by_prefix_folded.items()}
        self._scan_always = tuple(always)
        self._has_lemma_starts = bool(lemmas or lemmas_folded)
        self._uses_lemmas = self._has_lemma_starts or later_lemmas

    def _starts_for_norm(self, norm: str) -> _Start:
        """The patterns whose first token accepts ``norm``, split for speed into
        one-token patterns, patterns whose second token is a literal word right after
        the first (grouped by that word), and the rest."""
        pids = list(self._first_words.get(norm, _EMPTY))
        if self._first_words_folded:
            pids += self._first_words_folded.get(self._fold(norm), _EMPTY)
        scan = self._scan_by_prefix.get(norm[:_PREFIX], _EMPTY) + self._scan_always
        if self._scan_by_prefix_folded:
            scan += self._scan_by_prefix_folded.get(self._fold(norm)[:_PREFIX], _EMPTY)
        pids += [pid for pid in scan if self._elements[pid][0].matches(norm, norm)]
        if not pids:
            return ()
        singles: list[int] = []
        pairs: dict[str, list[int]] = {}
        rest: list[int] = []
        for pid in sorted(pids):
            if self._n_el[pid] == 1:
                singles.append(pid)
            elif self._gaps[pid][1] == 0 and self._lits[pid][1] is not None:
                pairs.setdefault(str(self._lits[pid][1]), []).append(pid)
            else:
                rest.append(pid)
        return (tuple(singles), {k: tuple(v) for k, v in pairs.items()}, tuple(rest))

    def _starts_for_lemma(self, lemma: str) -> tuple[int, ...]:
        out = list(self._first_lemmas.get(lemma, _EMPTY))
        if self._first_lemmas_folded:
            out += self._first_lemmas_folded.get(self._fold(lemma), _EMPTY)
        return tuple(sorted(set(out))) if out else _EMPTY

    # -- matching ----------------------------------------------------------

    def _test(self, pid: int, k: int, norm: str, lemma: str) -> bool:
        e = self._elements[pid][k]
        if e.kind == "word":
            return (norm if e.accents else self._fold(norm)) == e.value
        cache = self._elem_cache.get((pid, k))
        if cache is None:
            # a lemma element reads the lemma only, the others the form only
            def passes(key: str, e: Element = e) -> bool:
                return e.matches(key, key)

            cache = self._elem_cache[(pid, k)] = BoundedCache(passes, CACHE_LIMIT)
        return cache[lemma if e.kind == "lemma" else norm]

    def _from(self, pid: int, k: int, pos: int, end: int, norms: Sequence[str],
              lemmas: Sequence[str], placed: list[int] | None = None) -> int:
        """Element ``k-1`` of pattern ``pid`` matched token ``pos``: one past the last
        token of the whole match (elements ``k…`` placed within ``[pos+1, end)``, each
        at the nearest position its gap allows, backtracking in that order), or -1.
        With ``placed``, the positions of elements ``k…`` are appended to it, last
        element first (a successful placement only)."""
        if k == self._n_el[pid]:
            return pos + 1
        lit = self._lits[pid][k]
        hi = min(pos + 1 + self._gaps[pid][k], end - 1)
        p = pos + 1
        while p <= hi:
            if (norms[p] == lit) if lit is not None else self._test(pid, k, norms[p], lemmas[p]):
                r = self._from(pid, k + 1, p, end, norms, lemmas, placed)
                if r >= 0:
                    if placed is not None:
                        placed.append(p)
                    return r
            p += 1
        return -1

    def _positions(self, pid: int, first: int, last: int, toks: Sequence[Token]) -> list[int]:
        """The tokens that the elements of pattern ``pid`` matched in the hit
        ``[first, last)``: :meth:`_from` within the hit's span, whose first placement
        is the one :meth:`_candidates` found (every placement it tried before lies in
        the span too, and failed)."""
        span = toks[first:last]
        norms = [t.norm for t in span]
        placed: list[int] = []
        end = self._from(pid, 1, 0, len(span), norms,
                         [t.lemma for t in span] if self._uses_lemmas else norms, placed)
        assert end == len(span), "a hit's elements are found again in its span"
        return [first] + [first + p for p in reversed(placed)]

    def _candidates(self, toks: Tokens) -> list[tuple[int, int, int, int]]:
        """Every match as (first, last, pattern id, sentence index)."""
        tt = toks.tokens
        n = len(tt)
        norms = list(map(_NORM, tt))
        starts = list(map(self._start_cache.__getitem__, norms))
        lemmas: Sequence[str] = list(map(_LEMMA, tt)) if self._uses_lemmas else norms
        lstarts: list[tuple[int, ...]] | None = None
        positions = list(compress(range(n), starts))
        if self._has_lemma_starts:
            lstarts = list(map(self._lemma_cache.__getitem__, lemmas))
            at_lemma = list(compress(range(n), lstarts))
            if at_lemma:
                positions = sorted(set(positions).union(at_lemma))
            else:
                lstarts = None
        if not positions:
            return []
        sents = _sentences(toks)
        out: list[tuple[int, int, int, int]] = []
        append = out.append
        place = self._from
        required = self._required
        si, end = 0, sents[0].last
        in_sentence: frozenset[str] | set[str] = frozenset()
        in_sentence_of = -1

        def words_here(words: frozenset[str], si: int, end: int) -> bool:
            """Does sentence ``si`` hold every word of ``words`` (its set built once)?"""
            nonlocal in_sentence, in_sentence_of
            if in_sentence_of != si:
                in_sentence, in_sentence_of = set(norms[sents[si].first:end]), si
            return words <= in_sentence
        for i in positions:
            while i >= end:
                si += 1
                end = sents[si].last
            start = starts[i]
            if start:
                singles, pairs, rest = start
                for pid in singles:
                    append((i, i + 1, pid, si))
                if pairs and i + 1 < end:
                    for pid in pairs.get(norms[i + 1], _EMPTY):
                        j = place(pid, 2, i + 1, end, norms, lemmas)
                        if j > 0:
                            append((i, j, pid, si))
                for pid in rest:
                    if required[pid] and not words_here(required[pid], si, end):
                        continue
                    j = place(pid, 1, i, end, norms, lemmas)
                    if j > 0:
                        append((i, j, pid, si))
            if lstarts is not None:
                for pid in lstarts[i]:  # "<ne> ... dirigé* contre personne": as for rest
                    if required[pid] and not words_here(required[pid], si, end):
                        continue
                    j = place(pid, 1, i, end, norms, lemmas)
                    if j > 0:
                        append((i, j, pid, si))
        if self._any_followed:  # the token after the match passes one of the tests
            fb = self._followed
            out = [c for c in out if not fb[c[2]] or (
                c[1] < sents[c[3]].last and any(e.matches(tt[c[1]].norm, tt[c[1]].lemma)
                                                for e in fb[c[2]]))]
        return out

    def _resolve(self, cands: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
        if self.overlap == "all" or len(cands) < 2:
            return cands
        # longest first, then earlier start, then lexicon order (pattern ids follow it)
        order = sorted(cands, key=lambda c: (c[0] - c[1], c[0], c[2]))
        taken: dict[int, set[int]] = {}
        kept = []
        by_frame = self.overlap == "frame"
        for c in order:
            used = taken.setdefault(self._frame_idx[c[2]] if by_frame else 0, set())
            span = range(c[0], c[1])
            if any(t in used for t in span):
                continue
            used.update(span)
            kept.append(c)
        return kept

    def match_tokens(self, toks: Tokens) -> list[Hit]:
        """The hits in one tokenized document, sorted by start, then frame."""
        tt = toks.tokens
        if not tt:
            return []
        cands = self._resolve(self._candidates(toks))
        sents = _sentences(toks)
        hits = []
        for first, last, pid, si in cands:
            cue = find_negation(tt, first, sentence_start=sents[si].first, last=last,
                                sentence_end=sents[si].last)
            if cue is not None and cue.start < tt[first].start and not bears_on(
                    tt, cue, first):
                cue = None  # the object of a naming verb: "n'a pas condamné l'invasion"
            if cue is None and self._gap_negatable[pid] and last - first > self._n_el[pid]:
                cue = find_gap_negation(tt, self._positions(pid, first, last, tt),
                                        sentence_start=sents[si].first)
            pat = self._patterns[pid]
            hits.append((
                Hit(self._frames[self._frame_idx[pid]], pat.source, tt[first].start,
                    tt[last - 1].end, first, last, sents[si].index, cue is not None,
                    cue.text if cue is not None else ""),
                pid,
            ))
        hits.sort(key=lambda hp: (hp[0].start, hp[0].frame, -hp[0].end, hp[1]))
        return [h for h, _ in hits]

    def match_text(self, text: str) -> list[Hit]:
        """Tokenize ``text`` and match it (convenience for one sentence or article)."""
        return self.match_tokens(tokens(text))


# ---------------------------------------------------------------------------
# tables


def _matcher(lexicon: LexiconLike | Matcher, overlap: str) -> Matcher:
    return lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon, overlap=overlap)


#: ``(start, end)`` of a span → ``(voice, speaker, actor)``.
VoiceOf = Callable[[int, int], tuple[str, str, str]]


def _narrator(start: int, end: int) -> tuple[str, str, str]:
    return ("narrator", "", "")


def _voice_lookup(toks: Tokens) -> VoiceOf:
    """Voice, speaker and actor of a character span, from :mod:`framing.quotes`."""
    from .quotes import find_quotes, voices

    found, _warnings = find_quotes(toks, None)
    return voices(toks, found).span_voice


def hit_records(doc_id: str, toks: Tokens, hits: Sequence[Hit], lexicon: str,
                voice_of: VoiceOf | None = None) -> list[dict[str, Any]]:
    """``hits.csv`` rows (:data:`HIT_COLUMNS`) for one document's hits. ``voice_of``
    maps a character span to ``(voice, speaker, actor)``; default: the narrator."""
    vo = voice_of or _narrator
    rows = []
    for h in hits:
        voice, speaker, actor = vo(h.start, h.end)
        rows.append({
            "doc_id": doc_id, "sent_id": h.sent_id, "char_start": h.start, "char_end": h.end,
            "lexicon": lexicon, "frame": h.frame, "pattern": h.pattern,
            "matched": toks.text[h.start:h.end], "negated": h.negated, "cue": h.cue,
            "voice": voice, "speaker": speaker, "actor": actor,
        })
    return rows


def match(corpus_or_docs: DocsLike, lexicon: LexiconLike | Matcher, *,
          overlap: str = "frame") -> pd.DataFrame:
    """Match a lexicon against documents: one row per hit (:data:`HIT_COLUMNS`).

    ``corpus_or_docs``: a :class:`~framing.corpus.Corpus`, documents, a corpus
    :class:`~pathlib.Path`, a DataFrame with a ``text`` column, a dict or pairs of
    ``doc_id`` and text, or strings (:func:`framing.corpus.as_documents`). ``lexicon``: a
    :class:`~framing.lexicon.Lexicon`, a name or path, or a :class:`Matcher` (whose
    own ``overlap`` is then used). ``voice``, ``speaker`` and ``actor`` come from
    :mod:`framing.quotes` (without an actor table: ``actor`` is empty).
    """
    import pandas as pd

    m = _matcher(lexicon, overlap)
    rows: list[dict[str, Any]] = []
    for doc in as_documents(corpus_or_docs):
        toks = tokens(doc.text)
        hits = m.match_tokens(toks)
        if hits:
            vo = _voice_lookup(toks)
            rows.extend(hit_records(doc.doc_id, toks, hits, m.lexicon.name, vo))
    df = pd.DataFrame(rows, columns=list(HIT_COLUMNS))
    return df.astype({"sent_id": "int64", "char_start": "int64", "char_end": "int64",
                      "negated": "bool"})


def _as_bool(s: pd.Series) -> pd.Series:
    from .stats import negated_mask

    return negated_mask(s)


def _lexicon_column(hits_df: pd.DataFrame) -> pd.Series:
    """The hits' lexicon names as strings ('' when absent, e.g. a hits.csv cell read
    back as NaN)."""
    if "lexicon" not in hits_df:
        import pandas as pd

        return pd.Series([""] * len(hits_df), index=hits_df.index, dtype="object")
    return hits_df["lexicon"].fillna("").astype(str)


def textstat_frames(hits_df: pd.DataFrame, docs_df: pd.DataFrame, *,
                    lexicon: LexiconLike | Sequence[LexiconLike] | None = None) -> pd.DataFrame:
    """Frame counts per document × frame (the ``frames.csv`` table, :data:`FRAME_COLUMNS`).

    ``docs_df`` needs ``doc_id`` and ``n_tokens`` (word tokens, ``Tokens.n_words``), or
    is a corpus (:func:`framing.stats.documents_table`);
    every document of ``docs_df`` gets a row for every frame, with zeros where the
    frame has no hit (hits of documents absent from ``docs_df`` are ignored). The
    frames are those of ``lexicon`` (one or several) when given, in lexicon order,
    else those present in ``hits_df``, sorted. ``hits`` counts all hits,
    ``negated_hits`` the negated ones among them, and ``per_1000_tokens`` the
    **un-negated** hits per 1,000 word tokens (0.0 for a document without words).
    """
    import pandas as pd

    from .stats import DOCS_TABLE, HITS_TABLE, documents_table, require_columns

    docs_df = documents_table(docs_df)  # a Corpus too, as the textstat_* functions take
    require_columns(docs_df, ("doc_id", "n_tokens"), DOCS_TABLE)
    if len(hits_df):
        require_columns(hits_df, ("doc_id", "frame", "negated"), HITS_TABLE)
    if lexicon is None:
        if len(hits_df):
            pairs = sorted(set(zip(_lexicon_column(hits_df), hits_df["frame"].astype(str),
                                   strict=True)))
        else:
            pairs = []
    else:
        lexes = [lexicon] if isinstance(lexicon, Lexicon | str | Path) else list(lexicon)
        pairs = [(lx.name, f) for lx in map(load_lexicon, lexes) for f in lx.frames]
    # ids compared as text: a table read back from CSV may hold 1 where hits hold "1"
    docs = docs_df[["doc_id", "n_tokens"]].astype({"doc_id": str}).drop_duplicates("doc_id")
    grid = pd.DataFrame(
        [(d, lx, f) for d in docs["doc_id"] for lx, f in pairs],
        columns=["doc_id", "lexicon", "frame"],
    )
    if len(hits_df):
        h = hits_df.assign(
            doc_id=hits_df["doc_id"].astype(str),
            lexicon=_lexicon_column(hits_df),
            negated=_as_bool(hits_df["negated"]),
        )
        counts = (
            h.groupby(["doc_id", "lexicon", "frame"], sort=False)["negated"]
            .agg(hits="size", negated_hits="sum")
            .reset_index()
        )
        grid = grid.merge(counts, on=["doc_id", "lexicon", "frame"], how="left")
    else:
        grid = grid.assign(hits=0, negated_hits=0)
    grid = grid.merge(docs, on="doc_id", how="left")
    grid["hits"] = grid["hits"].fillna(0).astype("int64")
    grid["negated_hits"] = grid["negated_hits"].fillna(0).astype("int64")
    n_tok = pd.to_numeric(grid["n_tokens"], errors="coerce").fillna(0)
    plain = grid["hits"] - grid["negated_hits"]
    rate = (plain * 1000.0 / n_tok.where(n_tok > 0)).fillna(0.0)
    grid["per_1000_tokens"] = rate.astype("float64")
    return grid[list(FRAME_COLUMNS)].reset_index(drop=True)


# ---------------------------------------------------------------------------
# reading hits


_WS_RE = re.compile(r"\s+")


def _adhoc(pattern: str | Mapping[str, Any] | Pattern) -> Lexicon:
    pat = pattern if isinstance(pattern, Pattern) else compile_pattern(pattern)
    frame = Frame("", pat.source, pat.source, "", (pat,))
    return Lexicon("kwic", "fr", "", "", "", {"": frame})


def kwic(corpus: DocsLike, pattern_or_frame: str | Mapping[str, Any] | Pattern,
         window: int = KWIC_WINDOW, lexicon: LexiconLike | None = None, *,
         overlap: str = "frame") -> pd.DataFrame:
    """Keyword in context (quanteda's ``kwic``): one row per match (:data:`KWIC_COLUMNS`).

    ``pattern_or_frame`` is a frame id of ``lexicon`` (its hits are shown) or, when
    ``lexicon`` is None or has no such frame, a pattern in the pattern language
    (``"hégémon*"``, ``{"regex": "…"}``); for an ad-hoc pattern ``frame`` is ''.
    ``left`` and ``right`` hold up to ``window`` tokens of the document on each side
    (whitespace collapsed to single spaces); ``negated`` is the hit's negation flag.
    """
    import pandas as pd

    if window < 0:
        raise ValueError(f"window must be 0 or more, not {window}")
    lex = load_lexicon(lexicon) if lexicon is not None else None
    only: str | None
    if lex is not None and isinstance(pattern_or_frame, str) and pattern_or_frame in lex.frames:
        m, only = Matcher(lex, overlap=overlap), pattern_or_frame
    else:
        m, only = Matcher(_adhoc(pattern_or_frame), overlap=overlap), None
    rows = []
    for doc in as_documents(corpus):
        toks = tokens(doc.text)
        tt = toks.tokens
        text = toks.text
        for h in m.match_tokens(toks):
            if only is not None and h.frame != only:
                continue
            lo = max(0, h.first - window)
            hi = min(len(tt), h.last + window)
            left = text[tt[lo].start:h.start] if window and h.first > 0 else ""
            right = text[h.end:tt[hi - 1].end] if window and h.last < len(tt) else ""
            rows.append({
                "doc_id": doc.doc_id, "sent_id": h.sent_id, "char_start": h.start,
                "char_end": h.end, "left": _WS_RE.sub(" ", left).strip(),
                "match": _WS_RE.sub(" ", text[h.start:h.end]),
                "right": _WS_RE.sub(" ", right).strip(), "frame": h.frame,
                "negated": h.negated, "pattern": h.pattern,
            })
    return pd.DataFrame(rows, columns=list(KWIC_COLUMNS))


def explain(doc: Document | Tokens | str, lexicon: LexiconLike | Matcher, *,
            overlap: str = "frame") -> str:
    """The document's text with each hit marked ``[[matched|frame]]``, or
    ``[[matched|frame-NEG]]`` when negated — a plain string for reading.

    Hits that overlap (different frames on the same words) are shown as one marker
    over the union of their spans, listing each frame in order of start:
    ``[[hégémonie américaine|hegemony|usa]]``.
    """
    toks = doc if isinstance(doc, Tokens) else tokens(doc.text if isinstance(doc, Document)
                                                      else doc)
    hits = _matcher(lexicon, overlap).match_tokens(toks)
    text = toks.text
    groups: list[tuple[int, int, list[str]]] = []
    for h in sorted(hits, key=lambda x: (x.start, -x.end)):
        label = h.frame + ("-NEG" if h.negated else "")
        if groups and h.start < groups[-1][1]:
            s, e, labels = groups[-1]
            if label not in labels:
                labels.append(label)
            groups[-1] = (s, max(e, h.end), labels)
        else:
            groups.append((h.start, h.end, [label]))
    out, pos = [], 0
    for s, e, labels in groups:
        out.append(text[pos:s])
        out.append(f"[[{text[s:e]}|{'|'.join(labels)}]]")
        pos = e
    out.append(text[pos:])
    return "".join(out)
