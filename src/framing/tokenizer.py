"""French tokenizer and sentence splitter with character spans.

Every token and every sentence keeps its ``[start, end)`` character span into the
text it was cut from, so ``text[tok.start:tok.end] == tok.text`` always holds.

Tokenization rules (documented once, tested one by one in ``tests/test_tokenizer.py``):

* **Elision** — ``l'``, ``d'``, ``j'``, ``m'``, ``n'``, ``s'``, ``t'``, ``c'``, ``qu'``,
  ``jusqu'``, ``lorsqu'``, ``puisqu'``, ``quoiqu'`` are split off the next word and keep
  their apostrophe (straight ``'`` or typographic ``’``): ``l'OCS`` → ``l'`` ``OCS``.
  Lexicalised words stay whole: ``aujourd'hui``, ``quelqu'un``, ``presqu'île``,
  ``prud'homme``.
* **Hyphens** — hyphenated compounds are one token (``sino-russes``, ``peut-être``,
  ``Asie-Pacifique``, ``Xi-Poutine``).  *Inverted subject pronouns* are split off the
  verb, with the euphonic ``-t-`` kept on the pronoun: ``a-t-il`` → ``a`` ``-t-il``,
  ``dit-elle`` → ``dit`` ``-elle``; the pronoun's normalised form is the bare pronoun
  (``il``).  Lexicalised compounds that end like a pronoun (``rendez-vous``,
  ``vis-à-vis``) are not split, nor is a word whose first part cannot end a French
  verb form (``Jong-il``, ``garde-à-vous``: see ``_VERB_FINAL``).
* **Typography** — all Unicode spaces (including U+00A0 and U+202F, used before
  ``» : ; ! ?``) separate tokens and are never part of one; ``« » “ ” " ‹ ›`` are
  punctuation tokens whether spaced or not; ``…`` and ``...`` are one token.
  Zero-width characters are ignored between tokens; a soft hyphen (U+00AD) inside a
  word is kept in its text and dropped from its normalised form.
* **Numbers** — thousands separated by a space, no-break space or dot (``2 000``,
  ``1.500``, ``2 000 000``), decimals with a comma (``3,5``), percentages
  (``12 %``, ``3,5%``) and dates written with dots (``14.07.2024``) are single tokens.
* **Abbreviations** — ``M.``, ``Mme``, ``Dr``, ``avr.``, ``etc.`` … (the list in
  ``framing/resources/abbreviations_fr.txt``) keep their final dot; initials such as
  ``J.-C.`` or ``U.E.`` are one token. Abbreviations that are also words
  (``WORD_ABBREVIATIONS``: ``jeu.``, ``mer.``, ``sept.``, ``art.`` …) keep their dot
  only before a number (``jeu. 4 juillet``, ``art. 5``); elsewhere they are the word
  and a full stop (``C'est un jeu.``). One capital and a dot before a capitalised name
  that is not a function word is an initial: ``V. Poutine`` is ``V.`` ``Poutine``.
* URLs and e-mail addresses are one token.

Sentence rules: a sentence ends after ``. ! ? …`` (and any closing quote marks or
brackets right after them) when the next token starts a new sentence (a capital, a
digit, an opening quote or a dash), after ``etc.``, or after a month abbreviation that
follows a day number when a capital comes next (``adoptée le 5 nov. Elle …``; not
``le 5 nov. 2024``), after dotted initials before a capitalised function word
(``vers 300 av. J.-C. Les fouilles …``; not ``J.-C. Juncker`` nor ``J.-Y. Le Drian``),
and always at a line
break (``\n``, ``\r``, U+2029 …: those ``str.splitlines`` knows).  A terminator inside a
short quotation (at most ``SHORT_QUOTE_TOKENS`` tokens) followed by lower-case text
or a comma does not end the sentence (``«Assez !» a-t-il lancé``).

Implementation: one regular expression scanned with ``re.finditer`` over each
distinct whitespace-free chunk (cached), no model; chosen for correctness on French
typography first — spans are exact by construction — and speed second. The loop
over the chunks runs in C (``framing._speedups``, compiled at install time when a
compiler is there; ``SPEEDUPS``) or in pure Python, with the same tokens (see
``benchmarks/``).  Lemmas come from ``simplemma`` (French
tables, no data download) through a cache; the optional stem from NLTK's Snowball
``FrenchStemmer``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from importlib import resources
from operator import attrgetter, countOf
from pathlib import Path
from typing import NamedTuple

from .bounded import BoundedCache

__all__ = [
    "CHUNK_CACHE_SIZE",
    "FORM_CACHE_SIZE",
    "KIND",
    "MONTH_ABBREVIATIONS",
    "NORM",
    "SENTENCE_FINAL_ABBREVIATIONS",
    "SHORT_QUOTE_TOKENS",
    "SPEEDUPS",
    "WORD_ABBREVIATIONS",
    "Sentence",
    "Token",
    "Tokens",
    "abbreviations",
    "capitalized",
    "fold_accents",
    "lemmatize",
    "line_breaks",
    "normalize",
    "select_indices",
    "select_values",
    "sentences",
    "stem",
    "stopwords",
    "tokenize",
    "tokens",
]

#: A terminator inside a quotation does not end the sentence when the whole
#: quotation holds at most this many tokens and the text goes on in lower case (or
#: with a comma) after it: «Assez ! Partez !» a-t-il lancé. Chosen so that slogans
#: and exclamations stay inside their sentence while quoted statements of two
#: sentences or more (rarely under 10 tokens) are still split.
SHORT_QUOTE_TOKENS = 8

APOSTROPHES = "'’ʼ‘"
OPENING_QUOTES = frozenset("«“‹„")
CLOSING_QUOTES = frozenset("»”›")
QUOTE_MARKS = OPENING_QUOTES | CLOSING_QUOTES | {'"'}
TERMINATORS = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})
CLOSERS = CLOSING_QUOTES | {")", "]", "'", '"'}
DASHES = frozenset("-–—")

_ELIDED = r"(?i:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])"
_LEXICALISED = r"(?i:aujourd['’ʼ]hui|quelqu['’ʼ]une?s?|presqu['’ʼ]îles?|prud['’ʼ]hom\w*)"
_ZW = "\u200b\u200c\u200d\u2060\ufeff"
_LETTER = r"[^\W_]"
_WORD = rf"{_LETTER}(?:{_LETTER}|\u00ad(?={_LETTER})|[-‐‑]{_LETTER}|['’ʼ](?={_LETTER}))*"
_TOKEN_PATTERN = rf"""
    (?P<url>(?:https?://|www\.)[^\s<>«»"]+[^\s<>«»".,;:!?)\]’'])
  | (?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<lex>(?<!\w){_LEXICALISED}(?!\w))
  | (?P<elision>(?<![\w'’ʼ-]){_ELIDED}[{APOSTROPHES}](?={_LETTER}|[«“"‹„]))
  | (?P<abbr>(?<![\w.])(?:ABBREVIATIONS))
  | (?P<initials>(?<!\w)(?:[A-ZÀ-Ý]\.-?){{2,}})
  | (?P<number>(?<![\w.,])\d{{1,2}}\.\d{{1,2}}\.\d{{4}}(?![\d.]\d)
              |(?<![\w.,])\d{{1,3}}(?:[ \u00a0\u202f.]\d{{3}}(?!\d))+(?:,\d+)?(?:[ \u00a0\u202f]?%)?
              |(?<![\w.,])\d+(?:[.,]\d+)?(?:[ \u00a0\u202f]?%)?(?!{_LETTER}))
  | (?P<word>{_WORD})
  | (?P<ellipsis>\.{{3}}|…)
  | (?P<multi>[!?]{{2}})
  | (?P<punct>[^\s{_ZW}])
    """


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    """The tokenizer's regular expression, with the abbreviation list compiled in
    (built on first use: no file is read at import time)."""
    variants: set[str] = set()
    for a in abbreviations():
        variants.update({a, a[:1].upper() + a[1:]})
    alternatives = "|".join(re.escape(a) for a in sorted(variants, key=len, reverse=True))
    return re.compile(_TOKEN_PATTERN.replace("ABBREVIATIONS", alternatives), re.VERBOSE)


#: Abbreviations after which a capital may still start a new sentence ("env." and
#: "cf." are not: a number or a reference always follows them, "env. 300 morts").
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc."})
#: Month abbreviations: after a day number they end the date, and a capital after
#: them starts a new sentence ("adoptée le 5 nov. Elle entre en vigueur"); elsewhere
#: ("En nov. Emmanuel Macron …") and before a year they do not end one.
MONTH_ABBREVIATIONS = frozenset({"janv.", "févr.", "fév.", "avr.", "juil.", "oct.", "nov.",
                                 "déc."})

#: Abbreviations of the list that are also French words (jeu, mer, sept, vol, col, cap,
#: art) or a first name (Max): an abbreviation only before a number ("jeu. 4 juillet",
#: "sept. 2024", "art. 5", "vol. 3", "max. 30"); elsewhere the word and a full stop
#: ("C'est un jeu. Les enfants…", "Ils étaient sept."). Read on the token after them,
#: which the cached per-chunk tokenization cannot see.
WORD_ABBREVIATIONS = frozenset({"jeu.", "mer.", "sept.", "vol.", "col.", "cap.", "art.", "max."})

#: Last letters of a French verb form that takes an inverted pronoun (``dit-il``,
#: ``a-t-elle``, ``peux-tu``, ``allez-y``, ``prend-on``, ``vainc-il``): a hyphenated
#: word whose first part ends otherwise is not a verb and its pronoun (``Jong-il``,
#: ``garde-à-vous``).
_VERB_FINAL = frozenset("aeéèisdtxzcAEÉÈISDTXZC")

_INVERTED_RE = re.compile(
    r"^(?P<verb>.+?)(?P<pron>[-‐‑](?:t[-‐‑])?(?:il|elle|on|ils|elles|je|tu|nous|vous|ce|moi|toi"
    r"|le|la|les|lui|leur|leurs|en|y))$",
    re.IGNORECASE,
)
_NOT_INVERTED = frozenset({"rendez-vous", "vis-à-vis", "va-t-en", "sur-le", "peut-on-dire"})

_ELISION_LEMMAS = {
    "l'": "le", "d'": "de", "j'": "je", "m'": "me", "t'": "te", "s'": "se", "n'": "ne",
    "c'": "ce", "qu'": "que", "jusqu'": "jusque", "lorsqu'": "lorsque",
    "puisqu'": "puisque", "quoiqu'": "quoique",
}
#: Possessive determiners keep their person: the lemma is the masculine singular of
#: the same person (the convention of French grammars and of the Lefff, where *nos* is
#: *notre*). simplemma gives *son* for all of them, which merges *notre* and *leur*
#: into *son* — the in-group and out-group words a framing analysis compares.
_POSSESSIVE_LEMMAS = {
    "mon": "mon", "ma": "mon", "mes": "mon", "ton": "ton", "ta": "ton", "tes": "ton",
    "son": "son", "sa": "son", "ses": "son", "notre": "notre", "nos": "notre",
    "votre": "votre", "vos": "votre", "leur": "leur", "leurs": "leur",
}
#: Words whose lemma framing fixes instead of asking simplemma.
_FIXED_LEMMAS = {**_ELISION_LEMMAS, **_POSSESSIVE_LEMMAS}
#: Distinct word forms remembered by each per-form cache (lemmas, stems, and the
#: keyness and matcher caches that follow tokens); a cache that fills is emptied and
#: refilled. A bound on memory, not on vocabulary: news text is Zipfian and the
#: frequent forms are back in the cache within a few documents. 100,000 forms take
#: about 10 MB per cache; with it (and ``CHUNK_CACHE_SIZE``) a 20-million-word run
#: keeps its peak memory within 1.5x of a 1-million-word run (``benchmarks/``).
FORM_CACHE_SIZE = 100_000

_APOS_TABLE = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "‐": "-", "‑": "-", "\u00ad": None})


class Token(NamedTuple):
    """One token: surface ``text``, ``[start, end)`` span, normalised form, lemma, kind.

    ``kind`` is one of ``word``, ``elision``, ``number``, ``punct``, ``url``, ``email``.
    A ``NamedTuple`` rather than a dataclass: immutable, typed, and cheap to build for
    millions of tokens.
    """

    text: str
    start: int
    end: int
    norm: str
    lemma: str
    kind: str


_START = attrgetter("start")
_END = attrgetter("end")
_KIND = attrgetter("kind")


class Sentence(NamedTuple):
    """One sentence: its index in the document, ``[start, end)`` character span and
    ``[first, last)`` token indices."""

    index: int  # type: ignore[assignment]  # shadows tuple.index on purpose: the sentence number
    start: int
    end: int
    first: int
    last: int


@dataclass(frozen=True)
class Tokens:
    """A text cut into tokens and sentences (quanteda's ``tokens`` object)."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]

    def __len__(self) -> int:
        return len(self.tokens)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        return self.tokens[sentence.first : sentence.last]

    @cached_property
    def n_words(self) -> int:
        """Tokens that are not punctuation (words, elisions, numbers, URLs, e-mails)."""
        return len(self.tokens) - countOf(map(_KIND, self.tokens), "punct")


def fold_accents(text: str) -> str:
    """Remove diacritics: ``hégémonie`` → ``hegemonie`` (``œ`` and ``æ`` are kept)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(text: str, *, accents: bool = True) -> str:
    """Lower case, apostrophes unified to ``'``, hyphen variants to ``-``, soft hyphens
    dropped; accents folded when ``accents=False``."""
    out = text.translate(_APOS_TABLE).lower()
    return out if accents else fold_accents(out)


@lru_cache(maxsize=FORM_CACHE_SIZE)
def lemmatize(norm: str) -> str:
    """French lemma of a normalised word (simplemma), cached."""
    fixed = _FIXED_LEMMAS.get(norm)
    if fixed is not None:
        return fixed
    lemma: str = _simplemma_french()(norm).lower()
    return norm if lemma == norm else lemma  # one string, not two equal ones, in the caches


#: simplemma's French table, in its package (simplemma 2.x: an lzma-compressed
#: front-coded stream)
_SIMPLEMMA_FRENCH_TABLE = ("strategies", "dictionaries", "data", "fr.plzma")


@lru_cache(maxsize=1)
def _simplemma_french() -> Callable[[str], str]:
    """simplemma's French lemmatiser, as a function of one word.

    The same strategies as ``simplemma.lemmatize(word, lang="fr")``; only the table
    they look words up in is decoded by ``framing._speedups.front_coded`` (0.05 s
    instead of simplemma's 0.12 s, paid once per process before the first document).
    Any simplemma whose table that decoder does not read is used as it is."""
    import simplemma

    table = _french_table(simplemma.__file__)
    if table is None:
        return partial(simplemma.lemmatize, lang="fr")
    from simplemma.strategies import DefaultStrategy

    strategy = DefaultStrategy(dictionary_factory=_FrenchTable(table))
    # no cache of its own: framing's lemmatize (FORM_CACHE_SIZE forms) is in front
    lemmatizer = simplemma.Lemmatizer(cache_max_size=0, lemmatization_strategy=strategy)
    return partial(lemmatizer.lemmatize, lang="fr")


@dataclass(frozen=True)
class _FrenchTable:
    """A decoded French table, as simplemma's ``DictionaryFactory`` protocol serves it."""

    table: Mapping[str, str]

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != "fr":
            raise ValueError(f"framing's simplemma table is French, not {lang!r}")
        return self.table


def _french_table(simplemma_file: str) -> dict[str, str] | None:
    """The decoded French table of the simplemma installed at ``simplemma_file``, or
    None (no compiled extension, no such file, a format the decoder does not read)."""
    if _compiled_front_coded is None:
        return None
    import lzma

    try:
        data = lzma.decompress(Path(simplemma_file).parent.joinpath(
            *_SIMPLEMMA_FRENCH_TABLE).read_bytes())
    except (OSError, lzma.LZMAError):
        return None
    return _compiled_front_coded(data)


@lru_cache(maxsize=FORM_CACHE_SIZE)
def stem(norm: str) -> str:
    """Snowball French stem (NLTK; needs no data download), cached."""
    return _stemmer().stem(norm)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem.snowball import FrenchStemmer

    return FrenchStemmer()


def _read_resource(name: str) -> list[str]:
    text = resources.files("framing.resources").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """framing's French stop list (normalised forms). Negators — ne, n', pas, plus,
    jamais, rien, aucun, personne, ni, sans — are deliberately *not* in it."""
    return frozenset(normalize(w) for w in _read_resource("stopwords_fr.txt"))


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Abbreviations that keep their final dot (``M.``, ``avr.``, ``etc.``), as written
    in ``resources/abbreviations_fr.txt``; matched case-sensitively, then in lower case."""
    return frozenset(_read_resource("abbreviations_fr.txt"))


#: A whitespace-free chunk of text, extended over the spaces that French numbers
#: contain ("2 000 000", "12 %"): no token ever spans other whitespace.
_CHUNK_RE = re.compile(r"\S+(?:(?<=\d)[ \u00a0\u202f](?:\d{3}(?!\d)|%)\S*)*")
#: Chunks whose tokens are cached: French news repeats its words, so most chunks are
#: seen before (the idea of spaCy's tokenizer cache). Emptied when full.
CHUNK_CACHE_SIZE = 100_000


def _tokenize_chunk(chunk: str) -> tuple[tuple[str, int, int, str, str, str], ...]:
    """The tokens of one chunk, as (text, start, end, norm, lemma, kind) relative to it."""
    out: list[tuple[str, int, int, str, str, str]] = []
    append = out.append
    for m in _token_re().finditer(chunk):
        kind = m.lastgroup or "punct"
        s, e = m.span()
        surface = m.group()
        if kind == "word":
            if "-" in surface or "‐" in surface or "‑" in surface:
                inv = _INVERTED_RE.match(surface)
                if inv and inv["verb"][-1] in _VERB_FINAL and (
                    normalize(surface) not in _NOT_INVERTED
                ):
                    v_end = s + len(inv["verb"])
                    verb = inv["verb"]
                    vnorm = normalize(verb)
                    append((verb, s, v_end, vnorm, lemmatize(vnorm), "word"))
                    pron = inv["pron"]
                    pnorm = normalize(pron).lstrip("-")
                    if pnorm.startswith("t-"):
                        pnorm = pnorm[2:]
                    append((pron, v_end, e, pnorm, lemmatize(pnorm), "word"))
                    continue
        elif kind in ("lex", "initials", "abbr"):
            kind = "word"
        elif kind in ("ellipsis", "multi"):
            kind = "punct"
        if s == 0 and e == len(chunk):
            surface = chunk  # the cache key itself: one string, not two equal ones
        norm = normalize(surface)
        if norm == surface:
            norm = surface
        lemma = lemmatize(norm) if kind in ("word", "elision") else norm
        append((surface, s, e, norm, lemma, kind))
    return tuple(out)


_CHUNKS = BoundedCache(_tokenize_chunk, CHUNK_CACHE_SIZE)

try:  # compiled at install time when a C compiler was there (hatch_build.py)
    from ._speedups import capitalized as _compiled_capitalized
    from ._speedups import front_coded as _compiled_front_coded
    from ._speedups import select as _compiled_select
    from ._speedups import tokenize as _compiled_tokenize
except ImportError:  # pragma: no cover - depends on the install
    _compiled_tokenize = None  # type: ignore[assignment]
    _compiled_front_coded = None  # type: ignore[assignment]
    _compiled_select = None  # type: ignore[assignment]
    _compiled_capitalized = None  # type: ignore[assignment]

#: Whether framing's per-token loops run in compiled code (``framing._speedups``: the
#: tokenizer's loop, the token filters below, the duplicate fingerprint's word scan,
#: the CSV rows, the decoding of simplemma's French table) or in pure Python; the
#: results are the same, the compiled loops faster (the tokenizer's about 3x;
#: ``benchmarks/PROFILE.md``).
SPEEDUPS: bool = _compiled_tokenize is not None


def tokenize(text: str) -> list[Token]:
    """Cut ``text`` into tokens (see the module docstring for the rules).

    The text is cut into whitespace-free chunks, and each distinct chunk is
    tokenized once by the regular expression and cached; the result is the same as
    scanning the whole text with the expression, only faster on real text. The loop
    over the chunks runs in C when framing's optional extension was compiled at
    install time (``SPEEDUPS``), in Python otherwise: the tokens are the same. Two
    passes over the tokens then read what a chunk cannot see, the next token:
    :data:`WORD_ABBREVIATIONS` before a number, and initials (``V. Poutine``)."""
    if _compiled_tokenize is not None:
        toks: list[Token] = _compiled_tokenize(text, _CHUNKS, Token)
    else:
        toks = _tokenize_python(text)
    return _initials(_word_abbreviations(toks))


def _word_abbreviations(toks: list[Token]) -> list[Token]:
    """A :data:`WORD_ABBREVIATIONS` token not followed by a number becomes its word
    and a full stop (what the expression gives without the abbreviation list)."""
    found = select_indices(toks, NORM, WORD_ABBREVIATIONS)
    n = len(toks)
    changes = []
    for i in found:
        if not (i + 1 < n and toks[i + 1].text[:1].isdigit()):
            t = toks[i]
            norm = t.norm[:-1]
            changes.append((i, i + 1, (
                Token(t.text[:-1], t.start, t.end - 1, norm, lemmatize(norm), "word"),
                Token(".", t.end - 1, t.end, ".", ".", "punct"))))
    return _splice(toks, changes)


def _splice(
    toks: list[Token], changes: Sequence[tuple[int, int, tuple[Token, ...]]]
) -> list[Token]:
    """``toks`` with each ``toks[i:j]`` of ``changes`` (in order, disjoint) replaced."""
    if not changes:
        return toks
    out: list[Token] = []
    prev = 0
    for i, j, new in changes:
        out += toks[prev:i]
        out += new
        prev = j
    out += toks[prev:]
    return out


#: Capital letters, the candidates for an initial (``V. Poutine``): found by their
#: text, so that the frequent ``a`` and ``à`` are not candidates.
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ")
_TEXT = Token._fields.index("text")


def _initials(toks: list[Token]) -> list[Token]:
    """One capital letter right before a full stop, then a capitalised word that is
    not a function word (``V. Poutine``, ``J. Biden``, not ``le plan B. Il``): one
    token, the initial, so that no sentence ends there."""
    n = len(toks)
    found = [i for i in select_indices(toks, _TEXT, _CAPITALS)
             if i + 2 < n and toks[i + 1].text == "."
             and toks[i + 1].start == toks[i].end and toks[i].kind == "word"
             and toks[i + 2].text[:1].isupper() and toks[i + 2].text[1:2].islower()
             and toks[i + 2].norm not in stopwords()]
    changes = []
    for i in found:
        t = toks[i]
        norm = normalize(t.text + ".")
        changes.append((i, i + 2, (Token(t.text + ".", t.start, t.end + 1, norm, norm, "word"),)))
    return _splice(toks, changes)


def _tokenize_python(text: str) -> list[Token]:
    """:func:`tokenize`'s loop in pure Python (the reference for the C one)."""
    out: list[Token] = []
    append = out.append
    cache = _CHUNKS
    new = tuple.__new__
    for m in _CHUNK_RE.finditer(text):
        parts = cache[m.group()]
        base = m.start()
        if base:
            for surface, s, e, norm, lemma, kind in parts:
                append(new(Token, (surface, s + base, e + base, norm, lemma, kind)))
        else:
            for p in parts:
                append(new(Token, p))
    return out


#: Positions of a :class:`Token`'s normalised form and kind, for :func:`select_indices`
#: and :func:`select_values`.
NORM = Token._fields.index("norm")
KIND = Token._fields.index("kind")


def select_indices(toks: Sequence[Token], field: int, members: Container[object]) -> list[int]:
    """The indices of the tokens whose item ``field`` (``NORM``, ``KIND``) is in
    ``members``: the first pass of most rules, which then look at those few tokens
    only. Runs in compiled code when ``SPEEDUPS``; the same as
    ``[i for i, t in enumerate(toks) if t[field] in members]``."""
    if _compiled_select is not None:
        return _compiled_select(toks, field, members)  # type: ignore[return-value]
    return [i for i, t in enumerate(toks) if t[field] in members]


def select_values(
    toks: Sequence[Token], field: int, members: Container[object], value: int
) -> list[str]:
    """Item ``value`` of the tokens whose item ``field`` is in ``members`` (the forms
    of the word tokens: ``select_values(toks, KIND, {"word"}, NORM)``); compiled as
    :func:`select_indices`."""
    if _compiled_select is not None:
        return _compiled_select(toks, field, members, value)  # type: ignore[return-value]
    return [t[value] for t in toks if t[field] in members]


def capitalized(toks: Sequence[Token]) -> list[int]:
    """The indices of the word tokens that start with a capital letter (names, and
    words that open a sentence); compiled as :func:`select_indices`."""
    if _compiled_capitalized is not None:
        return _compiled_capitalized(toks)
    return [i for i, t in enumerate(toks) if t.kind == "word" and t.text[:1].isupper()]


_PUNCT = frozenset({"punct"})


def _starts_sentence(tok: Token) -> bool:
    c = tok.text[0]
    return c.isupper() or c.isdigit() or tok.text in OPENING_QUOTES or tok.text in DASHES or (
        tok.text == '"'
    )


def _continues_sentence(tok: Token) -> bool:
    c = tok.text[0]
    return c.islower() or tok.text in {",", ";", ":", ")"}


def _quote_opens(text: str, tok: Token) -> bool | None:
    """True for an opening quote mark, False for a closing one, None if not a quote."""
    if tok.text in OPENING_QUOTES:
        return True
    if tok.text in CLOSING_QUOTES:
        return False
    if tok.text == '"':
        before = text[tok.start - 1] if tok.start > 0 else " "
        after = text[tok.end] if tok.end < len(text) else " "
        if before.isspace() or before in "([«“—-'’ʼ":  # also after an elision: d'"…"
            return True
        if after.isspace() or after in ".,;:!?)]»”…":
            return False
        return not before.isalnum()
    return None


#: The line breaks ``str.splitlines`` knows besides ``\n`` (text given to the API is
#: not normalised as the corpus readers normalise files); ``\r\n`` counts as one.
_OTHER_LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK_RE = re.compile("\r\n|[\n" + _OTHER_LINE_BREAKS + "]")


def line_breaks(text: str) -> list[int]:
    """The offsets of the line breaks of ``text`` (``\r\n`` once, at its ``\r``). Text
    with ``\n`` alone (every corpus file, once read) is scanned for it alone, which
    is several times faster than a search for every kind."""
    if not any(c in text for c in _OTHER_LINE_BREAKS):
        out = []
        p = text.find("\n")
        while p >= 0:
            out.append(p)
            p = text.find("\n", p + 1)
        return out
    return [m.start() for m in _LINE_BREAK_RE.finditer(text)]


def _breaks_after(text: str, toks: list[Token] | tuple[Token, ...]) -> set[int]:
    """Indices of the tokens followed by a line break (tokens never contain one)."""
    out: set[int] = set()
    n = len(toks)
    j = 0
    for p in line_breaks(text):
        j = bisect_left(toks, p, lo=j, key=_START)  # the first token after the line break
        if j >= n:
            break
        if j:
            out.add(j - 1)
    return out


#: The end of dotted initials (``J.-C.``, ``R.P.C.``, ``É.-U.``) right before a space:
#: found in the text (one scan in C) rather than token by token.
_DOTTED_END_RE = re.compile(r"\.-?\w\.(?=\s)")


def _initials_ending_sentences(text: str, toks: list[Token] | tuple[Token, ...]) -> list[int]:
    """Indices of dotted initials followed by a capitalised function word that is not
    part of a name: the initials end a sentence (``vers 300 av. J.-C. Les fouilles``),
    which a capitalised name after them does not show (``J.-C. Juncker``, ``la R.P.C.
    Pékin``, ``J.-Y. Le Drian``, where a capital follows the function word, stay one)."""
    out = []
    n = len(toks)
    for m in _DOTTED_END_RE.finditer(text):
        i = bisect_left(toks, m.end(), key=_END)
        if i + 1 < n and toks[i].end == m.end() and toks[i].kind == "word":
            nxt = toks[i + 1]
            if (nxt.text[:1].isupper() and nxt.norm in stopwords()
                    and not (i + 2 < n and toks[i + 2].text[:1].isupper())):
                out.append(i)
    return out


def sentences(text: str, toks: list[Token] | tuple[Token, ...] | None = None) -> list[Sentence]:
    """Split ``text`` into sentences (see the module docstring for the rules).

    Only punctuation, sentence-final abbreviations and tokens before a line break can
    end a sentence or open a quotation: the rules run on those tokens alone."""
    if toks is None:
        toks = tokenize(text)
    n = len(toks)
    out: list[Sentence] = []
    first = 0
    stack: list[int] = []  # token indices of the open quote marks
    nl_after = _breaks_after(text, toks)
    final_abbr = SENTENCE_FINAL_ABBREVIATIONS
    months = [i for i in select_indices(toks, NORM, MONTH_ABBREVIATIONS)
              if i and toks[i - 1].kind == "number"]  # "le 5 nov."
    marks = sorted(nl_after.union(select_indices(toks, KIND, _PUNCT),
                                  select_indices(toks, NORM, final_abbr), months))
    initials = _initials_ending_sentences(text, toks)
    if initials:
        marks = sorted(set(marks).union(initials))
    abbr_ends = frozenset(months + initials)
    resume = 0  # tokens before this were absorbed after a terminator
    for i in marks:
        if i < resume:
            continue
        tok = toks[i]
        opens = _quote_opens(text, tok) if tok.kind == "punct" else None
        if opens is True:
            stack.append(i)
        elif opens is False and stack:
            stack.pop()
        brk = False
        j = i + 1
        if j < n and i in nl_after:
            brk = True
        elif (tok.kind == "punct" and tok.text in TERMINATORS) or (
            tok.text.lower() in final_abbr or i in abbr_ends
        ):
            # absorb closing quotes/brackets right after the terminator
            while j < n and toks[j].text in CLOSERS and (j - 1) not in nl_after:
                op = _quote_opens(text, toks[j])
                if op is True:
                    break
                if op is False and stack:
                    stack.pop()
                j += 1
            i = j - 1
            if j >= n:
                brk = False  # the final sentence is closed after the loop
            elif (j - 1) in nl_after:
                brk = True
            elif _continues_sentence(toks[j]):
                brk = False
            elif i in abbr_ends and not toks[j].text[:1].isupper():
                brk = False  # "le 5 nov. 2024": a month ends a sentence before a capital only
            elif _starts_sentence(toks[j]):
                brk = not (stack and _short_quote_continues(text, toks, stack[-1], j))
        if brk:
            last = i + 1
            out.append(Sentence(len(out), toks[first].start, toks[i].end, first, last))
            first = last
            if i in nl_after:
                stack.clear()  # quotes never run across paragraphs unclosed
        resume = i + 1
    if first < n:
        out.append(Sentence(len(out), toks[first].start, toks[n - 1].end, first, n))
    return out


def _short_quote_continues(
    text: str, toks: list[Token] | tuple[Token, ...], opened: int, j: int
) -> bool:
    """Inside the quotation opened at token ``opened``, at token ``j``: is the whole
    quotation short (closes within SHORT_QUOTE_TOKENS tokens of its opening) and is
    it followed by lower-case text or a comma (same sentence)?"""
    n = len(toks)
    for k in range(j, min(n, opened + SHORT_QUOTE_TOKENS + 2)):
        if "\n" in text[toks[k - 1].end : toks[k].start]:
            return False
        if _quote_opens(text, toks[k]) is False:
            return k + 1 < n and _continues_sentence(toks[k + 1])
    return False


def tokens(text: str) -> Tokens:
    """Tokenize and sentence-split ``text`` in one go."""
    toks = tokenize(text)
    return Tokens(text, tuple(toks), tuple(sentences(text, toks)))
