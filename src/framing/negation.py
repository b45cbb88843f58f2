"""French negation cues and their scope.

A span of tokens (a lexicon hit, a sentiment word) is *negated* when a negation cue
stands **before** it in the same clause, within ``NEGATION_WINDOW`` tokens.

Cues
----
* always a cue: ``pas``, ``jamais``, ``guère``, ``nullement``, ``aucunement``,
  ``aucun``/``aucune``/``aucuns``/``aucunes``, ``sans``, ``ni``, ``non`` (*non
  résolu*), ``point`` (after ``ne``), and the phrases ``en rien``, ``loin de``/``loin
  d'``, ``tout sauf``;
* a cue only after ``ne``/``n'`` in the same clause: ``plus``, ``rien``
  (``ne … plus``, ``n'… rien``; alone, ``plus`` means *more*);
* ``personne``, ``rien`` and ``nul`` when followed by ``ne``/``n'`` (``personne ne
  croit à …``, ``rien n'indique …``, ``nul ne peut …``).

A cue that negates a verb of concealment or denial (``cacher``, ``dissimuler``,
``masquer``, ``nier``, ``taire``) right beside it does not negate the object: *le
ministre ne cache pas son inquiétude* states the worry.

Not cues (the false friends): ``ne … que``, ``ne … plus que`` and ``ne … guère que``
(restriction: *ce n'est qu'un début*, *Pékin ne jure plus que par …*), ``pas seulement`` / ``pas
uniquement``, ``sans doute`` / ``sans aucun doute`` / ``sans nul doute`` / ``aucun
doute`` (*certainly*), ``sans cesse`` / ``sans précédent``, ``plus que jamais``,
``jamais autant`` / ``jamais aussi`` / ``jamais si`` (also after ``été``: *n'ont jamais
été aussi bonnes* is *better than ever*), ``pas mal de`` (*quite a lot of*), ``ni plus
ni moins``, ``pas à pas``, ``non seulement``, ``non plus``, ``non loin``, ``non à``
(*dire non à …* opposes, it does not negate), and the double negation ``pas sans`` /
``non sans`` (*ce n'est pas sans danger*: there is danger).

Scope: from the cue to the end of its clause. A clause ends at ``, ; : ( ) — –``, at
the conjunctions ``mais``, ``car``, ``donc``, ``or``, ``cependant``, ``pourtant``, at
``et``/``ou`` when a new clause starts right after them (``ne``/``n'``, a subject
pronoun or ``c'``/``ce``/``cela``: *n'est pas une alliance et ne vise aucun pays tiers*,
*… et c'est un contrepoids*), and at the sentence
end. ``pas`` after a determiner or adjective is the noun (*à petits pas*). A cue
*after* the span never negates it (``Le partenariat stratégique, personne n'y
croit`` is not a negated hit), and cues *inside* the span
belong to it (``n'est dirigée contre personne`` is a plain hit of its frame) — except
a cue after ``ne`` in the *gap* of a gapped pattern that holds no negation of its own
(:func:`find_gap_negation`, :func:`holds_negation`): ``Moscou ne respecte pas la
souveraineté de l'Ukraine`` is a negated hit of ``respect* ... souveraineté``, while
the refusal ``Pékin ne tolérera jamais aucune ingérence`` stays a plain hit of
``<tolérer> ... aucune ingérence*``, whose own words negate.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from .tokenizer import Token

__all__ = [
    "CLAUSE_BOUNDARIES",
    "CUE_WORDS",
    "NEGATION_WINDOW",
    "find_gap_negation",
    "find_negation",
    "holds_negation",
    "is_negated",
]

#: How many tokens back a cue may stand from the span it negates. VADER (Hutto &
#: Gilbert 2014) looks 3 words back in English; French separates the two parts of
#: negation and puts articles and adverbs in between ("n'est en rien un véritable
#: contrepoids"), so the window is wider and the clause boundary does most of the work.
NEGATION_WINDOW = 10

#: Tokens (normalised) that end a clause for negation scope.
CLAUSE_BOUNDARIES = frozenset(
    {",", ";", ":", "(", ")", "—", "–", "-", "mais", "car", "donc", "or", "cependant",
     "pourtant", "toutefois", "néanmoins", ".", "!", "?", "…", "...", "«", "»", "“", "”", '"'}
)

_ALWAYS = frozenset(
    {"pas", "jamais", "guère", "nullement", "aucunement", "aucun", "aucune", "aucuns",
     "aucunes", "sans", "ni", "non"}
)
#: Cues that stand before ``ne``: "Personne ne croit", "Rien n'indique", "Nul ne peut".
_BEFORE_NE = frozenset({"personne", "rien", "nul"})
#: Verbs of concealment and denial (forms and lemmas): negated, they affirm their
#: object ("ne cache pas son inquiétude", "n'a jamais caché son hostilité").
_CONCEAL = frozenset({
    "cacher", "caché", "cachée", "cachés", "cachées", "dissimuler", "dissimulé",
    "dissimulée", "dissimulés", "dissimulées", "masquer", "masque", "masquent", "masqué",
    "masquée", "nier", "nié", "niée", "niés", "niées", "taire",
})
_AFTER_NE = frozenset({"plus", "rien", "point"})
_NE = frozenset({"ne", "n'"})
_NOT_AFTER = {
    "pas": frozenset({"seulement", "uniquement", "que", "qu'", "moins", "sans"}),
    "guère": frozenset({"que", "qu'"}),  # "ne … guère que": hardly anything but (only)
    "sans": frozenset({"doute", "cesse", "précédent", "précédents", "conteste", "compter"}),
    "aucun": frozenset({"doute"}),  # "il ne fait aucun doute que", "sans aucun doute"
    "non": frozenset({"seulement", "plus", "loin", "sans", "pas", "à", "au", "aux"}),
}
#: "jamais" before a comparison is *more than ever*: "n'ont jamais été aussi bonnes".
_JAMAIS_COMPARED = frozenset({"autant", "aussi", "si", "tant"})
#: Participles that may stand between "jamais" and that comparison.
_JAMAIS_PARTICIPLES = frozenset({"été", "paru", "semblé", "eu"})
#: "pas sans" / "non sans": a double negation (litotes) that affirms.
_BEFORE_SANS = frozenset({"pas", "non", "point"})
_NOT_BEFORE = {
    "jamais": frozenset({"que", "qu'"}),
    # "pas" the noun: "à petits pas", "le premier pas", "un pas en avant"
    "pas": frozenset({"un", "le", "les", "des", "ce", "ces", "son", "ses", "leur", "leurs",
                      "premier", "premiers", "petit", "petits", "grand", "grands", "faux",
                      "au", "à", "mauvais", "deux", "quelques"}),
}
#: ``et``/``ou`` followed by one of these starts a coordinated clause, which ends the
#: scope: "n'est pas une alliance et ne vise aucun pays tiers".
_CLAUSE_AFTER_COORDINATION = frozenset(
    {"ne", "n'", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "j'", "c'", "ce",
     "cela", "ça"}
)


def _norm_at(toks: Sequence[Token], i: int) -> str:
    return toks[i].norm if 0 <= i < len(toks) else ""


def _cue_at(toks: Sequence[Token], i: int, lo: int, first: int) -> bool:
    norm = toks[i].norm
    nxt = _norm_at(toks, i + 1)
    prev = _norm_at(toks, i - 1)
    if norm in _ALWAYS:
        if nxt in _NOT_AFTER.get(norm, ()):
            return False
        after = _norm_at(toks, i + 2)
        if norm == "pas" and (
            (nxt == "mal" and after in ("de", "d'", "des", "du"))  # "pas mal de": a lot of
            or (nxt == "à" and after == "pas")  # "pas à pas": step by step
        ):
            return False
        if norm == "sans" and (prev in _BEFORE_SANS or (
            nxt in ("aucun", "nul") and after == "doute"
        )):
            return False  # "pas sans danger" (there is danger), "sans nul doute"
        if norm == "jamais":
            k = i + 2 if nxt in _JAMAIS_PARTICIPLES else i + 1
            if _norm_at(toks, k) in _JAMAIS_COMPARED:
                return False
        if norm == "ni" and (
            (nxt == "plus" and after == "ni" and _norm_at(toks, i + 3) == "moins")
            or (nxt == "moins" and prev == "plus" and _norm_at(toks, i - 2) == "ni")
        ):
            return False  # "ni plus ni moins": exactly
        return prev not in _NOT_BEFORE.get(norm, ())
    if norm in _BEFORE_NE and nxt in _NE:
        return True
    if norm == "sauf":
        return prev == "tout"  # "tout sauf satisfaisant"
    if norm in _AFTER_NE:
        if norm == "rien" and prev == "en":
            return True
        if nxt in ("que", "qu'"):
            return False  # "ne … plus que", "n'… rien que": restriction (only)
        return any(toks[k].norm in _NE for k in range(lo, i))
    if norm == "loin" and nxt in ("de", "d'"):
        return i + 1 < first
    return False


#: Every word that can be (part of) a negation cue, ``ne``/``n'`` included: a pattern
#: holding one of them expresses a negation itself (a refusal, a denial).
CUE_WORDS = _ALWAYS | _BEFORE_NE | _AFTER_NE | _NE | {"guère", "sauf", "loin"}


def _negates_a_concealment(toks: Sequence[Token], i: int, lo: int, first: int) -> bool:
    """Does the cue at token ``i`` negate a verb of concealment or denial beside it,
    before token ``first`` ("ne cache pas son inquiétude": the verb is negated, not
    the worry)?"""
    return any(toks[k].norm in _CONCEAL or toks[k].lemma in _CONCEAL
               for k in range(max(lo, i - 2), first))


def _clause_start(toks: Sequence[Token], first: int, sentence_start: int) -> int:
    """The first token of the clause that holds token ``first``, looking back at most
    ``NEGATION_WINDOW`` tokens and never before ``sentence_start``."""
    lo = first
    stop = max(sentence_start, first - NEGATION_WINDOW)
    while lo - 1 >= stop and toks[lo - 1].norm not in CLAUSE_BOUNDARIES and not (
        toks[lo - 1].norm in ("et", "ou") and lo < len(toks)
        and toks[lo].norm in _CLAUSE_AFTER_COORDINATION
    ):
        lo -= 1
    return lo


def find_gap_negation(
    toks: Sequence[Token], positions: Sequence[int], *, sentence_start: int = 0
) -> Token | None:
    """The negation cue standing in a gap of a gapped match, or None.

    ``positions`` are the tokens the pattern's elements matched, in order; the tokens
    between two of them are a gap. A cue there negates the elements after it when it
    belongs to a verb's negation, ``ne``/``n'`` standing before it in the clause (``ne
    respecte pas la souveraineté``: ``pas`` between ``respecte`` and
    ``souveraineté``); a cue without ``ne`` in a gap qualifies the verb, not the
    object (``défend sans relâche la souveraineté``, ``respecte sans réserve``). A
    clause boundary in the gap ends the cue's scope, and a cue beside a verb of
    concealment negates the verb (``ne cache pas son inquiétude``), as in
    :func:`find_negation`. Call it only for a pattern with no negation of its own
    (:func:`holds_negation`): a refusal's gap holds the rest of its own negation."""
    lo = _clause_start(toks, positions[0], sentence_start)
    for a, b in pairwise(positions):
        for i in range(b - 1, a, -1):
            if toks[i].norm in CLAUSE_BOUNDARIES:
                break
            if any(toks[k].norm in _NE for k in range(lo, i)) and _cue_at(toks, i, lo, b):
                return None if _negates_a_concealment(toks, i, lo, b) else toks[i]
    return None


class _Test(Protocol):
    def matches(self, norm: str, lemma: str) -> bool: ...


def holds_negation(elements: Sequence[_Test]) -> bool:
    """Does a pattern hold a negation of its own: an element that matches a cue word
    (:data:`CUE_WORDS`, tested as a form and as a lemma, so globs, lemmas and
    accent-free patterns count too), unless the next element makes it a false friend
    (``sans précédent``, ``pas seulement``)? ``plus``, ``rien`` and ``point`` count
    only beside a ``ne`` of the pattern (``plus juste`` negates nothing)."""
    has_ne = any(e.matches(w, w) for e in elements for w in _NE)
    for k, e in enumerate(elements):
        for w in CUE_WORDS:
            if w in _AFTER_NE and not has_ne:
                continue
            if e.matches(w, w):
                after = _NOT_AFTER.get(w, frozenset())
                nxt = elements[k + 1] if k + 1 < len(elements) else None
                if nxt is not None and any(nxt.matches(x, x) for x in after):
                    continue
                return True
    return False


def find_negation(
    toks: Sequence[Token], first: int, *, sentence_start: int = 0
) -> Token | None:
    """The negation cue that negates the span starting at token ``first``, or None.

    ``toks`` is a token sequence (a document's or a sentence's); the search never goes
    before ``sentence_start`` nor past a clause boundary or ``NEGATION_WINDOW`` tokens.
    """
    lo = _clause_start(toks, first, sentence_start)
    for i in range(first - 1, lo - 1, -1):
        if _cue_at(toks, i, lo, first):
            return None if _negates_a_concealment(toks, i, lo, first) else toks[i]
    return None


def is_negated(toks: Sequence[Token], first: int, *, sentence_start: int = 0) -> bool:
    """True when a cue negates the span starting at token ``first``."""
    return find_negation(toks, first, sentence_start=sentence_start) is not None
