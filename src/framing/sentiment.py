"""Valence scoring of French news: VADER's rules (Hutto & Gilbert 2014) adapted to French.

Each sentence gets a score in ``[-1, 1]``, a label and the words behind it; a document
gets the weighted mean of its sentences; a voice (narrator, quote …) and an actor group
get the scores of their own words and sentences.

    >>> from framing.sentiment import score_text
    >>> score_text("Ce n'est pas un bon accord.").label
    'negative'

The lexicon
-----------
``lexicons/sentiment_fr.tsv`` (written by the framing developers, CC BY 4.0; merged from
``lexicons/sentiment_parts/`` by ``scripts/merge_sentiment_parts.py``) maps a term to
an integer valence on VADER's scale ``-4 … +4``; ``0`` marks an explicitly neutral
domain word (``gouvernement``, ``taux de chômage``) that matches — and so blocks the
shorter matches inside it — but contributes nothing. Other lexicons are imported so that
researchers can compare them on the same corpus (:func:`load_sentiment_lexicon`,
:func:`compare_sentiment`); each is converted to the common scale:

* ``framing`` — ``term<TAB>valence<TAB>pos<TAB>note`` with ``#`` comments: as written.
* ``vader`` — ``word<TAB>score[<TAB>sd<TAB>ratings]``: as written (floats, -4…4).
* ``textblob`` — textblob-fr / pattern XML ``<word form=… polarity=…/>``: ``polarity ×
  TEXTBLOB_SCALE`` (-1…1 stretched linearly onto -4…4); the senses of one form are
  averaged, as pattern does.
* ``feel`` — FEEL CSV ``id;word;polarity;joy;fear;…``: ``positive`` → ``+BINARY_VALENCE``,
  ``negative`` → ``-BINARY_VALENCE`` (the emotion columns are not used).
* ``wordstat`` — WordStat ``.cat`` (LSDfr): ``POSITIVE`` → ``+BINARY_VALENCE``,
  ``NEGATIVE`` → ``-BINARY_VALENCE``, ``NEG_POSITIVE`` (negated positive phrases such as
  ``pas bon*``) → ``BINARY_VALENCE × N_SCALAR`` and ``NEG_NEGATIVE`` → the opposite, i.e.
  what framing's own negation rule gives such a phrase; other categories are ignored;
  ``*`` globs match normalised forms by prefix, `` (1)`` weights are dropped.

Duplicates are errors in the curated formats (``framing``, ``vader``); in the imported
third-party formats the values of a repeated form are averaged (pattern's rule for the
senses of a word; a form listed both positive and negative averages to 0).

Matching (leftmost-longest, no token counted twice)
---------------------------------------------------
* **Multiword expressions** are tokenized with framing's tokenizer and matched on lemma
  sequences (a token also matches an element by its normalised form, or by its form
  without a plural ``-s``/``-x``: ``mains tendues`` matches ``main tendue`` although
  simplemma lemmatises ``tendues`` as *tendre*). They are indexed by their first lemma
  and second element — or, when they begin with function words (``dans l'impasse``,
  ``à bout de souffle``), by their first content word — and win over the single words
  inside them; at equal start the longest wins. An -er infinitive in an expression
  also matches the verb's present and past-participle forms that the lemmatiser reads
  as another word (:func:`_verb_form_variants`, when the index is built): ``lâcher du
  lest`` matches *Lavrov lâche du lest* (not the adjective *lâche*) and *a lâché du
  lest*, ``hausser le ton`` *Moscou hausse le ton*, ``semer la discorde`` *sème la
  discorde*. Such a form right after a determiner is the noun (*de la pointe du doigt*,
  *la tournée court jusqu'au …*: :func:`_nominal_position`; after an object pronoun,
  *Washington les pointe du doigt*, the verb), and a participle needs an auxiliary
  (*a tourné court*, not *Tournée courte pour Xi*); a present form without a
  determiner (a headline) still reads as the verb. An expression written with *son*,
  *sa*, *ses* takes every person's possessive (``retourner sa veste``: *ils ont
  retourné leur veste*).
* **Single words** are looked up by normalised form first (entries that are not their
  own lemma, with their regular plural/feminine forms), then by lemma, then by the
  lemma among the forms, then — imported lexicons only — by ``*`` globs (longest prefix).
* **The lemma rule** (``lemma:x`` notes). simplemma maps some entries to another word
  (``avancée`` → *avancer*, ``résilient`` → *résilier*). Such an entry always matches by
  its surface forms. It also lends its valence to the lemma key ``x`` only when ``x`` is
  very likely the *same* word (:func:`lemma_key_allowed`): ``x`` is not an entry itself;
  the note flags no other sense (``also``, ``neutral``, ``itself``, ``homograph``,
  ``simplemma error``); and the entry is either a plural-only noun whose singular is
  ``x`` (``représailles`` → *représaille*) or the regular past participle of an
  *-er*/*-ir* verb ``x`` (``menacé`` → *menacer*, ``guéri`` → *guérir*). Nouns derived
  from verbs (``avancée``, ``découverte``) are different words, and irregular
  participles are often lexicalised with another sense (``tendu``, ``abattu``,
  ``résolu``), so neither lends its valence to the verb. See ``lemma_keys``.
* **Verb homographs**: a single-word noun or adjective entry — or an adjective's
  feminine — that is also the present tense of an -er verb listed with another valence
  (``estime`` +2 / *estimer* 0, ``lâche`` -2 / *lâcher* 0, ``sombre`` / *sombrer*,
  ``contente`` (``content`` +2) / *contenter* 0) scores as the verb's entry in a clear
  verb position only (:func:`_verb_position`): after a subject, object or reflexive
  clitic, ``ne`` or ``qui`` (``VERB_CONTEXT``: *il estime*, *il l'estime*, *Moscou se
  contente de promesses*), before an inverted pronoun or ``que`` (*estime-t-il*,
  *estime que*), or as the verb of an incise after a quotation or a comma, before its
  subject (*« La situation est grave », estime le ministre*: ``estime`` scores 0).
  Anywhere else it is the noun or adjective (*l'estime de ses pairs*, *un violent
  incendie*, *une attaque lâche*, *une Chine contente*). The cost: a verb right after a
  noun subject, not before ``que``, keeps the noun reading (*Pékin estime la situation
  grave* counts ``estime`` +2). A capitalised word before the form is no sign of the
  verb: a name takes an adjective too (*une Chine contente*, *une Europe lâche*), and
  every sentence and headline begins with a capital (*Vive estime pour le médiateur*).
* **Operators never score**: degree adverbs, contrast and concession markers, negation
  cues (``ne``, ``pas``, ``aucun`` …) and the function phrases ``sans doute``, ``bien
  sûr``, ``pas mal de`` are skipped even if a lexicon lists them.

Rules (applied in this order to each matched word; the constants cite their source)
------------------------------------------------------------------------------------
1. **Intensifiers / diminishers** (``BOOSTERS``, ``DIMINISHERS``) within
   ``BOOSTER_WINDOW`` tokens before the word, in its clause: ``±B_INCR`` in the
   direction of the word's valence, decayed by ``BOOSTER_DECAY`` with distance (VADER).
   The ambiguous ``si`` (*if*), ``trop``, ``assez`` and ``plutôt`` count only right
   before the word (``ADJACENT_ONLY``).
2. **peu** right before the word (``peu convaincant``) or before ``de`` + word (``peu de
   progrès``) makes French antonyms — *peu probable* means *improbable* — so it acts as
   a negation (``N_SCALAR``) rather than as the diminisher a word-for-word port of
   VADER's "little" would make it; ``un peu`` and ``quelque peu`` are diminishers.
   **moins** in the same places (``moins stable``, ``de moins en moins stable``,
   ``moins de violence``) reverses the word as ``peu`` does; ``au moins``, ``à
   moins``, ``du moins``, ``plus ou moins``, ``pas moins``, ``non moins`` do not.
3. **Negation** by :func:`framing.negation.find_negation` — the same cues and scope as
   the frame matcher, plus its post-verbal rule (the match is the finite verb between
   ``ne`` and the cue: *Pékin ne menace nullement ses voisins*): the valence is
   multiplied by ``N_SCALAR`` (flipped, dampened); a negated negative word is a litotes
   (``ce n'est pas mal`` → mildly positive). A cue negates one predicate, its *focus*:
   the first content word of its scope (any word but stopwords, cues, degree words,
   ``LIGHT_VERBS`` — *n'a pas été*, *ne peut pas être* — and a verb of belief or
   saying, ``NEG_RAISING``, which passes the negation on: *personne ne croit à la
   victoire*), whether or not it has an entry. Words after the focus keep their own
   valence (rule ``beyond_negation:<cue>``): the object of a negated verb (*Pékin n'a
   pas condamné l'invasion*: the invasion is still one; *il ne faut pas oublier la
   guerre*: the focus is *oublier*), the noun after a negated adjective (*ce n'est pas
   un bon accord*: ``bon`` only, so the negation counts once), a complement after a
   preposition (*n'est pas un contrepoids à l'hégémonie américaine*). The negation is
   shared (:func:`_shares_negation`) by an adjective right after the focus noun (*pas
   un accord satisfaisant*, *pas un projet satisfaisant*), by what the noun holds after
   ``de`` (*aucun cas de choléra*), by items coordinated with ``et``/``ou``/``ni`` (*pas
   de violences et de pillages*), and by an infinitive after ``à``/``de`` that
   continues the predicate (*n'a pas permis d'enrayer*). Parts of speech come from the
   lexicon (a word without an entry is taken for a noun). Known limit: the object of a
   negated positive verb keeps its valence too (*nul ne peut garantir la paix* counts
   ``paix`` +3).
4. **Contrast**: with ``mais``/``cependant``/``pourtant``/``toutefois``/``néanmoins``,
   words before the *last* marker of the sentence weigh ``CONTRAST_BEFORE``, after it
   ``CONTRAST_AFTER``; ``mais aussi/encore/également/surtout`` adds, it does not oppose.
   **Concession**: the clause opened by ``malgré``, ``en dépit de``, ``bien que``,
   ``même si``, ``quoique`` (up to the next ``, ; : ( ) — –`` or contrast marker)
   weighs ``CONCESSIVE_WEIGHT``.
5. **Exclamation marks** in the sentence add ``EXCLAMATION_INCR`` each (at most
   ``EXCLAMATION_MAX``) to its sum, in the direction of its sign. (VADER's question-mark
   and ALL-CAPS rules are not used: news prose uses neither for emphasis.)

Scores
------
A sentence's score is ``x / sqrt(x² + NORMALIZATION_ALPHA)`` of the sum ``x`` of its
words' contributions plus emphasis. A document's score is the mean of its sentence
scores weighted by each sentence's number of sentiment words (positive + negative
contributions): a convex combination, so it stays in ``[-1, 1]`` and does not drift to
±1 as a document grows, as VADER's compound over a whole document would. Labels use
``POSITIVE_THRESHOLD`` / ``NEGATIVE_THRESHOLD``. ``n_positive``/``n_negative`` count the
words whose contribution is positive/negative after the rules; ``words`` lists them
with their rules (``explain()`` renders them; ``keep_neutral=True`` adds the neutral
matches). With ``voice_of`` (character offset → voice), each word takes the voice of
its first character and ``by_voice`` gives each voice's hit-weighted mean score.
:func:`actor_sentiment` averages the scores of the sentences that mention each actor
group; :func:`mentions_by_sentence` builds its input from ``framing.quotes``.

Speed
-----
The hot path is dict and set lookups: a per-form gate (cached) and ``map``/``compress``
passes pick the few tokens that can matter, and only those enter the Python loop.
``benchmarks/bench_sentiment.py`` measures scoring against tokenization on ~1M words.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import stat
import threading
import xml.parsers.expat
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import compress, product
from operator import attrgetter, itemgetter
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from . import negation as _negation
from ._paths import lexicon_dir, resources_path
from .bounded import BoundedCache
from .errors import LexiconError
from .lexicon import _decode_dictionary, glob_regex
from .negation import (
    AUXILIARIES,
    CLAUSE_BOUNDARIES,
    NEG_RAISING,
    NEGATION_WINDOW,
    QUOTE_MARKS,
    cue_index,
    find_negation,
)
from .tokenizer import FORM_CACHE_SIZE, Token, Tokens, lemmatize, normalize, stopwords, tokenize
from .tokenizer import tokens as _tokenize_text

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ADDITIVE_AFTER_MAIS",
    "ADJACENT_ONLY",
    "BINARY_VALENCE",
    "BOOSTERS",
    "BOOSTER_DECAY",
    "BOOSTER_WINDOW",
    "B_DECR",
    "B_INCR",
    "CONCESSIVE_END",
    "CONCESSIVE_WEIGHT",
    "CONTRAST_AFTER",
    "CONTRAST_BEFORE",
    "CONTRAST_MARKERS",
    "DIMINISHERS",
    "EXCLAMATION_INCR",
    "EXCLAMATION_MAX",
    "FUNCTION_PHRASES",
    "LIGHT_VERBS",
    "NEGATION_WORDS",
    "NEGATIVE_THRESHOLD",
    "NORMALIZATION_ALPHA",
    "N_SCALAR",
    "POSITIVE_THRESHOLD",
    "TEXTBLOB_SCALE",
    "VALENCE_MAX",
    "VERB_CONTEXT",
    "WORDSTAT_CATEGORIES",
    "DocumentSentiment",
    "SentenceSentiment",
    "SentimentLexicon",
    "WordScore",
    "actor_sentiment",
    "compare_sentiment",
    "lemma_key_allowed",
    "load_sentiment_lexicon",
    "mentions_by_sentence",
    "normalize_score",
    "score_text",
    "score_tokens",
    "sentiment_label",
]

# --------------------------------------------------------------------------- constants

#: Valence scale of every lexicon once loaded: -VALENCE_MAX … +VALENCE_MAX (VADER's
#: -4 "extremely negative" … +4 "extremely positive", Hutto & Gilbert 2014, §3.1).
VALENCE_MAX = 4.0

#: Booster increment: VADER's empirically derived mean rise in rated intensity that a
#: degree adverb adds (B_INCR = 0.293, vaderSentiment.py). Used unchanged: French
#: "très bon" / "extrêmement grave" behave like "very good" / "extremely serious".
B_INCR = 0.293
#: Diminisher decrement: VADER's B_DECR (-0.293), unchanged.
B_DECR = -0.293
#: VADER decays a booster by its distance to the word: 1 token back ×1, 2 back ×0.95,
#: 3 back ×0.9 (vaderSentiment.py, ``sentiment_valence``). Unchanged.
BOOSTER_DECAY = (1.0, 0.95, 0.9)
#: How many tokens back a booster may stand (VADER: 3 words), never across a clause
#: boundary (framing.negation.CLAUSE_BOUNDARIES) nor across a quotation mark
#: (framing.negation.QUOTE_MARKS: a degree word does not reach into a quotation).
BOOSTER_WINDOW = len(BOOSTER_DECAY)

#: Negation scalar: VADER's N_SCALAR (-0.74): a negated word flips and keeps 74 % of its
#: intensity. Unchanged; it also makes "pas mal" (litotes, -2 → +1.48) mildly positive.
N_SCALAR = -0.74

#: Contrastive conjunction weights: VADER's "but" rule (×0.5 before, ×1.5 after),
#: unchanged. Deviation: VADER uses the *first* "but"; we use the *last* marker of
#: the sentence, because French news stacks them ("Pourtant, X, mais Y") and the last
#: clause carries the writer's conclusion.
CONTRAST_BEFORE = 0.5
CONTRAST_AFTER = 1.5
#: Weight of a concessive clause (malgré X, bien que X, même si X): VADER's
#: before-"but" weight, since "malgré X, Y" says what "X, mais Y" says. The main
#: clause keeps weight 1 (it is the unmarked assertion; no extra boost, unlike "mais",
#: whose marker explicitly foregrounds what follows).
CONCESSIVE_WEIGHT = 0.5

#: Exclamation emphasis: VADER's empirically derived 0.292 per "!", added to the sum in
#: the direction of its sign. Deviation: VADER's code caps at 4 marks; we cap at 3 so
#: that punctuation alone (0.876) never outweighs one slightly valenced word (1.0).
EXCLAMATION_INCR = 0.292
EXCLAMATION_MAX = 3

#: Normalisation x / sqrt(x² + alpha): VADER's alpha = 15 (the approximate maximum
#: expected sum), unchanged: our lexicon uses VADER's scale and similar densities.
NORMALIZATION_ALPHA = 15.0

#: Label thresholds on a score in [-1, 1]: VADER's ±0.05 on the compound, i.e. a sum
#: of contributions of at least 0.194. Kept because on our (VADER's) scale one slightly
#: valenced word scores 0.25, and 0.19 even when negated, so a sentence with a single
#: uncancelled sentiment word gets a polar label; what falls below is a near-exact
#: cancellation of positive and negative words, or one mild word both attenuated and
#: backgrounded (negated inside a concessive clause before "mais": 1 × 0.74 × 0.25) —
#: fairly called neutral. A higher threshold would silence the mild, negated
#: evaluations that news prose is made of.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05

#: Valence given to the words of a binary lexicon (FEEL, LSDfr): ±2, VADER's
#: "moderately" point and the median |valence| of sentiment_fr's non-neutral entries.
BINARY_VALENCE = 2.0
#: textblob-fr polarity is in [-1, 1]; it is stretched linearly onto [-4, 4].
TEXTBLOB_SCALE = VALENCE_MAX

#: Degree adverbs that intensify the next word (French equivalents of VADER's boosters).
BOOSTERS: Mapping[str, float] = MappingProxyType(
    dict.fromkeys(
        ("très", "extrêmement", "vivement", "profondément", "particulièrement",
         "fortement", "totalement", "vraiment", "si", "tellement", "trop",
         "absolument", "complètement", "hautement", "terriblement", "énormément",
         "incroyablement", "extraordinairement", "entièrement", "tout-à-fait"),
        B_INCR,
    )
)
#: Degree adverbs that attenuate; "un peu" and "quelque peu" are read at their "peu".
DIMINISHERS: Mapping[str, float] = MappingProxyType(
    dict.fromkeys(
        ("légèrement", "assez", "plutôt", "relativement", "moyennement", "modérément",
         "partiellement", "quasiment", "presque", "faiblement"),
        B_DECR,
    )
)
#: Modifiers so ambiguous that they count only right before the word: si (*if*),
#: trop (*trop de* …), assez (*assez de* = enough), plutôt (*plutôt que* = rather than).
ADJACENT_ONLY = frozenset({"si", "trop", "assez", "plutôt"})
#: Contrastive markers (VADER's "but").
CONTRAST_MARKERS = frozenset({"mais", "cependant", "pourtant", "toutefois", "néanmoins"})
#: "mais aussi / encore / également" adds, it does not oppose (non seulement … mais aussi).
ADDITIVE_AFTER_MAIS = frozenset({"aussi", "encore", "également", "surtout"})
#: Tokens that close a concessive clause.
CONCESSIVE_END = frozenset({",", ";", ":", "(", ")", "—", "–"}) | CONTRAST_MARKERS
#: Negation cue words (framing.negation's cues); they are operators, never scored.
NEGATION_WORDS = frozenset(
    {"ne", "n'", "pas", "jamais", "guère", "nullement", "aucunement", "aucun", "aucune",
     "aucuns", "aucunes", "sans", "ni"}
)
#: Grammatical phrases that contain a lexicon word but carry no sentiment: probably,
#: of course, quite a lot of.
FUNCTION_PHRASES: tuple[tuple[str, ...], ...] = (
    ("sans", "doute"), ("bien", "sûr"), ("pas", "mal", "de"), ("pas", "mal", "d'"),
)

#: Auxiliaries, copulas and modals (lemmas): between a cue and a word they carry no
#: predicate of their own, so they are never the negation's focus ("n'a pas été
#: condamné", "ne peut pas être une victoire").
LIGHT_VERBS = frozenset(
    {"être", "avoir", "pouvoir", "devoir", "vouloir", "savoir", "faire", "aller",
     "sembler", "paraître", "devenir", "rester", "demeurer", "falloir"}
)
#: Words after which a noun or adjective entry that is also a form of an -er verb
#: (``estime``/*estimer*, ``lâche``/*lâcher*, ``contente``/*contenter*) is the verb: a
#: subject, object or reflexive clitic, ``ne``, a relative ``qui`` ("il estime", "ne
#: lâche rien", "qui estime", "se contente de"). See :func:`_verb_position` for the
#: other verb positions.
VERB_CONTEXT = frozenset(
    {"il", "elle", "ils", "elles", "on", "je", "j'", "tu", "nous", "vous", "qui", "ne",
     "n'", "se", "s'", "me", "m'", "te", "t'"}
)
#: Before ``le``/``la``/``les``/``l'``, these make it an object pronoun ("il l'estime").
_OBJECT_PRONOUN_AFTER = frozenset(
    {"il", "elle", "ils", "elles", "on", "je", "j'", "tu", "nous", "vous", "ne", "n'", "qui"}
)
#: The adverbial pronouns: after a clitic of VERB_CONTEXT they stand before the verb
#: too ("il s'en contente", "il n'en estime pas le coût"); after anything else ``en``
#: is the preposition ("tenu en estime").
_ADVERBIAL_PRONOUNS = frozenset({"en", "y"})
#: After an incise's verb, the start of its subject ("», estime le ministre").
_SUBJECT_DETERMINERS = frozenset({"le", "la", "les", "l'", "un", "une", "son", "sa", "ses"})
_CLOSING_MARKS = frozenset({"»", "”", '"', "›"})

_PEU = "peu"
_PEU_DIMINISHED_AFTER = frozenset({"un", "quelque"})
_MOINS = "moins"
#: "moins" after these is no reversal: au moins (at least), à moins (unless), du moins,
#: plus ou moins (more or less), pas moins / non moins (no less).
_MOINS_NOT_AFTER = frozenset({"au", "à", "du", "ou", "pas", "non"})
#: Words that reverse the word after them (or after de + it): peu probable, moins stable.
_REVERSALS = frozenset({_PEU, _MOINS})
_DE = frozenset({"de", "d'"})
_OPERATORS = (
    frozenset(BOOSTERS) | frozenset(DIMINISHERS) | CONTRAST_MARKERS | NEGATION_WORDS
    | _REVERSALS | {"malgré", "quoique", "quoiqu'"}
)
_FUNCTION_FIRST: Mapping[str, tuple[tuple[str, ...], ...]] = MappingProxyType(
    {w: tuple(p for p in FUNCTION_PHRASES if p[0] == w) for w in {p[0] for p in FUNCTION_PHRASES}}
)
_WORD_KINDS = frozenset({"word", "elision"})
_DEGREE: dict[str, float] = {**BOOSTERS, **DIMINISHERS}
_MODIFIER_WORDS = frozenset(_DEGREE) | _REVERSALS
#: Every word framing.negation can return as a cue (a superset is enough: it only lets
#: the scorer skip find_negation in sentences that contain none of them). Taken from
#: negation's public CUE_WORDS when it has one; tests check it covers every cue.
_CUE_WORDS: frozenset[str] = frozenset(
    getattr(_negation, "CUE_WORDS", None)
    or NEGATION_WORDS | {"plus", "rien", "point", "personne", "loin", "nul", "non", "sauf"}
)
_PHRASE_FIRST = frozenset(_FUNCTION_FIRST) | {"malgré", "quoique", "quoiqu'", "bien", "même", "en"}
_PHRASE_ALONE = frozenset({"malgré", "quoique", "quoiqu'"})  # one-word concessive cues
#: first word → the words that may follow it in a function phrase or concessive cue
#: (a pre-check before _function_phrase / _concessive_cue)
_PHRASE_NEXT: Mapping[str, frozenset[str]] = MappingProxyType({
    w: frozenset(p[1] for p in FUNCTION_PHRASES if p[0] == w)
    | {"bien": {"que", "qu'"}, "même": {"si", "s'"}, "en": {"dépit"}}.get(w, set())
    for w in _PHRASE_FIRST - _PHRASE_ALONE
})
#: Forms the scanner must look at whatever the lexicon: operators, phrase and cue words.
_SPECIAL = _PHRASE_FIRST | _OPERATORS | _CUE_WORDS

# ----------------------------------------------------------------------- data classes


@dataclass(frozen=True, slots=True)
class WordScore:
    """One matched lexicon entry in a sentence and what the rules made of it.

    ``text`` is the matched text as written, ``lemma`` the lexicon entry it matched (a
    lemma, a surface form such as ``menacé``, a multiword expression or a glob),
    ``valence`` the entry's value, ``contribution`` what it adds to the sentence sum
    after the rules listed in ``rules`` (e.g. ``booster:très``, ``negation:pas``,
    ``litotes``, ``beyond_negation:pas`` (in a cue's scope but not its focus, so not
    negated), ``contrast_after:mais``, ``concessive:malgré``, ``mwe``, ``neutral``).
    ``start``/``end`` are character offsets into the document text; ``voice`` is the
    voice of ``start`` when the caller gave a ``voice_of`` function.
    """

    text: str
    lemma: str
    start: int
    end: int
    valence: float
    contribution: float
    rules: tuple[str, ...]
    voice: str | None = None

    def explain(self) -> str:
        how = "; " + ", ".join(self.rules) if self.rules else ""
        return f"{self.text} ({self.valence:+g} → {self.contribution:+.3f}{how})"


@dataclass(frozen=True, slots=True)
class SentenceSentiment:
    """A sentence's score in [-1, 1], label, hit counts and the words behind them."""

    sent_id: int
    score: float
    label: str
    n_positive: int
    n_negative: int
    words: tuple[WordScore, ...]
    start: int = 0
    end: int = 0
    emphasis: float = 0.0

    @property
    def n_hits(self) -> int:
        """Sentiment-bearing words (positive + negative contributions)."""
        return self.n_positive + self.n_negative

    def explain(self) -> str:
        """One line: the score and the words that moved it."""
        moved = "; ".join(w.explain() for w in self.words if w.contribution) or "no sentiment word"
        extra = f"; emphasis {self.emphasis:+.3f}" if self.emphasis else ""
        return f"sentence {self.sent_id}: {self.score:+.3f} {self.label} ({moved}{extra})"


@dataclass(frozen=True)
class DocumentSentiment:
    """A document's score (hit-weighted mean of its sentence scores), label, counts,
    sentences, and per-voice scores (empty when no ``voice_of`` was given).

    ``by_voice`` holds, per voice, the hit-weighted mean of the sentence parts in that
    voice (each part normalised like a sentence); ``voice_sums`` the raw sums of the
    contributions in that voice, ``voice_hits`` its number of sentiment words.
    """

    score: float
    label: str
    n_positive: int
    n_negative: int
    sentences: tuple[SentenceSentiment, ...]
    by_voice: Mapping[str, float]
    voice_sums: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    voice_hits: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def explain(self) -> str:
        lines = [f"document: {self.score:+.3f} {self.label} "
                 f"({self.n_positive} positive, {self.n_negative} negative words)"]
        lines += [s.explain() for s in self.sentences if s.words]
        return "\n".join(lines)


# ---------------------------------------------------------------------- the lexicon

_EXACT, _PREFIX, _ANY, _REGEX = 0, 1, 2, 3
_Elem = tuple[int, str, str, "re.Pattern[str] | None"]  # kind, lemma/prefix, norm, regex


@dataclass(frozen=True, eq=False)
class _Mwe:
    term: str
    valence: float
    elems: tuple[_Elem, ...]
    #: The first element is a verb form written out for a noun's homograph
    #: (:func:`_verb_form_variants`: "pointe", "tournée"): "present" or "participle";
    #: no match after a determiner, and a participle only after an auxiliary.
    verb_first: str = ""


_Entry = tuple[str, float]  # (lexicon term, valence)


@dataclass
class _Index:
    """The compiled lexicon: every lookup on the hot path is one dict access."""

    surface: dict[str, _Entry]  # normalised form → entry (entries that are not lemmas)
    lemma: dict[str, _Entry]  # lemma → entry
    prefix: dict[str, float]  # glob prefix (``abandon*``) → valence
    regex: list[tuple[re.Pattern[str], str, float]]  # other globs
    mwe_first: dict[str, list[_Mwe]]  # first lemma → MWEs, longest first
    # (first lemma, second lemma) / (first lemma, second form) → MWEs: the hot path
    # only looks at MWEs whose first two elements match; MWEs whose second element is
    # a glob are in mwe_loose (first lemma → MWEs)
    mwe_pairs: dict[tuple[str, str], list[_Mwe]]
    mwe_loose: dict[str, list[_Mwe]]
    # MWEs that begin with function words ("dans l'impasse", "faire long feu") are
    # indexed by their first content element, the anchor: lemma or form → (offset of
    # the anchor, MWE), so that "le", "de", "à" … need not be candidates
    mwe_anchor: dict[str, list[tuple[int, _Mwe]]]
    mwe_prefix_first: dict[str, list[_Mwe]]
    mwe_other_first: list[_Mwe]
    lemma_keys_added: dict[str, str]
    # noun/adjective entries that are also a form of an -er verb with another valence:
    # form → the verb's entry; see _verb_position
    verb_homographs: dict[str, _Entry] = field(default_factory=dict)
    # per-form caches, bounded (``FORM_CACHE_SIZE``): glob matches per (form, lemma);
    # MWE candidates per (first lemma, next lemma, next form) and per (lemma, form)
    memo: BoundedCache[tuple[str, str], _Entry | None] = field(
        default_factory=lambda: BoundedCache(None, FORM_CACHE_SIZE))
    pair_memo: BoundedCache[tuple[str, str, str], list[_Mwe]] = field(
        default_factory=lambda: BoundedCache(None, FORM_CACHE_SIZE))
    anchor_memo: BoundedCache[tuple[str, str], list[tuple[int, _Mwe]]] = field(
        default_factory=lambda: BoundedCache(None, FORM_CACHE_SIZE))
    # candidate gates (see _candidates), [all entries, non-neutral entries only]:
    # forms and lemmas that make a token a candidate, and a per-form cache of the gate
    norm_keys: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    word_keys: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    # [all entries, non-neutral only]: form → (always, if-next, MWE gate), bounded
    gates: tuple[BoundedCache[str, tuple[bool, bool, int]], ...] = ()
    # (first lemma, second lemma or form, or that form + s/x): the candidate filter
    mwe_pair_keys: frozenset[tuple[str, str]] = frozenset()
    # [all, without inert neutral MWEs]: first lemmas and anchor keys of MWEs
    mwe_first_keys: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    anchor_keys: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    slow: bool = False  # globs or glob-initial MWEs: every token takes the full path


_OTHER_SENSE_RE = re.compile(r"\balso\b|neutral|itself|homograph|simplemma error", re.IGNORECASE)
_LEMMA_NOTE_RE = re.compile(r"lemma:\s*([^\s;,()]+)")


def lemma_key_allowed(term: str, lemma: str, pos: str, note: str, terms: Mapping[str, Any]) -> bool:
    """May entry ``term`` (which simplemma lemmatises to ``lemma``) lend its valence to
    the lemma key ``lemma``? Only when ``lemma`` is very likely the same word (see the
    module docstring): not an entry itself; no other sense flagged in the note; and a
    plural-only noun of that singular, or a regular -er/-ir past participle."""
    if lemma in terms or _OTHER_SENSE_RE.search(note):
        return False
    if pos == "n":
        return term in (lemma + "s", lemma + "x")
    forms: tuple[str, ...] = ()
    if lemma.endswith("er"):
        forms = (lemma[:-2] + "é",)
    elif lemma.endswith("ir"):
        forms = (lemma[:-2] + "i",)
    return any(term in (f, f + "e", f + "s", f + "es") for f in forms)


def _inflections(term: str, pos: str) -> tuple[str, ...]:
    """Regular plural (and feminine for adjectives/participles) of a surface entry."""
    out = [term]
    if " " in term or term.endswith(("s", "x", "z")):
        return tuple(out)
    out.append(term + "s")
    if pos != "n" and term[-1:] in "éiut":
        out += [term + "e", term + "es"]
    return tuple(out)


def _compile_elem(tok: Token | None, raw: str) -> _Elem:
    if raw == "*":
        return (_ANY, "", "", None)
    if "*" in raw or "?" in raw:
        if raw.endswith("*") and "*" not in raw[:-1] and "?" not in raw:
            return (_PREFIX, raw[:-1], raw[:-1], None)
        # a star spans word characters only: the backtracking-safe translation holds
        # when the rest of the glob is word characters too (as in every shipped entry)
        if re.fullmatch(r"[\w*?]+", raw):
            source = glob_regex(raw, many=r"\w*", one=r"\w")
        else:
            source = re.escape(raw).replace(r"\*", r"\w*").replace(r"\?", r"\w")
        return (_REGEX, raw, raw, re.compile(source + r"\Z"))
    assert tok is not None
    return (_EXACT, tok.lemma, tok.norm, None)


def _split_pattern(term: str) -> list[tuple[Token | None, str]]:
    """Tokenize a lexicon term; glob parts (``abandon*``, ``*``) stay whole."""
    out: list[tuple[Token | None, str]] = []
    for part in term.split():
        if "*" in part or "?" in part:
            out.append((None, part))
        else:
            out += [(t, t.norm) for t in tokenize(part) if t.kind != "punct" or t.text == "-"]
    return out


def _build_index(
    entries: Mapping[str, float], pos: Mapping[str, str], notes: Mapping[str, str]
) -> _Index:
    idx = _Index({}, {}, {}, [], defaultdict(list), {}, {}, {}, defaultdict(list), [], {})
    idx.gates = tuple(BoundedCache(partial(_gate, idx, polar_only), FORM_CACHE_SIZE)
                      for polar_only in (False, True))
    pending_lemma: dict[str, list[tuple[str, float]]] = defaultdict(list)
    inflected: list[tuple[str, str, float]] = []
    mwes: list[_Mwe] = []
    for term, valence in entries.items():
        parts = _split_pattern(term)
        if not parts:
            continue
        if len(parts) == 1:
            tok, raw = parts[0]
            if tok is None:
                elem = _compile_elem(None, raw)
                if elem[0] == _PREFIX:
                    idx.prefix[elem[1]] = valence
                elif elem[0] == _REGEX and elem[3] is not None:
                    idx.regex.append((elem[3], term, valence))
                continue
            if tok.lemma == tok.norm:
                idx.lemma[tok.lemma] = (term, valence)
                continue
            idx.surface[tok.norm] = (term, valence)
            p = pos.get(term, "")
            inflected += [(form, term, valence) for form in _inflections(tok.norm, p)[1:]]
            note = notes.get(term, "")
            declared = _LEMMA_NOTE_RE.search(note)
            lemma = declared.group(1) if declared else tok.lemma
            if lemma_key_allowed(tok.norm, lemma, p, note, entries):
                pending_lemma[lemma].append((term, valence))
            continue
        mwes.append(_Mwe(term, valence, tuple(_compile_elem(t, raw) for t, raw in parts)))
    idx.verb_homographs = _verb_homographs(entries, pos)
    for form, term, valence in inflected:  # explicit entries win over generated forms
        if form not in idx.surface and form not in idx.lemma:
            idx.surface[form] = (term, valence)
    mwes += _verb_form_variants(mwes)
    offsets = _anchor_offsets(mwes, idx)
    for mwe in mwes:
        elems = mwe.elems
        kind, key = elems[0][0], elems[0][1]
        o = offsets[id(mwe)]
        if o:
            a_lemma, a_norm = elems[o][1], elems[o][2]
            for a in dict.fromkeys((a_lemma, a_norm)):
                idx.mwe_anchor.setdefault(a, []).append((o, mwe))
        elif kind == _EXACT:
            idx.mwe_first[key].append(mwe)
        elif kind == _PREFIX:
            idx.mwe_prefix_first[key].append(mwe)
        else:
            idx.mwe_other_first.append(mwe)
    for lemma, cands in pending_lemma.items():  # one unambiguous source, or nothing
        if lemma not in idx.lemma and len({v for _, v in cands}) == 1:
            idx.lemma[lemma] = cands[0]
            idx.lemma_keys_added[lemma] = cands[0][0]
    for table in (idx.mwe_first, idx.mwe_prefix_first):
        for key, lst in table.items():
            table[key] = sorted(lst, key=lambda m: (-len(m.elems), m.term))
    for key, lst in idx.mwe_first.items():
        for m in lst:  # already longest first
            e1 = m.elems[1]
            if e1[0] == _EXACT:
                for key2 in dict.fromkeys((e1[1], e1[2])):  # lemma, form (once if equal)
                    idx.mwe_pairs.setdefault((key, key2), []).append(m)
            else:
                idx.mwe_loose.setdefault(key, []).append(m)
    for key, anchored in idx.mwe_anchor.items():
        idx.mwe_anchor[key] = sorted(anchored, key=lambda om: (-om[0], -len(om[1].elems),
                                                               om[1].term))
    idx.mwe_other_first.sort(key=lambda m: (-len(m.elems), m.term))
    idx.mwe_first = dict(idx.mwe_first)
    idx.mwe_prefix_first = dict(idx.mwe_prefix_first)
    idx.mwe_pair_keys = frozenset(
        (k0, k1 + suffix) for k0, k1 in idx.mwe_pairs for suffix in ("", "s", "x")
    )
    polar_surface = frozenset(k for k, e in idx.surface.items() if e[1])
    polar_lemma = frozenset(k for k, e in idx.lemma.items() if e[1])
    # Gates without neutral words (keep_neutral=False) also leave out the MWEs that
    # cannot change a score: neutral, and none of their tokens can be anything else
    inert = _inert_mwes(idx, mwes, offsets, polar_lemma | polar_surface)

    def plural(keys: Iterable[str]) -> frozenset[str]:
        keys = frozenset(keys)
        return keys | {a + suffix for a in keys for suffix in ("s", "x")}

    anchors = plural(idx.mwe_anchor)
    live_anchors = plural(k for k, lst in idx.mwe_anchor.items()
                          if any(id(m) not in inert for _, m in lst))
    idx.mwe_first_keys = (
        frozenset(idx.mwe_first),
        frozenset(k for k, lst in idx.mwe_first.items() if any(id(m) not in inert for m in lst)),
    )
    idx.anchor_keys = (anchors, live_anchors)
    idx.norm_keys = (frozenset(idx.surface) | _SPECIAL | anchors,
                     polar_surface | _SPECIAL | live_anchors)
    idx.word_keys = (
        frozenset(idx.lemma) | frozenset(idx.surface) | frozenset(idx.mwe_loose) | anchors,
        polar_lemma | polar_surface | frozenset(idx.mwe_loose) | live_anchors,
    )
    idx.slow = bool(idx.prefix or idx.regex or idx.mwe_prefix_first or idx.mwe_other_first)
    return idx


def _verb_homographs(
    entries: Mapping[str, float], pos: Mapping[str, str]
) -> dict[str, _Entry]:
    """Single-word noun/adjective entries ending in -e, and the feminine in -e of the
    other adjective entries, that are also the present tense of an -er verb (their -ent
    form lemmatises to it: ``estime`` → *estimer*, ``contente`` → *contenter*), when
    the verb is listed with another valence: form → the verb's entry. (A verb not
    listed is not known to differ: ``enthousiasme`` is the noun or *enthousiasmer*,
    both positive.)"""
    out: dict[str, _Entry] = {}
    for term, valence in entries.items():
        p = pos.get(term)
        if p not in ("n", "adj") or " " in term:
            continue
        # the entry itself ("estime", "lâche"), or an adjective's feminine ("contente",
        # also the present of se contenter: "Moscou se contente de promesses")
        form = term if term.endswith("e") else term + "e" if p == "adj" else ""
        if not form:
            continue
        verb = form[:-1] + "er"
        if lemmatize(form + "nt") != verb:
            continue
        v = entries.get(verb)
        if v is not None and v != valence:
            out.setdefault(form, (verb, v))
    return out


#: Endings of the present (1st/3rd and 2nd person singular, 3rd plural) and the past
#: participle of an -er verb: the forms of a verb idiom that the lemmatiser may read
#: as another word ("lâche du lest": the adjective; "hausse le ton": the noun; "a lâché
#: du lest": "lâché" unknown), which :func:`_verb_form_variants` writes out.
_ER_PRESENT_ENDINGS = ("e", "es", "ent")
_ER_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")
#: Endings that tell an -er verb from a noun or adjective in -er (``premier``,
#: ``bouclier``, ``danger``): a verb has one of these forms lemmatised to it.
_ER_VERB_PROBES = ("ons", "ait", "ant", "era")
#: The present's stem changes: e/é before the stem's last consonant (or ch, gn, a
#: consonant + l/r) → è (semer → sème, relever → relève, céder → cède, célébrer →
#: célèbre), y → i (essuyer → essuie, payer → paie).
_GRAVE_STEM_RE = re.compile(r"[eé](?=(?:[bcdfgjklmnpqrstvz]|ch|gn|[bcdfgptv][lr])\Z)")


def _er_present_stems(stem: str) -> tuple[str, ...]:
    """The stem of an -er verb's present singular and 3rd plural, as written, with its
    possible changes (_GRAVE_STEM_RE, y → i); a change that does not apply to this verb
    only adds a form that never occurs (``jeter`` → "jète"; the real "jette" is read
    as *jeter* already)."""
    stems = [stem, _GRAVE_STEM_RE.sub("è", stem)]
    if stem.endswith("y"):
        stems.append(stem[:-1] + "i")
    return tuple(dict.fromkeys(stems))


def _missed_er_forms(elem: _Elem) -> tuple[_Elem, ...]:
    """Elements for the forms of the -er infinitive ``elem`` (written as such in a
    multiword entry) that the lemmatiser does not read as that verb, one per lemma it
    gives them (a token matches an element by lemma); () if ``elem`` is no -er verb."""
    kind, inf, norm = elem[0], elem[1], elem[2]
    if kind != _EXACT or inf != norm or not inf.endswith("er"):
        return ()
    stem = inf[:-2]
    if not any(lemmatize(stem + e) == inf for e in _ER_VERB_PROBES):
        return ()
    forms = [s + e for s in _er_present_stems(stem) for e in _ER_PRESENT_ENDINGS]
    forms += [stem + e for e in _ER_PARTICIPLE_ENDINGS]
    out: dict[str, _Elem] = {}
    for form in forms:
        lemma = lemmatize(form)
        if lemma != inf and lemma not in out:
            out[lemma] = (_EXACT, lemma, form, None)
    return tuple(out.values())


#: The possessives of the other persons (lemmas, as the tokenizer gives them: *nos* is
#: *notre*), for an idiom written with *son*/*sa*/*ses*: "retourner sa veste" is also
#: "ils ont retourné leur veste", "honorer ses engagements" "nous honorons nos
#: engagements".
_OTHER_POSSESSIVES = ("mon", "ton", "notre", "votre", "leur")


def _other_possessives(elem: _Elem) -> tuple[_Elem, ...]:
    """Elements for the other persons' possessives (_OTHER_POSSESSIVES) if ``elem`` is
    the third person's (*son*, *sa*, *ses*), else ()."""
    if elem[0] != _EXACT or elem[1] != "son" or elem[2] not in ("son", "sa", "ses"):
        return ()
    return tuple((_EXACT, lemma, lemma, None) for lemma in _OTHER_POSSESSIVES)


def _verb_form_variants(mwes: Sequence[_Mwe]) -> list[_Mwe]:
    """Copies of the multiword entries in which the idiom's verb, an -er infinitive
    (``lâcher du lest``, ``hausser le ton``; first, or after ``se``), is one of its forms
    the lemmatiser reads as another word (:func:`_missed_er_forms`: ``lâche du lest``,
    ``a lâché du lest``, ``Moscou hausse le ton``), and in which a third-person
    possessive is another person's (:func:`_other_possessives`: ``retourner leur
    veste``), and both. Same term and valence; built with the index, so only a token of
    such a form gets more work (the check of its next token that the first word of any
    expression gets). An infinitive later in the idiom ("faire baisser la tension",
    "manque à gagner") stays an infinitive."""
    out: list[_Mwe] = []
    for m in mwes:
        verb = 1 if m.elems[0][2] in ("se", "s'") else 0
        options = [(e, *(_missed_er_forms(e) if k == verb else ()), *_other_possessives(e))
                   for k, e in enumerate(m.elems)]
        for elems in product(*options):
            if elems == m.elems:
                continue
            first = elems[0] if elems[0] is not m.elems[0] else None
            out.append(_Mwe(m.term, m.valence, elems, verb_first="" if first is None else (
                "participle" if first[2].endswith(_ER_PARTICIPLE_ENDINGS) else "present")))
    return out


#: Determiners before which a word is a noun: a verb form written out for an idiom
#: does not start it there ("de la pointe du doigt", "la tournée court jusqu'au …").
#: ``le``/``la``/``les``/``l'``/``leur`` are object pronouns too: see _nominal_position.
_NOUN_DETERMINERS = frozenset(
    {"un", "une", "des", "du", "au", "aux", "son", "sa", "ses", "ce", "cet", "cette", "ces",
     "mon", "ma", "mes", "ton", "ta", "tes", "notre", "nos", "votre", "vos", "leurs"}
)
_ARTICLE_OR_PRONOUN = frozenset({"le", "la", "les", "l'", "leur"})


def _verb_here(m: _Mwe, toks: Sequence[Token], i: int) -> bool:
    """May the written-out verb form that starts ``m`` (:attr:`_Mwe.verb_first`) be the
    verb at token ``i``: no determiner before it, and a participle after an auxiliary,
    next to it or one adverb before ("a tourné court", "a déjà tourné court"), since
    the noun is far more frequent ("une tournée courte", "la portée atteinte")?"""
    if _nominal_position(toks, i):
        return False
    return m.verb_first != "participle" or any(
        toks[j].lemma in AUXILIARIES for j in (i - 1, i - 2) if j >= 0)


def _nominal_position(toks: Sequence[Token], i: int) -> bool:
    """Does a determiner stand right before token ``i`` ("la pointe"), rather than an
    object pronoun after its subject ("Washington les pointe", "il la hausse")?"""
    if i == 0:
        return False
    prev = toks[i - 1].norm
    if prev in _NOUN_DETERMINERS:
        return True
    return prev in _ARTICLE_OR_PRONOUN and not (
        i >= 2 and (toks[i - 2].norm in _OBJECT_PRONOUN_AFTER
                    or toks[i - 2].text[:1].isupper()))


def _verb_position(toks: Sequence[Token], i: int, first: int, last: int) -> bool:
    """Is token ``i`` (sentence [first, last)) in a clear verb position: after a word of
    VERB_CONTEXT, or an object or adverbial pronoun after one ("il l'estime", "il s'en
    contente"), before an inverted pronoun ("estime-t-il") or ``que`` ("estime que"),
    or as the verb of an incise after a quotation or a comma, before its subject ("»,
    estime le ministre", ", lâche Sergueï Lavrov")? Anywhere else the noun or adjective
    reading holds (after a determiner, a noun, an adjective: "un violent incendie",
    "une attaque lâche", "tenu en estime")."""
    prev = toks[i - 1].norm if i - 1 >= first else ""
    if prev in VERB_CONTEXT:
        return True
    if prev in ("le", "la", "les", "l'") and i - 2 >= first:
        return toks[i - 2].norm in _OBJECT_PRONOUN_AFTER
    if prev in _ADVERBIAL_PRONOUNS:
        return i - 2 >= first and toks[i - 2].norm in VERB_CONTEXT
    if i + 1 >= last:
        return False
    nxt = toks[i + 1]
    if nxt.text.startswith("-") or nxt.norm in ("que", "qu'"):
        return prev not in ("le", "la", "les", "l'", "un", "une", "son", "sa", "ses", "leur",
                            "mon", "ma", "notre", "votre", "cette", "de", "d'", "du")
    if prev == "," or prev in _CLOSING_MARKS:
        return nxt.norm in _SUBJECT_DETERMINERS or nxt.text[:1].isupper()
    return False


def _inert_mwes(
    idx: _Index, mwes: Sequence[_Mwe], offsets: Mapping[int, int], polar: frozenset[str]
) -> set[int]:
    """ids of the neutral MWEs whose match can change nothing once neutral words are
    not reported, so that their key tokens need not be candidates: all elements exact,
    none a non-neutral entry, operator or cue; no element but its own key (first
    element, or anchor) starts or anchors another MWE; and its last element is not a
    function word (so no MWE anchored further on can begin inside it). An MWE that
    shares its key with a live one is still tried whenever that key is a candidate."""
    function = _function_lemmas()
    busy = polar | _SPECIAL
    starts = frozenset(idx.mwe_first) | frozenset(idx.mwe_anchor) | frozenset(idx.mwe_loose)
    out: set[int] = set()
    for m in mwes:
        elems = m.elems
        if m.valence or any(e[0] != _EXACT for e in elems):
            continue
        if any(e[1] in busy or e[2] in busy for e in elems):
            continue
        own = offsets[id(m)]
        others = elems[:own] + elems[own + 1:]
        if any(e[1] in starts or e[2] in starts for e in others):
            continue
        if elems[-1][1] in function or elems[-1][2] in function:
            continue
        out.add(id(m))
    return out


def _anchor_offsets(mwes: Sequence[_Mwe], idx: _Index) -> dict[int, int]:
    """id → anchor offset of each MWE (0: indexed by its first element).

    An MWE is anchored at its first content word only if that keeps leftmost-longest
    matching exact: no MWE indexed by its first element may start on one of its
    leading function words (else that one would be found first although this one
    starts earlier or at the same token); settled by iterating to a fixed point."""
    function = _function_lemmas()
    offsets = {id(m): _anchor_offset(m.elems, function, idx) for m in mwes}
    changed = True
    while changed:
        firsts = {k for m in mwes if not offsets[id(m)] and m.elems[0][0] == _EXACT
                  for k in (m.elems[0][1], m.elems[0][2])}
        changed = False
        for m in mwes:
            o = offsets[id(m)]
            if o and any(e[1] in firsts or e[2] in firsts for e in m.elems[:o]):
                offsets[id(m)] = 0
                changed = True
    return offsets


@lru_cache(maxsize=1)
def _function_lemmas() -> frozenset[str]:
    """framing's stop words and their lemmas (articles, prepositions, auxiliaries)."""
    return frozenset(stopwords()) | {lemmatize(w) for w in stopwords()}


def _anchor_offset(elems: tuple[_Elem, ...], function: frozenset[str], idx: _Index) -> int:
    """Index of the anchor of an all-exact MWE: its first element that is not a
    function word, when every element before it is a plain function word (not an
    operator, cue or entry, so the scanner never stops there); else 0."""
    if any(e[0] != _EXACT for e in elems):
        return 0
    for o, e in enumerate(elems):
        lemma, norm = e[1], e[2]
        if lemma not in function and norm not in function:
            return o if o < len(elems) else 0
        if (norm in _SPECIAL or lemma in _SPECIAL or norm in idx.surface or lemma in idx.lemma
                or lemma in idx.surface):
            return 0
    return 0


@dataclass(frozen=True, eq=False)
class SentimentLexicon:
    """A valence lexicon: normalised term (word, multiword expression or ``*`` glob) →
    valence on the -4…+4 scale, with optional part of speech and note per term.

    Build it with :func:`load_sentiment_lexicon` or directly
    (``SentimentLexicon("mine", {"bon": 2, "lettre morte": -2})``); the match index is
    compiled on construction (tokenizing the multiword expressions). Lexicons compare
    by identity.
    """

    name: str
    entries: Mapping[str, float]
    pos: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    notes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    source_format: str = "framing"
    path: str = ""
    _index: _Index = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        entries = {}
        for term, value in self.entries.items():
            v = float(value)
            if not -VALENCE_MAX <= v <= VALENCE_MAX or math.isnan(v):
                raise LexiconError(
                    f"{self.path or self.name}: valence of {term!r} is {value}, outside "
                    f"-{VALENCE_MAX:g}…+{VALENCE_MAX:g}"
                )
            if term.strip() and not term.strip().strip("*?"):  # "?*", "**": every word
                raise LexiconError(
                    f"{self.path or self.name}: entry {term!r} is only wildcards and would "
                    "match every word; remove it or give the word it stands for")
            entries[" ".join(normalize(term).split())] = v
        object.__setattr__(self, "entries", MappingProxyType(entries))
        object.__setattr__(self, "pos", MappingProxyType(dict(self.pos)))
        object.__setattr__(self, "notes", MappingProxyType(dict(self.notes)))
        object.__setattr__(self, "_index", _build_index(entries, self.pos, self.notes))

    def __len__(self) -> int:
        return len(self.entries)

    def __reduce__(self) -> tuple[Any, ...]:
        # For worker processes, local or on a cluster: a lexicon read from a file is
        # read again from it (once per process, cached) — one shipped with framing by
        # its name in the package, found in the worker's own install wherever that
        # is; any other file at the same path, so on storage the workers share. One
        # built in memory sends its terms. The index is compiled on arrival either way.
        if self.path:
            path = Path(self.path).resolve()
            try:
                ref = ("shipped", path.relative_to(lexicon_dir().resolve()).as_posix())
            except ValueError:
                ref = ("path", str(path))
            return (_reload, (ref, self.source_format))
        return (SentimentLexicon, (self.name, dict(self.entries), dict(self.pos),
                                   dict(self.notes), self.source_format, self.path))

    def __repr__(self) -> str:
        n = len(self.entries)
        return f"SentimentLexicon(name={self.name!r}, entries={n}, path={self.path!r})"

    @property
    def lemma_keys(self) -> Mapping[str, str]:
        """Lemma keys added by the lemma rule: lemma → the entry that lent its valence."""
        return MappingProxyType(self._index.lemma_keys_added)

    def lookup(self, word: str) -> float | None:
        """The valence a single word (any inflected form) gets, or None."""
        toks = [t for t in tokenize(word) if t.kind in _WORD_KINDS]
        if len(toks) != 1:
            return None
        hit = _single(self._index, toks[0])
        return None if hit is None else hit[1]


# --------------------------------------------------------------------------- loaders

_CACHE: dict[tuple[str, str, int, int], SentimentLexicon] = {}
_CACHE_LOCK = threading.Lock()
_FORMATS = ("framing", "vader", "textblob", "feel", "wordstat")


def load_sentiment_lexicon(
    name_or_path: str | os.PathLike[str] = "sentiment_fr", *, format: str | None = None
) -> SentimentLexicon:
    """Load a sentiment lexicon by name (``lexicons/<name>.tsv``) or path.

    The format is ``format`` if given (one of ``framing``, ``vader``, ``textblob``,
    ``feel``, ``wordstat``), else guessed from the suffix (``.xml`` textblob, ``.cat``
    wordstat, ``.csv`` FEEL) and otherwise from the first data line (``word<TAB>score``
    or a numeric third column means VADER's ``word score sd ratings``). Each file is
    read once and cached (the cache notices when the file changes). Malformed files
    raise :class:`LexiconError` with one line naming the file and line.
    """
    path = _resolve(name_or_path)
    if format is not None and format not in _FORMATS:
        raise LexiconError(
            f"{path}: unknown lexicon format {format!r}; use one of {', '.join(_FORMATS)}"
        )
    try:
        st = path.stat()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read the lexicon ({exc.strerror})") from None
    if stat.S_ISFIFO(st.st_mode) or stat.S_ISSOCK(st.st_mode) or stat.S_ISCHR(st.st_mode):
        raise LexiconError(f"{path}: not a regular file (a pipe, device or socket); copy the "
                           "lexicon into a file")  # reading it would wait forever
    key = (str(path.resolve()), format or "", st.st_mtime_ns, st.st_size)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
    if hit is not None:
        return hit
    try:
        raw = path.read_bytes()
    except OSError as exc:  # a folder, a file that cannot be opened
        raise LexiconError(f"{path}: cannot read the lexicon ({exc.strerror})") from None
    text = _decode_dictionary(raw, path)  # UTF-16 too (was read as cp1252)
    fmt = format or _sniff(path, text)
    reader = {"framing": _read_framing, "vader": _read_vader, "textblob": _read_textblob,
              "feel": _read_feel, "wordstat": _read_wordstat}[fmt]
    entries, pos, notes = reader(text, str(path))
    if not entries:
        raise LexiconError(f"{path}: no entries found (read as the {fmt} format)")
    name = path.stem
    lex = SentimentLexicon(name, entries, pos, notes, fmt, str(path))
    with _CACHE_LOCK:
        _CACHE[key] = lex
        if format is None:  # the same lexicon as a load that names the format guessed
            _CACHE[(key[0], fmt, key[2], key[3])] = lex
    return lex


def _reload(ref: tuple[str, str], fmt: str) -> SentimentLexicon:
    """:meth:`SentimentLexicon.__reduce__` for a lexicon read from a file: ``ref`` is
    ``("shipped", name in the package)`` or ``("path", absolute path)``, read in the
    format it was read in (once per process: a first load that named no format is
    cached under the format it guessed too)."""
    kind, where = ref
    path = resources_path(where) if kind == "shipped" else Path(where)
    return load_sentiment_lexicon(path, format=fmt)


#: Suffixes of the sentiment lexicon files read (see :func:`load_sentiment_lexicon`): a
#: name that ends in one is a path, not the name of a shipped lexicon.
_SUFFIXES = (".tsv", ".txt", ".csv", ".xml", ".cat")


def _shipped_names() -> list[str]:
    """Names of the shipped sentiment lexicons (``lexicons/<name>.tsv``), sorted."""
    folder = lexicon_dir()
    if not folder.is_dir():
        return []
    return sorted(f.stem for f in folder.glob("*.tsv") if f.is_file())


def _shipped_list() -> str:
    """:func:`_shipped_names` for a message."""
    return ", ".join(_shipped_names()) or "none found"


def _resolve(name_or_path: str | os.PathLike[str]) -> Path:
    """The file of a sentiment lexicon given by name (``sentiment_fr``: the shipped
    ``lexicons/sentiment_fr.tsv``, unless a file of that name is in the current folder)
    or by path (a :class:`~pathlib.Path`, or a string with a folder separator or a
    lexicon suffix). Raises :class:`LexiconError` with one line saying what to give."""
    s = str(name_or_path)
    if not s.strip():
        raise LexiconError("the sentiment lexicon is an empty name; give a name "
                           f"({_shipped_list()}) or a file")
    p = Path(name_or_path).expanduser()
    looks_like_path = (not isinstance(name_or_path, str) or "/" in s or "\\" in s
                       or p.suffix.lower() in _SUFFIXES)
    if not looks_like_path:
        if p.exists() and not p.is_dir():  # a file of that name here (any suffix is sniffed)
            return p
        shipped = resources_path(f"{s}.tsv")
        if shipped.is_file():
            return shipped
        if not p.is_dir():
            raise LexiconError(
                f"no shipped sentiment lexicon named {s!r} (available: {_shipped_list()}); "
                f"or give the path of a {', '.join(_SUFFIXES[:-1])} or {_SUFFIXES[-1]} file")
    if p.is_dir():
        raise LexiconError(f"{p}: is a folder; give a sentiment lexicon file")
    if not p.exists():
        raise LexiconError(f"{p}: no such sentiment lexicon file; give an existing path or "
                           f"the name of a shipped sentiment lexicon ({_shipped_list()})")
    return p


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def _sniff(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    head = text.lstrip()[:200]
    if suffix == ".xml" or head.startswith("<"):
        return "textblob"
    if suffix == ".cat":
        return "wordstat"
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    if suffix == ".csv" or (";" in first and "\t" not in first):
        return "feel"
    cols = first.split("\t")
    if (len(cols) == 2 and _is_number(cols[1])) or (len(cols) >= 3 and _is_number(cols[2])):
        return "vader"  # word, score[, standard deviation, ratings]
    return "framing"


def _err(path: str, line: int, msg: str) -> LexiconError:
    return LexiconError(f"{path}:{line}: {msg}")


_Read = tuple[dict[str, float], dict[str, str], dict[str, str]]


def _key(term: str) -> str:
    return " ".join(normalize(term).split())


def _read_framing(text: str, path: str) -> _Read:
    entries: dict[str, float] = {}
    pos: dict[str, str] = {}
    notes: dict[str, str] = {}
    where: dict[str, int] = {}
    for ln, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise _err(path, ln, "expected 4 tab-separated columns (term, valence, pos, note), "
                       f"found {len(cols)}")
        term, val, p, note = (c.strip() for c in cols)
        if not term:
            raise _err(path, ln, "empty term")
        try:
            v = int(val)
        except ValueError:
            raise _err(path, ln, f"valence {val!r} of {term!r} is not an integer from -4 to 4"
                       ) from None
        if not -VALENCE_MAX <= v <= VALENCE_MAX:
            raise _err(path, ln, f"valence {v} of {term!r} is outside -4…4")
        key = _key(term)
        if key in entries:
            raise _err(path, ln, f"duplicate term {term!r} (first on line {where[key]})")
        entries[key], pos[key], notes[key], where[key] = float(v), p, note, ln
    return entries, pos, notes


def _read_vader(text: str, path: str) -> _Read:
    entries: dict[str, float] = {}
    where: dict[str, int] = {}
    for ln, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if line.startswith("#") and (len(cols) < 2 or not _is_number(cols[1])):
            continue
        if len(cols) < 2:
            raise _err(path, ln, "expected word<TAB>score")
        term, val = cols[0].strip(), cols[1].strip()
        if not term:
            raise _err(path, ln, "empty term")
        try:
            v = float(val)
        except ValueError:
            raise _err(path, ln, f"score {val!r} of {term!r} is not a number") from None
        if not -VALENCE_MAX <= v <= VALENCE_MAX:
            raise _err(path, ln, f"score {v:g} of {term!r} is outside -4…4")
        key = _key(term)
        if key in entries:
            raise _err(path, ln, f"duplicate term {term!r} (first on line {where[key]})")
        entries[key], where[key] = v, ln
    return entries, {}, {}


def _average(values: Mapping[str, list[float]]) -> dict[str, float]:
    return {k: round(sum(v) / len(v), 6) for k, v in values.items()}


def _read_textblob(text: str, path: str) -> _Read:
    values: dict[str, list[float]] = defaultdict(list)
    pos: dict[str, str] = {}
    parser = xml.parsers.expat.ParserCreate()
    problems: list[LexiconError] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag != "word" or problems:
            return
        ln = parser.CurrentLineNumber
        form, pol = attrs.get("form", "").strip(), attrs.get("polarity", "").strip()
        if not form:
            problems.append(_err(path, ln, "<word> without a form attribute"))
            return
        try:
            v = float(pol)
        except ValueError:
            problems.append(_err(path, ln, f"polarity {pol!r} of {form!r} is not a number"))
            return
        if not -1.0 <= v <= 1.0:
            problems.append(_err(path, ln, f"polarity {v:g} of {form!r} is outside -1…1"))
            return
        key = _key(form)
        values[key].append(v * TEXTBLOB_SCALE)
        pos.setdefault(key, attrs.get("pos", ""))

    parser.StartElementHandler = start
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as exc:
        why = xml.parsers.expat.errors.messages[exc.code]
        raise _err(path, exc.lineno, f"not well-formed XML ({why})") from None
    if problems:
        raise problems[0]
    return _average(values), pos, {}


_FEEL_POLARITY = {"positive": BINARY_VALENCE, "negative": -BINARY_VALENCE}


def _read_feel(text: str, path: str) -> _Read:
    from .corpus import _allow_long_cells

    _allow_long_cells()  # a cell over 128 KB is an error of the file, not of csv
    rows = csv.reader(io.StringIO(text), delimiter=";")
    header = next(rows, None)
    if header is None:
        return {}, {}, {}
    cols = [h.strip().lower() for h in header]
    if "word" not in cols or "polarity" not in cols:
        raise _err(path, 1, "FEEL header must name a 'word' and a 'polarity' column "
                   "(id;word;polarity;joy;…)")
    iw, ip = cols.index("word"), cols.index("polarity")
    values: dict[str, list[float]] = defaultdict(list)
    for ln, row in enumerate(rows, 2):
        if not row or not "".join(row).strip():
            continue
        if len(row) <= max(iw, ip):
            raise _err(path, ln, f"expected {len(cols)} ';'-separated columns, found {len(row)}")
        word, pol = row[iw].strip(), row[ip].strip().lower()
        if not word:
            raise _err(path, ln, "empty word")
        if pol not in _FEEL_POLARITY:
            raise _err(path, ln, f"polarity {row[ip]!r} of {word!r} is not 'positive' or "
                       "'negative'")
        values[_key(word)].append(_FEEL_POLARITY[pol])
    return _average(values), {}, {}


#: WordStat category (LSDfr / LSD2015) → valence.
WORDSTAT_CATEGORIES: Mapping[str, float] = MappingProxyType({
    "POSITIVE": BINARY_VALENCE,
    "NEGATIVE": -BINARY_VALENCE,
    "NEG_POSITIVE": round(BINARY_VALENCE * N_SCALAR, 6),
    "NEG_NEGATIVE": round(-BINARY_VALENCE * N_SCALAR, 6),
})
_WEIGHT_RE = re.compile(r"\s*\(\s*-?\d+(?:[.,]\d+)?\s*\)\s*$")


def _read_wordstat(text: str, path: str) -> _Read:
    lines = [(ln, line) for ln, line in enumerate(text.split("\n"), 1) if line.strip()]
    values: dict[str, list[float]] = defaultdict(list)
    stack: list[tuple[int, str]] = []  # (indent, category name)
    known = 0
    for k, (ln, line) in enumerate(lines):
        body = line.strip()
        indent = len(line) - len(line.lstrip())
        nxt_indent = -1
        if k + 1 < len(lines):
            nxt = lines[k + 1][1]
            nxt_indent = len(nxt) - len(nxt.lstrip())
        is_category = _WEIGHT_RE.search(body) is None and nxt_indent > indent
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if is_category or indent == 0:
            stack.append((indent, re.sub(r"[\s-]+", "_", body.upper())))
            continue
        if not stack:
            raise _err(path, ln, "entry before any category")
        term = _WEIGHT_RE.sub("", body).replace("_", " ")
        cat = next((c for _, c in reversed(stack) if c in WORDSTAT_CATEGORIES), None)
        if cat is None:
            continue
        if not term.strip("* "):
            raise _err(path, ln, f"empty entry in category {cat}")
        known += 1
        values[_key(term)].append(WORDSTAT_CATEGORIES[cat])
    if not known:
        raise LexiconError(
            f"{path}: no entries under the categories {', '.join(WORDSTAT_CATEGORIES)}"
        )
    return _average(values), {}, {}


# --------------------------------------------------------------------------- scoring


def normalize_score(x: float, alpha: float = NORMALIZATION_ALPHA) -> float:
    """VADER's normalisation: ``x / sqrt(x² + alpha)``, clipped to [-1, 1]."""
    if x == 0.0:
        return 0.0
    return max(-1.0, min(1.0, x / math.sqrt(x * x + alpha)))


def sentiment_label(score: float) -> str:
    """``positive`` (score ≥ POSITIVE_THRESHOLD), ``negative`` (≤ NEGATIVE_THRESHOLD)
    or ``neutral``."""
    if score >= POSITIVE_THRESHOLD:
        return "positive"
    if score <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def _strip_plural(norm: str) -> str:
    return norm[:-1] if len(norm) > 3 and norm[-1] in "sx" else norm


def _single(idx: _Index, tok: Token) -> _Entry | None:
    """(entry term, valence) of a single token, or None: by form, by lemma, by lemma
    among the forms, then (imported lexicons) by glob."""
    norm, lemma = tok.norm, tok.lemma
    hit = idx.surface.get(norm) or idx.lemma.get(lemma) or idx.surface.get(lemma)
    if hit is not None or (not idx.prefix and not idx.regex):
        return hit
    return _glob(idx, norm, lemma)


def _glob(idx: _Index, norm: str, lemma: str) -> _Entry | None:
    memo_key = (norm, lemma)
    if memo_key in idx.memo:
        return idx.memo[memo_key]
    found: _Entry | None = None
    for k in range(len(norm), 0, -1):
        pv = idx.prefix.get(norm[:k])
        if pv is not None:
            found = (norm[:k] + "*", pv)
            break
    if found is None:
        for rx, term, rv in idx.regex:
            if rx.match(norm):
                found = (term, rv)
                break
    return idx.memo.store(memo_key, found)


def _elem_match(e: _Elem, t: Token) -> bool:
    kind = e[0]
    if kind == _EXACT:
        return t.lemma == e[1] or t.norm == e[2] or _strip_plural(t.norm) == e[2]
    if kind == _PREFIX:
        return t.norm.startswith(e[1])
    if kind == _ANY:
        return t.kind in _WORD_KINDS
    rx = e[3]
    return rx is not None and rx.match(t.norm) is not None


_NO_MWES: list[_Mwe] = []


def _merge(a: list[_Mwe] | None, b: list[_Mwe]) -> list[_Mwe]:
    if not a:
        return b
    seen = {id(m) for m in a}
    return a + [m for m in b if id(m) not in seen]


def _pair_candidates(idx: _Index, toks: Sequence[Token], i: int, last: int) -> list[_Mwe]:
    """MWEs whose first element is token i's lemma and whose second element can be
    token i+1 (by lemma, form, or form without plural -s/-x)."""
    if i + 1 >= last:
        return _NO_MWES
    l0 = toks[i].lemma
    t2 = toks[i + 1]
    key = (l0, t2.lemma, t2.norm)
    found = idx.pair_memo.get(key)
    if found is not None:
        return found
    pairs = idx.mwe_pairs
    found = pairs.get((l0, t2.lemma))
    norm = t2.norm
    for key2 in (norm, _strip_plural(norm)):
        if key2 != t2.lemma:
            more = pairs.get((l0, key2))
            if more and more is not found and more != found:  # MWEs compare by identity
                found = _merge(found, more)
    loose = idx.mwe_loose.get(l0)
    if loose:
        found = _merge(found, loose)
    return idx.pair_memo.store(key, found or _NO_MWES)


def _match_mwe(idx: _Index, toks: Sequence[Token], i: int, last: int) -> _Mwe | None:
    """The longest multiword expression starting at token i (within the sentence)."""
    t = toks[i]
    cands = _pair_candidates(idx, toks, i, last) if t.lemma in idx.mwe_first else _NO_MWES
    if idx.mwe_prefix_first:
        for k in range(len(t.norm), 0, -1):
            extra = idx.mwe_prefix_first.get(t.norm[:k])
            if extra:
                cands = _merge(cands, extra)
    if idx.mwe_other_first:
        cands = _merge(cands, [m for m in idx.mwe_other_first if _elem_match(m.elems[0], t)])
    best: _Mwe | None = None
    best_n = 0
    for m in cands:
        elems = m.elems
        n = len(elems)
        if i + n > last or n <= best_n or (m.verb_first and not _verb_here(m, toks, i)):
            continue
        for k in range(1, n):
            e = elems[k]
            t = toks[i + k]
            if e[0] == _EXACT:
                if t.lemma != e[1] and t.norm != e[2] and _strip_plural(t.norm) != e[2]:
                    break
            elif not _elem_match(e, t):
                break
        else:
            best, best_n = m, n
    return best


def _best_mwe(
    idx: _Index, toks: Sequence[Token], i: int, free: int, last: int
) -> tuple[int, _Mwe] | None:
    """The leftmost-longest MWE that starts at token i, or that is anchored at token
    i and starts at or after ``free`` (the first token not yet consumed): (start, MWE)."""
    best = _match_mwe(idx, toks, i, last)
    start = i
    t = toks[i]
    key = (t.lemma, t.norm)
    anchored = idx.anchor_memo.get(key)
    if anchored is None:
        anchored = []
        for a in dict.fromkeys((t.lemma, t.norm, _strip_plural(t.norm))):
            anchored += [om for om in idx.mwe_anchor.get(a, ())
                         if all(om[1] is not x[1] for x in anchored)]
        idx.anchor_memo.store(key, anchored)
    for o, m in anchored:
        s, elems = i - o, m.elems
        n = len(elems)
        if s < free or s + n > last or s > start or (
            s == start and best is not None and n <= len(best.elems)
        ) or (m.verb_first and not _verb_here(m, toks, s)):
            continue
        for k in range(n):
            e, tk = elems[k], toks[s + k]
            if tk.lemma != e[1] and tk.norm != e[2] and _strip_plural(tk.norm) != e[2]:
                break
        else:
            best, start = m, s
    return None if best is None else (start, best)


def _function_phrase(toks: Sequence[Token], i: int, last: int) -> int:
    """Length of a function phrase (sans doute, bien sûr, pas mal de) at i, else 0."""
    for phrase in _FUNCTION_FIRST.get(toks[i].norm, ()):
        n = len(phrase)
        if i + n <= last and all(toks[i + k].norm == phrase[k] for k in range(1, n)):
            return n
    return 0


def _concessive_cue(toks: Sequence[Token], i: int, last: int) -> int:
    """Length of a concessive cue at i (malgré, en dépit de, bien que, même si,
    quoique), else 0."""
    norm = toks[i].norm
    nxt = toks[i + 1].norm if i + 1 < last else ""
    if norm in ("malgré", "quoique", "quoiqu'"):
        return 1
    if norm == "bien" and nxt in ("que", "qu'"):
        return 2
    if norm == "même" and nxt in ("si", "s'"):
        return 2
    if norm == "en" and nxt == "dépit" and i + 2 < last and toks[i + 2].norm in _DE:
        return 3
    return 0


def _modifiers(
    toks: Sequence[Token], first: int, sent_first: int, valence: float
) -> tuple[float, list[str], str | None]:
    """Booster/diminisher increment and a 'peu' or 'moins' reversal before token
    ``first``."""
    inc = 0.0
    rules: list[str] = []
    reversal: str | None = None  # "peu" or "moins"
    sign = 1.0 if valence >= 0 else -1.0
    for d in range(1, BOOSTER_WINDOW + 1):
        j = first - d
        if j < sent_first:
            break
        norm = toks[j].norm
        if norm in CLAUSE_BOUNDARIES or norm in QUOTE_MARKS:
            break
        decay = BOOSTER_DECAY[d - 1]
        if norm in _REVERSALS:
            prev = toks[j - 1].norm if j - 1 >= sent_first else ""
            if norm == _PEU and prev in _PEU_DIMINISHED_AFTER:
                inc += B_DECR * decay * sign
                rules.append(f"diminisher:{prev} peu")
            elif reversal is None and not (norm == _MOINS and prev in _MOINS_NOT_AFTER) and (
                d == 1 or (d == 2 and toks[j + 1].norm in _DE)
            ):
                reversal = norm
            continue
        scalar = _DEGREE.get(norm)
        if scalar is None:
            continue
        if norm in ADJACENT_ONLY and d != 1:
            continue
        if norm == "si" and j - 1 >= sent_first and toks[j - 1].norm == "même":
            continue
        inc += scalar * decay * sign
        rules.append(("booster:" if scalar > 0 else "diminisher:") + norm)
    return inc, rules, reversal


_Hit = tuple[int, int, str, float, bool]  # first, last token, term, valence, is MWE


def _concession_end(toks: Sequence[Token], i: int, last: int) -> int:
    """A concessive clause opened at token i runs to the next , ; : ( ) — – or
    contrast marker, or to the end of the sentence."""
    for k in range(i, last):
        if toks[k].norm in CONCESSIVE_END:
            return k
    return last


def _cues_in(toks: Sequence[Token], i: int, end: int) -> list[int]:
    """Positions of the negation cue words among tokens [i, end) (find_negation sees
    them all, even inside a consumed phrase or MWE)."""
    return [k for k in range(i, end) if toks[k].norm in _CUE_WORDS]


_NORM = attrgetter("norm")
_ALWAYS, _IF_NEXT = itemgetter(0), itemgetter(1)
_NO_MWE, _MWE_HERE, _MWE_IF_PAIR = 0, 1, 2  # per-form MWE gate


def _gate(idx: _Index, polar_only: bool, norm: str) -> tuple[bool, bool, int]:
    """What can a token of this form be? (always: its form or lemma is a key —
    operator, entry (non-neutral only if ``polar_only``), MWE anchor; if-next: it can
    only start an MWE, to be checked against the next token; MWE gate: an MWE may be
    anchored or loosely start here (``_MWE_HERE``), may start here if the next token
    fits (``_MWE_IF_PAIR``), or not). Computed once per form; conservative, as it
    tries the form, its lemma and its form without plural -s/-x."""
    keys = (norm, lemmatize(norm) if norm else norm, _strip_plural(norm))
    mwe = _NO_MWE
    if any(x in idx.anchor_keys[polar_only] or x in idx.mwe_loose for x in keys):
        mwe = _MWE_HERE
    elif any(x in idx.mwe_first_keys[polar_only] for x in keys):
        mwe = _MWE_IF_PAIR
    always = norm in idx.norm_keys[polar_only] or any(x in idx.word_keys[polar_only] for x in keys)
    return always, not always and mwe == _MWE_IF_PAIR, mwe


def _candidates(
    idx: _Index, toks: Sequence[Token], polar_only: bool
) -> tuple[list[int], set[int]]:
    """The tokens that may start a match or be an operator, and among them those at
    which an MWE may be found.

    A token is a candidate when its form passes a cached per-form gate (:func:`_gate`)
    as *always*, or as *if-next* and (its lemma, the next token's lemma or form) begins
    an MWE. The first pass runs at C speed (``map`` over dict lookups, ``compress``);
    only if-next tokens and MWE-gated candidates get a Python-level check.

    Matching does not depend on this filter (a superset): a token it drops cannot
    match. With ``polar_only`` the neutral single-word entries are not candidates
    (their match would change nothing when neutral words are not reported).
    """
    norms = list(map(_NORM, toks))
    # one gate per token, read as it is looked up (the cache may be emptied meanwhile)
    gates = list(map(idx.gates[polar_only].__getitem__, norms))
    n = len(toks)
    pairs = idx.mwe_pair_keys

    def pair(k: int) -> bool:
        u = toks[k + 1] if k + 1 < n else _END
        l0 = toks[k].lemma
        return (l0, u.lemma) in pairs or (l0, u.norm) in pairs

    out = list(compress(range(n), map(_ALWAYS, gates)))
    starts = {k for k in out if (g := gates[k][2]) == _MWE_HERE
              or (g == _MWE_IF_PAIR and pair(k))}
    paired = [k for k in compress(range(n), map(_IF_NEXT, gates)) if pair(k)]
    if paired:
        starts.update(paired)
        out += paired
        out.sort()  # two sorted runs: a linear merge
    return out, starts


_END = Token("", 0, 0, "", "", "punct")


@dataclass
class _Clauses:
    """The clause structure of one sentence, as far as the rules need it."""

    contrast: int = -1  # token index of the last contrast marker, or -1
    contrast_word: str = ""
    concessions: list[tuple[int, int, str]] = field(default_factory=list)  # [start, end), cue
    modifiers: set[int] = field(default_factory=set)  # indices of degree adverbs / "peu"
    cues: list[int] = field(default_factory=list)  # positions of negation cue words


def _score_document(
    lexicon: SentimentLexicon,
    toks: Tokens,
    voice_of: Callable[[int], str] | None,
    keep_neutral: bool,
) -> list[tuple[SentenceSentiment, dict[str, tuple[float, int]]]]:
    """Leftmost-longest matching, sentence by sentence, then the rules.

    Hot path: :func:`_candidates` (one C-speed pass over the document: cached gates)
    keeps the tokens that can matter; the loop does dict lookups on those only, with
    a pointer that walks the candidates sentence by sentence. Tokens consumed by an MWE
    or a phrase are skipped. Sentences without a match cost one object.
    """
    idx = lexicon._index
    seq = toks.tokens
    text = toks.text
    surface_get = idx.surface.get
    lemma_get = idx.lemma.get
    other_mwe = bool(idx.mwe_prefix_first or idx.mwe_other_first)
    globs = bool(idx.prefix or idx.regex)
    homographs = idx.verb_homographs
    special_words, cue_words, operators = _SPECIAL, _CUE_WORDS, _OPERATORS
    cands: Sequence[int]
    if idx.slow:  # globs: every token is a candidate and is tried for MWEs
        cands, mwe_starts = range(len(seq)), set(range(len(seq)))
    else:
        cands, mwe_starts = _candidates(idx, seq, polar_only=not keep_neutral)
    n_cands = len(cands)
    ci = 0
    out: list[tuple[SentenceSentiment, dict[str, tuple[float, int]]]] = []
    for sent in toks.sentences:
        first, last = sent.first, sent.last
        hits: list[_Hit] = []
        clauses: _Clauses | None = None
        nxt = first  # first token not yet consumed
        while ci < n_cands:
            i = cands[ci]
            if i >= last:
                break
            ci += 1
            if i < nxt:
                continue
            t = seq[i]
            if t.kind == "punct":
                continue
            norm, lemma = t.norm, t.lemma
            special = norm in special_words
            if special:
                if clauses is None:
                    clauses = _Clauses()
                if norm in cue_words:
                    clauses.cues.append(i)
                if norm in _PHRASE_FIRST and (
                    norm in _PHRASE_ALONE
                    or (i + 1 < last and seq[i + 1].norm in _PHRASE_NEXT[norm])
                ):
                    n = _function_phrase(seq, i, last)
                    if not n:
                        n = _concessive_cue(seq, i, last)
                        if n:
                            cue = " ".join(seq[k].norm for k in range(i, i + n))
                            clauses.concessions.append((i, _concession_end(seq, i + n, last), cue))
                    if n:
                        nxt = i + n
                        clauses.cues += _cues_in(seq, i + 1, nxt)
                        continue
            if other_mwe or i in mwe_starts:
                found = _best_mwe(idx, seq, i, nxt, last)
                if found is not None:
                    start, mwe = found
                    nxt = start + len(mwe.elems)
                    if keep_neutral or mwe.valence:
                        hits.append((start, nxt, mwe.term, mwe.valence, True))
                    inner = _cues_in(seq, start, nxt)
                    if inner:
                        if clauses is None:
                            clauses = _Clauses()
                        clauses.cues += inner
                    continue
            if special and norm in operators:
                assert clauses is not None
                if norm in _MODIFIER_WORDS:
                    clauses.modifiers.add(i)
                elif norm in CONTRAST_MARKERS:
                    after = seq[i + 1].norm if i + 1 < last else ""
                    if not (norm == "mais" and after in ADDITIVE_AFTER_MAIS):
                        clauses.contrast, clauses.contrast_word = i, norm
                continue
            hit = surface_get(norm) or lemma_get(lemma) or surface_get(lemma)
            if hit is None and globs:
                hit = _glob(idx, norm, lemma)
            if norm in homographs and _verb_position(seq, i, first, last):
                hit = homographs[norm]  # the verb reading: "« … », estime le ministre"
            if hit is not None and (keep_neutral or hit[1]):
                hits.append((i, i + 1, hit[0], hit[1], False))
        s_start = seq[first].start if last > first else 0
        s_end = seq[last - 1].end if last > first else 0
        if not hits:
            out.append((SentenceSentiment(sent.index, 0.0, "neutral", 0, 0, (), s_start, s_end),
                        {}))
            continue
        out.append(_apply_rules(text, seq, sent.index, first, last, s_start, s_end, hits,
                                clauses or _Clauses(), voice_of, lexicon.pos))
    return out


def _apply_rules(
    text: str,
    toks: Sequence[Token],
    sent_id: int,
    first: int,
    last: int,
    s_start: int,
    s_end: int,
    hits: list[_Hit],
    clauses: _Clauses,
    voice_of: Callable[[int], str] | None,
    pos: Mapping[str, str],
) -> tuple[SentenceSentiment, dict[str, tuple[float, int]]]:
    """Score one sentence's matches (modifiers, negation, contrast, concession,
    emphasis); also return per-voice (sum, hits) when ``voice_of`` is given. ``pos``:
    the lexicon's parts of speech (term → ``n``, ``adj`` …), for the negation's focus."""
    # no degree word, cue word, contrast or concession in the sentence (the common case):
    # every contribution is the valence
    plain = not (clauses.modifiers or clauses.cues or clauses.contrast >= 0
                 or clauses.concessions)
    words: list[WordScore] = []
    total = 0.0
    n_pos = n_neg = 0
    # cue offset → (one past the last word it negated, that word's part of speech)
    spent: dict[int, tuple[int, str]] = {}
    clauses.cues.sort()  # in text order for _cue_before (found in order, but say so)
    for h_first, h_last, term, valence, is_mwe in hits:
        if plain or valence == 0.0:
            v, rules = valence, _PLAIN_RULES[is_mwe, valence == 0.0]
        else:
            v, rules = _rules_for(toks, h_first, h_last, first, last, valence, is_mwe,
                                  clauses, spent, "" if is_mwe else pos.get(term, ""))
        total += v
        if v > 0:
            n_pos += 1
        elif v < 0:
            n_neg += 1
        tok = toks[h_first]
        start, end = tok.start, toks[h_last - 1].end
        words.append(WordScore(
            text[start:end] if is_mwe else tok.text, term, start, end, valence, v, rules,
            voice_of(start) if voice_of is not None else None,
        ))

    n_bangs = text.count("!", s_start, s_end)
    emphasis = _emphasis(total, n_bangs)
    score = normalize_score(total + emphasis)
    sent = SentenceSentiment(sent_id, score, sentiment_label(score), n_pos, n_neg,
                             tuple(words), s_start, s_end, emphasis)
    parts: dict[str, tuple[float, int]] = {}
    if voice_of is not None:
        sums: dict[str, float] = defaultdict(float)
        nhits: dict[str, int] = defaultdict(int)
        for w in words:
            assert w.voice is not None
            sums[w.voice] += w.contribution
            nhits[w.voice] += 1 if w.contribution else 0
        vbangs: dict[str, int] = defaultdict(int)
        if n_bangs:
            for k in range(first, last):
                if toks[k].kind == "punct" and "!" in toks[k].text:
                    vbangs[voice_of(toks[k].start)] += toks[k].text.count("!")
        for voice, s in sums.items():
            parts[voice] = (s + _emphasis(s, vbangs.get(voice, 0)), nhits[voice])
    return sent, parts


def _is_content(tok: Token) -> bool:
    """A word with a meaning of its own: not a stopword, cue, degree word, auxiliary,
    copula or modal (LIGHT_VERBS)."""
    norm = tok.norm
    return (tok.kind == "word" and norm not in stopwords() and norm not in _CUE_WORDS
            and norm not in _MODIFIER_WORDS and tok.lemma not in LIGHT_VERBS)


def _is_infinitive(tok: Token) -> bool:
    return tok.norm == tok.lemma and tok.norm.endswith(("er", "ir", "re"))


def _focus_before(toks: Sequence[Token], cue: int, h_first: int) -> int:
    """The first content word between the cue at token ``cue`` and the match at
    ``h_first`` — the negation's focus when it is not the match ("il ne faut pas
    oublier la guerre": *oublier*; "pas un contrepoids à l'hégémonie": *contrepoids*) —
    or -1. A verb of belief or saying (NEG_RAISING) passes the negation on to what it
    governs ("personne ne croit à la victoire")."""
    for k in range(cue + 1, h_first):
        t = toks[k]
        if _is_content(t) and t.lemma not in NEG_RAISING:
            return k
    return -1


#: Between two words one negation covers alike: a coordination and the determiners or
#: prepositions that repeat after it ("pas de violences et de pillages", "pas un échec
#: ou une humiliation", "ni la paix ni la sécurité").
_COORDINATION = frozenset({"et", "ou", "ni"})
_REPEATED_BEFORE_ITEM = frozenset(
    {"de", "d'", "des", "du", "le", "la", "les", "l'", "un", "une", "à", "au", "aux"})


def _shares_negation(
    toks: Sequence[Token], h_first: int, negated_end: int, negated_pos: str, pos: str
) -> bool:
    """Does the match at ``h_first`` share the negation of the word that ends at token
    ``negated_end`` (part of speech ``negated_pos``; ``pos``: this match's)? Yes for
    an adjective right after the negated noun ("pas un accord satisfaisant"), an item
    coordinated with it by ``et``/``ou``/``ni`` ("pas de violences et de pillages",
    "pas une bonne et juste décision"), and an infinitive that continues the negated
    predicate through ``à``/``de`` ("n'est pas parvenu à rassurer"). Not for the noun
    after a negated adjective ("pas un bon accord": the negation is counted once) nor
    the object of a negated verb ("n'a pas condamné l'invasion")."""
    if h_first == negated_end:  # a noun's adjective (a word without an entry: a noun too)
        return negated_pos in ("n", "") and pos == "adj"
    between = [t.norm for t in toks[negated_end:h_first]]
    if between[0] in _COORDINATION and all(w in _REPEATED_BEFORE_ITEM for w in between[1:]):
        return True
    if negated_pos in ("n", "") and between in (["de"], ["d'"], ["du"], ["des"]):
        return True  # what the negated noun holds: "aucun cas de choléra"
    return (h_first == negated_end + 1 and between[0] in ("à", "de", "d'")
            and _is_infinitive(toks[h_first]))


def _cue_before(cues: list[int], h_first: int) -> bool:
    """Does a cue word stand within NEGATION_WINDOW tokens before token ``h_first``?
    ``cues`` holds token indices in order (a bisection: a sentence of thousands of
    cues was quadratic)."""
    k = bisect_left(cues, h_first - NEGATION_WINDOW)
    return k < len(cues) and cues[k] < h_first


def _rules_for(
    toks: Sequence[Token], h_first: int, h_last: int, first: int, last: int,
    valence: float, is_mwe: bool, clauses: _Clauses, spent: dict[int, tuple[int, str]],
    pos: str = "",
) -> tuple[float, tuple[str, ...]]:
    """Contribution and rules of a non-neutral match [h_first, h_last) in the sentence
    [first, last): modifiers, then negation, contrast, concession. ``spent``
    maps the offset of each cue that negated an earlier word of the sentence to one
    past that word (this call adds or moves its own)."""
    rules: list[str] = ["mwe"] if is_mwe else []
    v = valence
    reversal = None
    mods, cues = clauses.modifiers, clauses.cues
    # exact shortcuts: no degree word within BOOSTER_WINDOW before the match →
    # _modifiers would find none; no cue word within NEGATION_WINDOW before it →
    # find_negation would find none (it only returns a cue from that window, or a cue
    # after the match when "ne", a cue word, stands right before it)
    if mods and not mods.isdisjoint(range(h_first - BOOSTER_WINDOW, h_first)):
        inc, mod_rules, reversal = _modifiers(toks, h_first, first, valence)
        rules += mod_rules
        v += inc
    cue = None
    if cues and _cue_before(cues, h_first):
        cue = find_negation(toks, h_first, sentence_start=first, last=h_last,
                            sentence_end=last)
    if cue is not None and cue.start not in spent and cue.start < toks[h_first].start:
        focus = _focus_before(toks, cue_index(toks, cue, h_first), h_first)
        if focus >= 0:  # the negation's focus is a word without an entry before the match
            spent[cue.start] = (focus + 1, "")
    if cue is not None and (
        cue.start in spent and not _shares_negation(toks, h_first, *spent[cue.start], pos)
    ):
        rules.append(f"beyond_negation:{cue.norm}")  # not the negation's focus
        cue = None
    elif cue is not None:
        spent[cue.start] = (h_last, pos)
    if cue is not None:
        v *= N_SCALAR
        rules.append(f"negation:{cue.norm}")
        if valence < 0:
            rules.append("litotes")
    elif reversal is not None:
        v *= N_SCALAR
        rules.append(f"negation:{reversal}")
    contrast = clauses.contrast
    if contrast >= 0:
        if h_first < contrast:
            v *= CONTRAST_BEFORE
            rules.append(f"contrast_before:{clauses.contrast_word}")
        elif h_first > contrast:
            v *= CONTRAST_AFTER
            rules.append(f"contrast_after:{clauses.contrast_word}")
    for c_start, c_end, c_word in clauses.concessions:
        if c_start < h_first < c_end:
            v *= CONCESSIVE_WEIGHT
            rules.append(f"concessive:{c_word}")
            break
    return v, tuple(rules)


#: rules of a match no rule touched, by (is MWE, is neutral)
_PLAIN_RULES: Mapping[tuple[bool, bool], tuple[str, ...]] = MappingProxyType({
    (False, False): (), (True, False): ("mwe",), (False, True): ("neutral",),
    (True, True): ("mwe", "neutral"),
})


def _emphasis(total: float, n_bangs: int) -> float:
    amp = min(n_bangs, EXCLAMATION_MAX) * EXCLAMATION_INCR
    if total > 0:
        return amp
    if total < 0:
        return -amp
    return 0.0


def score_tokens(
    toks: Tokens,
    lexicon: SentimentLexicon,
    *,
    voice_of: Callable[[int], str] | None = None,
    keep_neutral: bool = False,
) -> DocumentSentiment:
    """Score a tokenized document sentence by sentence (see the module docstring).

    ``voice_of`` (optional) maps a character offset to a voice (``narrator``,
    ``quote``, ``scare_quote`` …); each matched word is attributed to the voice of its
    first character and ``by_voice`` reports the per-voice scores.

    Each sentence's ``words`` lists the matches that moved its score. With
    ``keep_neutral=True`` it also lists the matched valence-0 entries (``gouvernement``,
    ``taux de chômage``), to check a lexicon's coverage; the scores are the same.
    """
    sentences: list[SentenceSentiment] = []
    voice_sum: dict[str, float] = defaultdict(float)
    voice_hits: dict[str, int] = defaultdict(int)
    voice_wsum: dict[str, float] = defaultdict(float)
    weight = 0
    weighted = 0.0
    n_pos = n_neg = 0
    for sent, parts in _score_document(lexicon, toks, voice_of, keep_neutral):
        sentences.append(sent)
        if sent.n_positive or sent.n_negative:
            n_pos += sent.n_positive
            n_neg += sent.n_negative
            weight += sent.n_positive + sent.n_negative
            weighted += sent.score * (sent.n_positive + sent.n_negative)
        for voice, (total, nh) in parts.items():
            voice_sum[voice] += total
            voice_hits[voice] += nh
            voice_wsum[voice] += normalize_score(total) * nh
    score = max(-1.0, min(1.0, weighted / weight)) if weight else 0.0
    by_voice = {v: (voice_wsum[v] / voice_hits[v] if voice_hits[v] else 0.0) for v in voice_sum}
    return DocumentSentiment(
        score=score,
        label=sentiment_label(score),
        n_positive=n_pos,
        n_negative=n_neg,
        sentences=tuple(sentences),
        by_voice=MappingProxyType(by_voice),
        voice_sums=MappingProxyType(dict(voice_sum)),
        voice_hits=MappingProxyType(dict(voice_hits)),
    )


def _as_lexicon(lexicon: SentimentLexicon | str | os.PathLike[str] | None) -> SentimentLexicon:
    if lexicon is None:
        return load_sentiment_lexicon()
    if isinstance(lexicon, SentimentLexicon):
        return lexicon
    return load_sentiment_lexicon(lexicon)


def score_text(
    text: str, lexicon: SentimentLexicon | str | os.PathLike[str] | None = None
) -> DocumentSentiment:
    """Tokenize and score ``text`` (default lexicon: the shipped ``sentiment_fr``)."""
    return score_tokens(_tokenize_text(text), _as_lexicon(lexicon))


# ----------------------------------------------------------------------------- actors


def actor_sentiment(
    doc_sentiment: DocumentSentiment,
    actor_mentions_by_sentence: Mapping[int, Sequence[str]],
) -> list[tuple[str, int, float]]:
    """Sentiment of the sentences that mention each actor group.

    ``actor_mentions_by_sentence`` maps a sentence index to the groups mentioned in it
    (one item per mention; see :func:`mentions_by_sentence`). Returns ``(group,
    mentions, mean score)`` rows — the mean over the distinct sentences that mention
    the group, neutral ones included — sorted by mentions (most first), then group.
    """
    by_id = {s.sent_id: s for s in doc_sentiment.sentences}
    mentions: dict[str, int] = defaultdict(int)
    scores: dict[str, list[float]] = defaultdict(list)
    for sent_id, groups in actor_mentions_by_sentence.items():
        sent = by_id.get(sent_id)
        if sent is None:
            continue
        for g in groups:
            mentions[g] += 1
        for g in dict.fromkeys(groups):
            scores[g].append(sent.score)
    rows = [(g, mentions[g], math.fsum(v) / len(v)) for g, v in scores.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def mentions_by_sentence(
    toks: Tokens, actors: Any = None, mentions: Sequence[Any] | None = None
) -> dict[int, list[str]]:
    """Sentence index → actor groups mentioned there, from ``framing.quotes``' actor
    table (``load_actors().find(toks)``; ``actors`` may be a table already loaded, and
    ``mentions`` its mentions in ``toks`` if already found). The module is imported
    on first use."""
    import importlib

    if actors is None:
        quotes = importlib.import_module("framing.quotes")
        actors = quotes.load_actors()
    starts = [s.first for s in toks.sentences]
    out: dict[int, list[str]] = defaultdict(list)
    for m in actors.find(toks) if mentions is None else mentions:
        k = bisect_right(starts, m.first) - 1
        if k < 0:
            continue
        entry = actors.get(m.actor)
        group = getattr(entry, "group", None) or m.actor
        out[toks.sentences[k].index].append(str(group))
    return dict(out)


# ---------------------------------------------------------------------------- compare


_COMPARE_COLUMNS = ["doc_id", "lexicon", "score", "label", "n_positive", "n_negative"]


def compare_sentiment(
    corpus_or_texts: Any,
    lexicons: SentimentLexicon | str | os.PathLike[str] | Sequence[
        SentimentLexicon | str | os.PathLike[str]] = ("sentiment_fr",),
) -> pd.DataFrame:
    """Score every document with every lexicon: one tidy row per (document, lexicon)
    with columns ``doc_id, lexicon, score, label, n_positive, n_negative``.

    ``corpus_or_texts``: a :class:`~framing.corpus.Corpus` (or any iterable of objects
    with ``doc_id`` and ``text``), a corpus :class:`~pathlib.Path`, a DataFrame with a
    ``text`` column, a mapping ``doc_id → text``, ``(doc_id, text)`` pairs, or plain
    strings (numbered from 1): :func:`framing.corpus.as_documents`. ``lexicons``: a
    list of lexicons, names or paths (one name alone is one lexicon). Each document
    is tokenized once.
    """
    import pandas as pd

    from .corpus import as_documents

    if isinstance(lexicons, (str, os.PathLike, SentimentLexicon)):
        lexicons = (lexicons,)
    lexs = [_as_lexicon(x) for x in lexicons]
    rows: list[tuple[str, str, float, str, int, int]] = []
    for doc in as_documents(corpus_or_texts, id_prefix=""):
        doc_id, toks = doc.doc_id, _tokenize_text(doc.text)
        for lex in lexs:
            d = score_tokens(toks, lex)
            rows.append((doc_id, lex.name, d.score, d.label, d.n_positive, d.n_negative))
    df = pd.DataFrame(rows, columns=_COMPARE_COLUMNS)
    return df.astype({"doc_id": str, "lexicon": str, "score": float, "label": str,
                      "n_positive": int, "n_negative": int})
