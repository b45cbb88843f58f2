"""French negation cues and their scope.

A span of tokens (a lexicon hit, a sentiment word) is *negated* when a negation cue
stands **before** it in the same clause, within ``NEGATION_WINDOW`` tokens, or when the
span *is* the finite verb of a ``ne … pas`` negation (the post-verbal rule below).

Cues
----
* always a cue: ``pas``, ``guère``, ``nullement``, ``aucunement``,
  ``aucun``/``aucune``/``aucuns``/``aucunes`` (not after ``d'``: *d'aucuns y voient*
  means *some people see*), ``sans``, ``ni``, ``non`` (*non résolu*), and the phrases
  ``en rien``, ``loin de``/``loin d'``, ``tout sauf``;
* a cue only after an *open* ``ne``/``n'`` in the same clause: ``plus``, ``rien``,
  ``point`` (``ne … plus``, ``n'… rien``; alone, ``plus`` means *more*). A ``ne`` is
  open when no ``que``/``qu'``, ``pas``, ``point``, ``nullement``, ``aucunement`` or
  ``guère`` already closes it between it and the cue (``Ce n'est que la Chine qui offre
  plus de …``: ``plus`` means *more*);
* ``jamais`` after an open ``ne``, or first in its clause (``Jamais la Chine n'a …``,
  ``…, jamais un contrepoids``), but not after ``si`` (``si jamais``: *if ever*); elsewhere
  it means *ever* (``le plus grand sommet jamais consacré à …``);
* ``personne``, ``rien`` and ``nul`` when followed by ``ne``/``n'`` (``personne ne
  croit à …``, ``rien n'indique …``, ``nul ne peut …``).

The post-verbal rule: French puts ``ne`` before the finite verb and ``pas``, ``plus``,
``jamais``, ``nullement``, ``guère``, ``point``, ``aucunement``, ``personne``, ``rien``
after it. A span that starts with the finite verb right after ``ne`` (and its clitic
pronouns: ``ne le menace pas``, ``ne s'en cache pas``) is negated by such a cue right
after the span (after an inverted subject pronoun: ``ne menace-t-il pas``): *Pékin ne
menace nullement ses voisins* negates *menace*. :func:`find_negation` applies it when
it is given the span's end (``last``): without it, a cue after ``first`` may lie inside
the span (the refusal ``<accepter> plus ... hégémon*`` holds its own ``plus``), and a
cue inside the span belongs to it.

A cue that negates a verb whose negation affirms its complement — concealment and
denial (``cacher``, ``dissimuler``, ``masquer``, ``nier``, ``taire``: *le ministre ne
cache pas son inquiétude* states the worry) and ``se contenter de`` / ``se limiter à``
/ ``se borner à`` (*Pékin ne se contente pas de faire contrepoids* affirms the
counterweight, and more) — does not negate the span. The verb is the cue's: from
``CONCEALMENT_REACH`` tokens before the cue (the finite verb it follows: *ne cache
pas*, *ne s'en cache pas*) up to the span (a participle or infinitive after it: *n'a
jamais caché*); every form of these verbs is listed (the lemmatiser misses some:
*dissimulé*, *masque*).

Not cues (the false friends): ``ne … que``, ``ne … plus que`` and ``ne … guère que``
(restriction: *ce n'est qu'un début*, *Pékin ne jure plus que par …*), ``pas seulement`` / ``pas
uniquement`` / ``pas que`` (*not only*; but ``ne crois pas que``, after a verb of
``NEG_RAISING``, is a negation), ``sans doute`` / ``sans aucun doute`` / ``sans nul
doute`` / ``aucun doute`` (*certainly*), ``sans cesse`` / ``sans précédent``, ``plus que jamais``,
``jamais autant`` / ``jamais aussi`` / ``jamais si`` (also after ``été``: *n'ont jamais
été aussi bonnes* is *better than ever*), ``pas mal de`` (*quite a lot of*), ``ni plus
ni moins``, ``pas à pas``, ``non seulement``, ``non plus``, ``non loin``, ``non à``
(*dire non à …* opposes, it does not negate), ``d'aucuns``, ``si jamais``, and the
double negation ``pas sans`` / ``non sans`` (*ce n'est pas sans danger*: there is danger).

Scope: from the cue to the end of its clause, which ends at (``CLAUSE_BOUNDARIES``) ``,
; : ( ) — – -``, ``. ! ? … ...``, the conjunctions ``mais``, ``car``, ``donc``, ``or``,
``cependant``, ``pourtant``, ``toutefois``, ``néanmoins``; at ``et``/``ou`` when a new
clause starts right after them (``ne``/``n'``, a subject pronoun or ``c'``/``ce``/
``cela``: *n'est pas une alliance et ne vise aucun pays tiers*, *… et c'est un
contrepoids*); at ``et`` before a finite verb, after clitic pronouns if any, which
starts a coordinated clause sharing the subject (*Moscou ne signe rien et propose un
monde multipolaire*, *… et fait de la non-ingérence un principe*, *… et se pose en
contrepoids*), but not before an infinitive, a participle, a noun or an adjective,
which stay in the negated clause (*ne veut pas négocier et bâtir …*, *n'a pas conçu
et construit …*, *ce n'est pas un rival et un contrepoids*), nor when the ``et``
coordinates the verbs of a relative or ``NEG_RAISING`` clause that the negation
reaches (*ce n'est pas un pays qui signe et propose …*, *il ne faut pas que Pékin
cède et propose …*); without a tagger, a finite verb is told by its lemma and ending
(``_coordinated_verb`` states the limits), nor when the negative word is the subject
that both verbs share (*personne ne condamne Moscou et défend …*, *aucun pays*,
*nul*, *rien*, *ni … ni*), nor between two participles (*un monde conçu et
construit*) or two attributes of a negated copula (*n'a pas été libre et intègre*);
at a subordinating conjunction
(``SUBORDINATORS``: ``que``/``qu'``,
``pourquoi``, ``lorsque``, ``puisque``, ``parce``, ``quand``; ``si`` before a subject,
``s'`` before ``il``/``ils``): the negation of a main verb does not reach its
complement clause (*il ne faut pas oublier que …*, *personne ne conteste que …*, *ce
n'est pas un hasard si …*) — except ``que`` after a verb of belief, saying or proof
(``NEG_RAISING``: *rien ne prouve que …*, *je ne crois pas que …*), whose negation
bears on the complement; at a quotation mark (``QUOTE_MARKS``, every style: ``« » “ ” „
‟ ‹ › ‚ ‘ ’ " '``), unless the mark belongs to a short quotation of at most
``SCARE_QUOTE_WORDS`` words with no boundary inside (a scare-quoted term inside the
clause: *l'OCS n'est pas un « contrepoids »* is negated, while a quoted utterance is
the speaker's, not the narrator's: *il n'a pas dit « nous sommes devenus un vrai
contrepoids »*), except a quotation opening in the ``que`` clause of such a negated
verb of saying or belief, whose words are what it denies was said (*Poutine n'a
jamais dit que l'OCS était « un contrepoids à l'hégémonie américaine »* is negated;
:func:`_denied_saying_before`); and at the sentence end. ``pas`` after a determiner or adjective is
the noun (*à petits pas*). A cue *after* the span never negates it (``Le partenariat
stratégique, personne n'y croit`` is not a negated hit) except by the post-verbal rule,
and cues *inside* the span belong to it (``n'est dirigée contre personne`` is a plain
hit of its frame) — except a cue after ``ne`` in the *gap* of a gapped pattern that
holds no negation of its own (:func:`find_gap_negation`, :func:`holds_negation`):
``Moscou ne respecte pas la souveraineté de l'Ukraine`` is a negated hit of
``respect* ... souveraineté``, while the refusal ``Pékin ne tolérera jamais aucune
ingérence`` stays a plain hit of ``<tolérer> ... aucune ingérence*``, whose own words
negate.

For frame hits, the matcher also asks :func:`bears_on`: a hit that is the object of a
negated verb of ``NAMING_VERBS`` (*condamner*, *reconnaître*, *provoquer* …) is still
named, not denied (*la Chine n'a pas condamné l'invasion*); sentiment has its own
focus rule (:mod:`framing.sentiment`, rule 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from .tokenizer import Token, lemmatize

__all__ = [
    "AUXILIARIES",
    "CLAUSE_BOUNDARIES",
    "CONCEALMENT_REACH",
    "CUE_WORDS",
    "NAMING_VERBS",
    "NEGATION_WINDOW",
    "NEG_RAISING",
    "QUOTE_MARKS",
    "SCARE_QUOTE_WORDS",
    "SUBORDINATORS",
    "bears_on",
    "cue_index",
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

#: Tokens (normalised) that always end a clause for negation scope. Quotation marks,
#: subordinators and ``et``/``ou`` end it in context (see the module docstring).
CLAUSE_BOUNDARIES = frozenset(
    {",", ";", ":", "(", ")", "—", "–", "-", "mais", "car", "donc", "or", "cependant",
     "pourtant", "toutefois", "néanmoins", ".", "!", "?", "…", "..."}
)

#: Quotation marks of every style (French « », English “ ”, German „ “ and » «, single
#: ‹ › ‚ ‘ ’, straight " '), as punctuation tokens.
QUOTE_MARKS = frozenset({"«", "»", "“", "”", "„", "‟", "‹", "›", "‚", "‘", "’", '"', "'"})
#: Marks that only open (in French, English and German typography) or only close a
#: quotation; the others (“ closes a German „…“, " and ' do both) may do either.
_OPENING_ONLY = frozenset({"«", "‹", "„", "‚", "‟"})
_CLOSING_ONLY = frozenset({"»", "›", "”", "’"})
#: A quotation of at most this many words (elided ``l'``, ``d'`` not counted) inside
#: the clause is a scare-quoted term, not a quoted utterance: its marks do not end the
#: negation scope. The same limit as framing.quotes.SCARE_MAX_WORDS: French scare
#: quotes are terms of one to three words plus a determiner («contrepoids», « Sud
#: global », «opération militaire spéciale»).
SCARE_QUOTE_WORDS = 4

#: Subordinating conjunctions that open a complement or adverbial clause, which the
#: main clause's negation does not reach ("il ne faut pas oublier que …"). ``si`` and
#: ``s'`` count only before a subject (``_SUBJECT_START``): "pas si grand" is a degree.
SUBORDINATORS = frozenset(
    {"que", "qu'", "si", "s'", "pourquoi", "lorsque", "lorsqu'", "puisque", "puisqu'",
     "parce", "quand"}
)
#: Verbs and adjectives of belief, saying, proof, wish and necessity: negated, their
#: negation bears on their ``que`` clause ("rien ne prouve que X", "je ne crois pas que
#: X", "il ne faut pas que X": X is not asserted), unlike factive and other verbs
#: ("personne ne conteste que X", "nul n'ignore que X": X is asserted). Lemmas.
NEG_RAISING = frozenset(
    {"croire", "penser", "dire", "affirmer", "prétendre", "prouver", "démontrer",
     "montrer", "indiquer", "signifier", "sembler", "paraître", "vouloir", "souhaiter",
     "falloir", "garantir", "certain", "certaine", "sûr", "sûre", "évident", "évidente"}
)
#: Tokens skipped between a verb of NEG_RAISING and its ``que`` ("ne crois pas que",
#: "ne croit-il pas que": an inverted pronoun's normalised form is the bare pronoun).
_BEFORE_QUE_SKIP = frozenset(
    {"pas", "plus", "jamais", "guère", "point", "nullement", "aucunement", "vraiment",
     "forcément", "nécessairement", "du", "tout", "il", "elle", "on", "ils", "elles"}
)
#: What starts a subject after ``si`` (a subordinate clause: "si l'OCS veut …", "si
#: jamais …"), as opposed to the degree adverb ("pas si grand"); capitalised names too.
_SUBJECT_START = frozenset(
    {"le", "la", "les", "l'", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "mon",
     "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos",
     "leur", "leurs", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "j'", "tu",
     "c'", "cela", "ça", "jamais", "chaque", "tout", "tous", "toute", "toutes", "certains",
     "plusieurs", "aucun", "aucune", "personne", "rien"}
)

_ALWAYS = frozenset(
    {"pas", "guère", "nullement", "aucunement", "aucun", "aucune", "aucuns", "aucunes",
     "sans", "ni", "non"}
)
_AUCUN = frozenset({"aucun", "aucune", "aucuns", "aucunes"})
#: Cues that stand before ``ne``: "Personne ne croit", "Rien n'indique", "Nul ne peut".
_BEFORE_NE = frozenset({"personne", "rien", "nul"})
#: Cues only after an open ``ne`` (``jamais`` also first in its clause).
_AFTER_NE = frozenset({"plus", "rien", "point", "jamais"})
_NE = frozenset({"ne", "n'"})
#: Words that close a ``ne``: after them, ``plus``/``rien``/``point``/``jamais`` need
#: another ``ne`` ("n'est que … plus de": more). Not ``jamais``, ``plus``, ``rien``,
#: ``personne``, ``aucun``: they combine ("ne … plus jamais", "ne … jamais rien").
_NE_CLOSERS = frozenset({"que", "qu'", "pas", "point", "nullement", "aucunement", "guère"})
#: Clitic pronouns between ``ne`` and its finite verb ("ne le menace pas", "ne s'en
#: cache pas").
_CLITICS = frozenset(
    {"me", "m'", "te", "t'", "se", "s'", "le", "la", "les", "l'", "lui", "leur", "y", "en",
     "nous", "vous"}
)
#: Cues that follow the finite verb of ``ne … X`` (the post-verbal rule).
_POSTVERBAL = frozenset(
    {"pas", "plus", "jamais", "nullement", "guère", "point", "aucunement", "personne",
     "rien"}
)
#: Verbs whose negation affirms their complement: concealment and denial ("ne cache pas
#: son inquiétude", "n'a jamais caché son hostilité") and "se contenter de", "se limiter
#: à", "se borner à" ("ne se contente pas de faire contrepoids": that, and more).
#: Lemmas; their forms are generated (_AFFIRMING_FORMS), the lemmatiser missing some.
_AFFIRMING_LEMMAS = ("cacher", "dissimuler", "masquer", "nier", "contenter", "limiter",
                     "borner")
#: Endings of the regular -er verbs' forms: present, imperfect, simple past, future,
#: conditional, participles, infinitive.
_ER_ENDINGS = ("er", "e", "es", "ent", "ons", "ez", "ait", "aient", "ais", "a", "èrent",
               "era", "eront", "erait", "eraient", "é", "ée", "és", "ées", "ant")
_AFFIRMING_FORMS = frozenset(
    {lemma[:-2] + end for lemma in _AFFIRMING_LEMMAS for end in _ER_ENDINGS}
    # taire, irregular ("tu", its participle, is also the pronoun: left out)
    | {"taire", "tais", "tait", "taisent", "taisait", "taisaient", "taira", "tairont"}
)
#: How many tokens before the cue the finite verb of concealment may stand: right
#: before it ("ne cache pas"), or one token more ("ne cache-t-il pas").
CONCEALMENT_REACH = 2
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
    "jamais": frozenset({"que", "qu'", "si", "s'"}),  # "plus que jamais", "si jamais"
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
#: Clitic pronouns that may stand between ``et`` and the finite verb of a coordinated
#: clause that shares the subject ("et se pose en …", "et s'en prend à …", "et y voit
#: …", "et en fait …"). The reflexive ones (_REFLEXIVES) are always followed by a
#: verb; ``le``, ``la``, ``l'``, ``les``, ``leur`` (_ARTICLE_CLITICS) are also
#: determiners ("et la visite de Xi"), so after them only a form that no noun shares
#: counts (see _coordinated_verb).
_REFLEXIVES = frozenset({"se", "s'", "me", "m'", "te", "t'"})
_ARTICLE_CLITICS = frozenset({"le", "la", "l'", "les", "leur"})
_COORDINATED_CLITICS = _REFLEXIVES | _ARTICLE_CLITICS | {"en", "y", "lui"}
#: How many clitics may stand between ``et`` and the verb ("et s'en prend", "et le lui").
_MAX_CLITICS = 2
#: Finite endings of an -er verb after its stem (lemma minus -er): present, imperfect,
#: simple past, future, conditional, first and third persons ("propose", "proposent",
#: "proposait", "proposa", "proposera"); the 2nd singular -es/-as is left out (a plural
#: noun: "votes" is lemmatised "voter"), and the participles -é/-ée/-és/-ées, the
#: infinitive -er and the gerund -ant are not finite.
_ER_FINITE_SUFFIXES = (
    "e", "ent", "ons", "ez", "ions", "iez", "ais", "ait", "aient", "a", "èrent", "erai",
    "era", "erons", "erez", "eront", "erait", "eraient"
)
#: Finite endings of the other verbs (-ir, -re, -oir, être, avoir, aller): 3rd person
#: singular -t/-d ("soutient", "défend", "est", "fait"), plural -nt ("sont", "prennent"),
#: future -ra, 1st/2nd plural; "a" and "va" are the two 3rd persons without one.
_OTHER_FINITE_ENDINGS = ("t", "d", "nt", "ra", "ons", "ez")
_BARE_FINITE = frozenset({"a", "va"})
#: Feminine adjectives that simplemma lemmatises to an -er verb (*activer*,
#: *objectiver*, *prêter*, *violenter*) and that, after ``et``, are far more often the
#: adjective ("une diplomatie discrète et active"): not finite verbs. Found by
#: lemmatising frequent adjectives, and by a reviewer; a closed list (*arrive* stays a
#: verb; *inquiète*, *intègre*: _ADJECTIVES_AFTER_COPULA).
_ADJECTIVES_NOT_VERBS = frozenset(
    {"active", "objective", "prête", "violente", "résilient", "résiliente", "innocente",
     "suspecte", "captive", "floue", "mécontente", "patiente"}
)
#: Adjectives that are also a frequent finite verb (*intégrer*, *inquiéter*): the
#: adjective after a negated copula, whose attributes ``et`` coordinates ("le scrutin
#: n'a pas été libre et intègre", "la Russie n'est pas isolée et inquiète"), the verb
#: elsewhere ("Pékin ne cède rien et inquiète ses voisins"). Found by a reviewer.
_ADJECTIVES_AFTER_COPULA = frozenset({"intègre", "intègres", "inquiète", "inquiètes"})
#: Copulas (lemmas; "été" is *être*): the verb whose attributes an ``et`` coordinates.
_COPULAS = frozenset({"être", "sembler", "paraître", "rester", "demeurer", "devenir"})
#: Negative words that are the subject of the negated clause ("personne ne condamne",
#: "aucun pays ne", "nul ne", "rien n'annonce", "ni Pékin ni Moscou ne"): coordinated
#: verbs share the subject, and with it the negation ("Personne ne condamne Moscou et
#: défend …": nobody defends either).
_NEGATIVE_SUBJECTS = frozenset({"personne", "nul", "nulle", "rien", "aucun", "aucune", "ni"})
#: Tokens before ``ne`` among which a negative subject is looked for ("aucun grand pays
#: ne": 3; "ni Pékin ni Moscou ne": the second "ni").
_SUBJECT_REACH = 3
#: Relative pronouns: an ``et`` after one coordinates the verbs of the relative clause,
#: which the negation reaches ("ce n'est pas un pays qui signe et propose …", "… où
#: Pékin signe et propose …", "dont"; "lequel" and its forms after a preposition).
_RELATIVES = frozenset(
    {"qui", "où", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "auquel",
     "auxquels", "auxquelles", "duquel", "desquels", "desquelles"}
)
#: Latin phrases whose "a" is no verb ("et a fortiori le bloc …").
_LATIN_AFTER_A = frozenset({"fortiori", "priori", "posteriori", "contrario", "minima",
                            "maxima"})
#: The auxiliaries of the compound tenses (lemmas): after ``n'a pas signé``, an ``et``
#: + a form that is also a past participle ("construit", "fait") coordinates two
#: participles ("n'a pas conçu et construit"), not two clauses; sentiment's idioms
#: take a written-out participle only after one ("a tourné court").
AUXILIARIES = frozenset({"avoir", "être"})


def _norm_at(toks: Sequence[Token], i: int) -> str:
    return toks[i].norm if 0 <= i < len(toks) else ""


def _met_before(toks: Sequence[Token], lo: int, i: int, wanted: frozenset[str],
                stops: frozenset[str]) -> bool:
    """Walking back from token ``i`` to token ``lo``, is a form of ``wanted`` met before
    one of ``stops``?"""
    for k in range(i - 1, lo - 1, -1):
        norm = toks[k].norm
        if norm in wanted:
            return True
        if norm in stops:
            return False
    return False


def _open_ne(toks: Sequence[Token], lo: int, i: int) -> bool:
    """Is there a ``ne`` among tokens [lo, i) that no closer (``que``, ``pas`` …)
    follows before token ``i``?"""
    return _met_before(toks, lo, i, _NE, _NE_CLOSERS)


def _cue_at(toks: Sequence[Token], i: int, lo: int, first: int) -> bool:
    norm = toks[i].norm
    nxt = _norm_at(toks, i + 1)
    prev = _norm_at(toks, i - 1)
    if norm in _ALWAYS:
        if nxt in _NOT_AFTER.get(norm, ()) and not (
            nxt in ("que", "qu'") and _que_governed_by_neg_raising(toks, i + 1, lo)
        ):
            return False  # "pas seulement", "pas que" (not only) but "ne crois pas que"
        if norm in _AUCUN and prev == "d'":
            return False  # "d'aucuns y voient": some people see
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
        if norm == "jamais":
            k = i + 2 if nxt in _JAMAIS_PARTICIPLES else i + 1
            if _norm_at(toks, k) in _JAMAIS_COMPARED or prev in _NOT_BEFORE["jamais"]:
                return False
            if i == lo:  # first in its clause: "Jamais la Chine n'a …", unless a
                # comparison follows before the span ("Jamais l'OCS n'a autant ressemblé
                # à …": more than ever)
                return not any(toks[k].norm in _JAMAIS_COMPARED for k in range(i + 1, first))
        return _open_ne(toks, lo, i)
    if norm == "loin" and nxt in ("de", "d'"):
        return i + 1 < first
    return False


#: Every word that can be (part of) a negation cue, ``ne``/``n'`` included: a pattern
#: holding one of them expresses a negation itself (a refusal, a denial).
CUE_WORDS = _ALWAYS | _BEFORE_NE | _AFTER_NE | _NE | _POSTVERBAL | {"sauf", "loin"}


def _affirming_verb(tok: Token) -> bool:
    return tok.norm in _AFFIRMING_FORMS or tok.lemma in _AFFIRMING_LEMMAS


def _negates_a_concealment(toks: Sequence[Token], i: int, lo: int, first: int) -> bool:
    """Does the cue at token ``i`` negate a verb of concealment or denial (or "se
    contenter de") standing from ``CONCEALMENT_REACH`` tokens before it up to token
    ``first`` ("ne cache pas son inquiétude": the verb is negated, not the worry)?"""
    return any(_affirming_verb(toks[k])
               for k in range(max(lo, i - CONCEALMENT_REACH), first))


def _que_governed_by_neg_raising(toks: Sequence[Token], k: int, lo: int) -> bool:
    """Does the ``que`` at token ``k`` follow a verb of NEG_RAISING ("ne crois pas
    que"), skipping the negation and adverbs between them?"""
    j = k - 1
    while j >= lo and toks[j].norm in _BEFORE_QUE_SKIP:
        j -= 1
    return j >= lo and (toks[j].lemma in NEG_RAISING or toks[j].norm in NEG_RAISING)


def _subordinator_at(toks: Sequence[Token], k: int, stop: int) -> bool:
    """Does token ``k`` open a subordinate clause (see SUBORDINATORS)?"""
    norm = toks[k].norm
    if norm not in SUBORDINATORS:
        return False
    nxt = _norm_at(toks, k + 1)
    if norm == "si":
        return nxt in _SUBJECT_START or (k + 1 < len(toks) and toks[k + 1].text[:1].isupper())
    if norm == "s'":
        return nxt in ("il", "ils")
    if norm == "quand":
        return nxt != "même"  # "quand même": all the same
    if norm in ("que", "qu'"):
        return not _que_governed_by_neg_raising(toks, k, stop)
    return True


def _words_between(toks: Sequence[Token], a: int, b: int) -> int | None:
    """Words among tokens (a, b), elisions not counted; None if a clause boundary or
    another quotation mark stands there."""
    n = 0
    for k in range(a + 1, b):
        t = toks[k]
        if t.norm in CLAUSE_BOUNDARIES or t.norm in QUOTE_MARKS:
            return None
        if t.kind in ("word", "number"):
            n += 1
    return n


def _short_quotation_start(toks: Sequence[Token], q: int, stop: int) -> int | None:
    """If the quotation mark at token ``q`` belongs to a short quotation (at most
    SCARE_QUOTE_WORDS words, no boundary inside), the token of its opening mark, at or
    after ``stop``; else None. A mark is read as closing first (when it may close and
    an opening mark stands within reach before it), then as opening."""
    mark = toks[q].norm
    reach = 2 * (SCARE_QUOTE_WORDS + 2)  # tokens: the words and marks, elisions between
    if mark not in _OPENING_ONLY:  # read as closing: its opening mark before it
        o = _short_partner(toks, q, range(q - 1, max(stop, q - 1 - reach) - 1, -1),
                           _CLOSING_ONLY)
        if o is not None:
            return o
    if mark not in _CLOSING_ONLY and _short_partner(  # read as opening: its closing mark
            toks, q, range(q + 1, min(len(toks), q + 1 + reach)), _OPENING_ONLY) is not None:
        return q
    return None


def _short_partner(toks: Sequence[Token], q: int, span: range, wrong: frozenset[str]
                   ) -> int | None:
    """The first quotation mark met in ``span`` (walking away from the mark at token
    ``q``), if it is not of the ``wrong`` kind and closes a short quotation with it
    (1 to SCARE_QUOTE_WORDS words, no boundary between); else None."""
    for o in span:
        if toks[o].norm in QUOTE_MARKS:
            if toks[o].norm in wrong:
                return None
            n = _words_between(toks, min(o, q), max(o, q))
            return o if n is not None and 0 < n <= SCARE_QUOTE_WORDS else None
    return None


def _ends_clause(toks: Sequence[Token], k: int, stop: int, floor: int) -> bool:
    """Does token ``k`` end the clause that follows it (a boundary, ``et``/``ou``
    before a new clause, ``et`` before the finite verb of a clause that shares the
    subject, a subordinator)? Quotation marks are handled apart. ``floor``: the
    first token of the sentence (or clause) that holds token ``k``."""
    norm = toks[k].norm
    if norm in CLAUSE_BOUNDARIES:
        return True
    if norm in ("et", "ou"):
        return _norm_at(toks, k + 1) in _CLAUSE_AFTER_COORDINATION or (
            norm == "et" and _coordinated_verb(toks, k, floor))
    return _subordinator_at(toks, k, stop)


def _coordinated_verb(toks: Sequence[Token], k: int, floor: int) -> bool:
    """Does the ``et`` at token ``k`` start a coordinated clause that shares the subject
    of the negated clause before it: is it followed (after clitic pronouns) by a finite
    verb ("Moscou ne signe rien et propose …", "n'a pas voté la résolution et défend
    …", "et se pose en …"), and does it coordinate that clause's verb rather than the
    verbs of a relative or complement clause inside it (_coordinates_negated_verb)?

    No part-of-speech tagger: a word is a finite verb when simplemma lemmatises it to
    a verb (lemma in -er, -ir, -re) other than itself and it has a finite ending of
    that verb (_ER_FINITE_SUFFIXES, _OTHER_FINITE_ENDINGS); after a reflexive pronoun,
    which only a verb follows, any form but an infinitive, participle or gerund. So
    an infinitive ("et créer", "et de créer"), a participle ("et ratifié"), a noun or
    adjective ("et un rival", "et leurs alliés") keep the scope running. Limits, all
    on the side of keeping the scope: a noun-verb homograph that simplemma takes for
    the noun ("et signe", "et porte", "et joue") is missed; an adverb before the verb
    ("et surtout propose") hides it; after ``le``/``la``/``les``/``l'``/``leur`` (also
    determiners) an -e form ("et la visite") and a participle-like form are not
    taken; a form that is also a past participle ("fait", "construit", "offert") is
    one after a negated auxiliary ("n'a pas conçu et construit") or when no negated
    verb is found; and the feminine participles that simplemma takes for -er verbs
    ("mise", "prise": *miser*, *priser*) are told apart by their masculine ("mis":
    *mettre*). Only ``et``: a finite verb sharing the subject is rare after ``ou``,
    which is left as it was."""
    j = k + 1
    reflexive = article = False
    while j < len(toks) and j <= k + _MAX_CLITICS and toks[j].norm in _COORDINATED_CLITICS:
        reflexive = reflexive or toks[j].norm in _REFLEXIVES
        article = article or toks[j].norm in _ARTICLE_CLITICS
        j += 1
    if j >= len(toks):
        return False
    tok = toks[j]
    if tok.kind != "word" or not tok.text[:1].islower():
        return False
    norm, lemma = tok.norm, tok.lemma
    if norm in _BARE_FINITE:
        return _norm_at(toks, j + 1) not in _LATIN_AFTER_A and _coordinates_negated_verb(
            toks, k, floor, participle=False)
    if norm in _ADJECTIVES_AFTER_COPULA and _after_negated_copula(toks, k, floor):
        return False
    if lemma.endswith("er") and lemma != norm and norm not in _ADJECTIVES_NOT_VERBS:
        stem = lemma[:-2]
        if norm.startswith(stem):
            suffix = norm[len(stem):]
            if stem[-1:] in ("l", "t") and suffix[:1] == stem[-1]:  # "appelle", "jette"
                suffix = suffix[1:]
            if suffix not in _ER_FINITE_SUFFIXES:
                return False
        elif not norm.endswith(_ER_FINITE_SUFFIXES):  # another stem change: "mène", "cède"
            return False
        if norm[-1] == "e":  # a noun after a determiner, a feminine participle ("mise")?
            masculine = norm[:-1]
            base = lemmatize(masculine)
            if article or (base not in (masculine, lemma) and base.endswith(("ir", "re"))):
                return False
        return _coordinates_negated_verb(toks, k, floor, participle=False)
    if lemma.endswith(("ir", "re")) and lemma != norm:
        if not (norm.endswith(_OTHER_FINITE_ENDINGS) or (
                lemma.endswith("ir") and norm == lemma[:-2] + "e")):  # "ouvre", "accueille"
            return False
        if norm.endswith("ant"):
            return False  # a gerund: "faisant"
        participle = (norm.endswith(("it", "int")) and lemma.endswith("re")) or (
            norm.endswith(("ert", "ort")) and lemma.endswith("rir"))
        return not (participle and article) and _coordinates_negated_verb(
            toks, k, floor, participle=participle)
    # a form simplemma takes for a noun or for itself: a verb only after a reflexive
    # ("et se pose en …"), unless an infinitive, participle or gerund
    return reflexive and not (
        norm.endswith(("ant", "é", "ée", "és", "ées"))
        or (norm == lemma and norm.endswith(("er", "ir", "re")))
    ) and _coordinates_negated_verb(toks, k, floor, participle=False)


def _coordinates_negated_verb(toks: Sequence[Token], k: int, floor: int, *,
                              participle: bool) -> bool:
    """Does the finite verb after the ``et`` at token ``k`` start a clause of its own
    beside the negated one, whose ``ne`` :func:`_negated_clause_ne` finds? Not when a
    relative pronoun or a ``que`` after a verb of NEG_RAISING comes first (the ``et``
    then coordinates the verbs of a clause that the negation reaches: "ce n'est pas un
    pays qui signe et propose …", "il ne faut pas que Pékin cède et devienne …"), nor
    when a negative word is the subject both verbs share ("personne ne condamne … et
    défend …"). A form that is also a past participle (``participle``: "construit",
    "fait") needs that ``ne``, no participle right before the ``et`` ("un monde conçu
    et construit") and a negated verb that is not an auxiliary ("n'a pas conçu et
    construit"); another finite verb needs no ``ne`` ("sans …")."""
    ne = _negated_clause_ne(toks, k, floor)
    if ne is None:
        return not participle
    if ne < 0 or _negative_subject(toks, ne, floor):
        return False
    if not participle:
        return True
    before = toks[k - 1]
    if _verb_form(before) and before.lemma != before.norm and before.lemma.endswith(
            ("er", "ir", "re", "oir")):
        return False  # two participles: "un monde conçu et construit"
    v = ne + 1
    while v < k and toks[v].norm in _CLITICS:
        v += 1
    return v < k and toks[v].lemma not in AUXILIARIES


def _negated_clause_ne(toks: Sequence[Token], k: int, floor: int) -> int | None:
    """The ``ne`` of the clause before the ``et`` at token ``k`` (walking back to
    ``floor``, a clause boundary or NEGATION_WINDOW tokens), None if there is none, -1
    if a relative pronoun (_RELATIVES) or a ``que`` after a verb of NEG_RAISING comes
    first (the ``et`` coordinates the verbs of a relative or complement clause that
    the negation reaches)."""
    for j in range(k - 1, max(floor, k - NEGATION_WINDOW) - 1, -1):
        norm = toks[j].norm
        if norm in CLAUSE_BOUNDARIES:
            return None
        if norm in _RELATIVES or (norm in ("que", "qu'") and _que_governed_by_neg_raising(
                toks, j, floor)):
            return -1
        if norm in _NE:
            return j
    return None


def _negative_subject(toks: Sequence[Token], ne: int, floor: int) -> bool:
    """Is a negative word (_NEGATIVE_SUBJECTS) the subject before the ``ne`` at token
    ``ne``: among the few tokens before it, in its clause?"""
    return _met_before(toks, max(floor, ne - 1 - _SUBJECT_REACH), ne, _NEGATIVE_SUBJECTS,
                       CLAUSE_BOUNDARIES)


def _after_negated_copula(toks: Sequence[Token], k: int, floor: int) -> bool:
    """Is the ``et`` at token ``k`` in a clause whose negated verb is a copula (_COPULAS:
    "n'est pas isolée et …", "n'a pas été libre et …")?"""
    ne = _negated_clause_ne(toks, k, floor)
    return ne is not None and ne >= 0 and any(
        toks[v].lemma in _COPULAS for v in range(ne + 1, k))


def _clause_start(toks: Sequence[Token], first: int, sentence_start: int) -> int:
    """The first token of the clause that holds token ``first``, looking back at most
    ``NEGATION_WINDOW`` tokens and never before ``sentence_start``; a short quotation
    is crossed whole."""
    lo = first
    stop = max(sentence_start, first - NEGATION_WINDOW)
    while lo > stop:
        k = lo - 1
        if toks[k].norm in QUOTE_MARKS:
            opening = _short_quotation_start(toks, k, stop)
            if opening is not None:
                lo = opening
            elif toks[k].norm not in _CLOSING_ONLY and _denied_saying_before(
                    toks, k, stop, sentence_start):
                lo = k  # the words quoted are what the negated verb says was not said
            else:
                break
            continue
        if _ends_clause(toks, k, stop, sentence_start):
            break
        lo = k
    return lo


def _denied_saying_before(toks: Sequence[Token], q: int, stop: int,
                          sentence_start: int) -> bool:
    """Does the quotation opening at token ``q`` stand in a ``que`` clause of a negated
    verb of NEG_RAISING, in its clause ("n'a jamais dit que l'OCS était « un
    contrepoids à l'hégémonie américaine »", "rien ne prouve que Pékin veuille « … »")?
    Its words are then what the negation denies was said, and they are negated like
    the rest of the clause; a quotation after a colon or a comma ("a déclaré : « … »")
    is a quoted utterance, which the negation before it does not reach."""
    for j in range(q - 1, stop - 1, -1):
        norm = toks[j].norm
        if norm in ("que", "qu'") and _que_governed_by_neg_raising(toks, j, stop):
            return any(toks[i].norm in _NE for i in range(stop, j))
        if norm in QUOTE_MARKS or _ends_clause(toks, j, stop, sentence_start):
            return False
    return False


def _postverbal_cue(
    toks: Sequence[Token], first: int, last: int, sentence_start: int, sentence_end: int
) -> Token | None:
    """The cue of the post-verbal rule: the span [first, last) starts with the finite
    verb right after ``ne`` and its clitics, and a cue of ``_POSTVERBAL`` follows the
    span (after an inverted subject pronoun) in its sentence (before ``sentence_end``:
    a title ending "ne menace" and a next line "Personne n'a …" are two sentences):
    "ne menace nullement", or None."""
    k = first - 1
    while k >= sentence_start and toks[k].norm in _CLITICS:
        k -= 1
    if k < sentence_start or toks[k].norm not in _NE:
        return None
    j = last
    if j < sentence_end and toks[j].text.startswith("-"):
        j += 1  # "ne menace-t-il pas"
    if j >= sentence_end or toks[j].norm not in _POSTVERBAL:
        return None
    if toks[j].norm == "personne":
        ok = _norm_at(toks, j + 1) not in ("que", "qu'", "d'", "de")  # personne d'autre que
    else:
        ok = _cue_at(toks, j, k, j)
    return toks[j] if ok else None


#: Verbs that judge or act on what their object refers to, which the sentence takes
#: as given (lemmas): negated, they still name it ("n'a pas condamné l'invasion", "ne
#: reconnaît pas la guerre d'agression", "n'a pas renoncé au partenariat stratégique",
#: "n'a pas été provoquée par l'opération militaire spéciale"), so a frame hit in that
#: object is not negated. Other verbs keep the negation on their object, as creating
#: verbs must ("ne crée aucun bloc", "loin de bâtir un monde multipolaire"), and so do
#: verbs of mentioning: "le communiqué ne mentionne pas l'intégrité territoriale"
#: reports an absence (the lexicons' counter-examples). A closed list: a verb missing
#: from it keeps the earlier behaviour (the hit is negated).
NAMING_VERBS = frozenset(
    {"condamner", "dénoncer", "qualifier", "critiquer", "saluer", "soutenir",
     "approuver", "applaudir", "reconnaître", "regretter", "déplorer", "justifier",
     "renoncer", "abandonner", "provoquer", "causer", "déclencher", "financer",
     "arrêter", "stopper", "empêcher", "freiner", "cesser", "interrompre", "rejeter",
     "contester", "défendre", "quitter", "rompre"}
)
#: Endings of the participles and infinitives that may stand between a cue and the
#: phrase ("n'a pas condamné", "sans condamner", "n'a pas été provoquée").
_VERB_FORM_ENDINGS = ("é", "ée", "és", "ées", "er", "ir", "re", "i", "is", "ie", "ies",
                      "u", "us", "ue", "ues", "it", "ite", "its", "ites", "ert", "erte")
#: Between a finite verb and its cue: "n'est en rien", "ne l'a jamais", "n'a-t-il pas".
_SKIP_BEFORE_CUE = frozenset({"en", "il", "elle", "on", "ils", "elles", "y"})


def _verb_form(tok: Token) -> bool:
    """A participle or infinitive by its ending (no part-of-speech tagger: an
    adjective such as *véritable* or *crédible* does not end so)."""
    return tok.kind == "word" and tok.text[:1].islower() and len(tok.norm) > 3 and (
        tok.norm.endswith(_VERB_FORM_ENDINGS))


def _names(tok: Token) -> bool:
    """Is ``tok`` a form of a verb of NAMING_VERBS (a past participle in -é too, which
    the lemmatiser may take for an adjective: *condamné*)?"""
    if tok.lemma in NAMING_VERBS:
        return True
    norm = tok.norm
    for end in ("ées", "és", "ée", "é"):
        if norm.endswith(end):
            return norm[: -len(end)] + "er" in NAMING_VERBS
    return False


def cue_index(toks: Sequence[Token], cue: Token, before: int) -> int:
    """The index of ``cue`` (a token :func:`find_negation` returned for a span starting
    at token ``before``, the cue before it) in ``toks``."""
    k = before - 1
    while toks[k].start != cue.start:
        k -= 1
    return k


def bears_on(toks: Sequence[Token], cue: Token, first: int) -> bool:
    """Does the negation ``cue`` (a token before ``first``, as :func:`find_negation`
    returns it) deny the phrase that starts at token ``first`` (a frame hit after it),
    rather than only the verb whose object it is?

    The verb nearest before the phrase decides: a participle or infinitive between the
    cue and the phrase ("n'a pas condamné l'invasion", "sans condamner l'invasion"),
    else the finite verb right before the cue ("ne reconnaît pas la guerre
    d'agression"). When that verb is one of ``NAMING_VERBS`` the phrase is still named,
    not denied; otherwise (a copula, "il n'y a pas", "ne crée aucun", no verb at all:
    "aucune ingérence", "sans ingérence") the negation bears on it."""
    at = cue_index(toks, cue, first)
    for k in range(first - 1, at, -1):
        t = toks[k]
        if _verb_form(t):
            return not _names(t)
    k = at - 1
    while k >= 0 and (toks[k].norm in _NE or toks[k].norm in _CLITICS
                      or toks[k].norm in _SKIP_BEFORE_CUE):
        k -= 1
    return k < 0 or not _names(toks[k])


def find_gap_negation(
    toks: Sequence[Token], positions: Sequence[int], *, sentence_start: int = 0
) -> Token | None:
    """The negation cue standing in a gap of a gapped match, or None.

    ``positions`` are the tokens the pattern's elements matched, in order; the tokens
    between two of them are a gap. A cue there negates the elements after it when it
    belongs to a verb's negation, an open ``ne``/``n'`` standing before it in the
    clause (``ne respecte pas la souveraineté``: ``pas`` between ``respecte`` and
    ``souveraineté``); a cue without ``ne`` in a gap qualifies the verb, not the
    object (``défend sans relâche la souveraineté``, ``respecte sans réserve``). A
    clause boundary in the gap (as in :func:`find_negation`: punctuation, a
    subordinator, a quotation mark that is not part of a short quotation) ends the
    cue's scope, and a cue beside a verb of concealment negates the verb (``ne cache
    pas son inquiétude``), as in :func:`find_negation`. Call it only for a pattern with
    no negation of its own (:func:`holds_negation`): a refusal's gap holds the rest of
    its own negation."""
    lo = _clause_start(toks, positions[0], sentence_start)
    for a, b in pairwise(positions):
        i = b - 1
        while i > a:
            if toks[i].norm in QUOTE_MARKS:
                if _short_quotation_start(toks, i, a + 1) is None:
                    break
            elif _ends_clause(toks, i, lo, lo):
                break
            elif any(toks[k].norm in _NE for k in range(lo, i)) and _cue_at(toks, i, lo, b):
                return None if _negates_a_concealment(toks, i, lo, b) else toks[i]
            i -= 1
    return None


class _Test(Protocol):
    def matches(self, norm: str, lemma: str) -> bool: ...


def holds_negation(elements: Sequence[_Test]) -> bool:
    """Does a pattern hold a negation of its own: an element that matches a cue word
    (:data:`CUE_WORDS`, tested as a form and as a lemma, so globs, lemmas and
    accent-free patterns count too), unless the next element makes it a false friend
    (``sans précédent``, ``pas seulement``)? ``plus``, ``rien``, ``point`` and
    ``jamais`` count only beside a ``ne`` of the pattern (``plus juste`` negates
    nothing)."""
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
    toks: Sequence[Token], first: int, *, sentence_start: int = 0, last: int | None = None,
    sentence_end: int | None = None,
) -> Token | None:
    """The negation cue that negates the span starting at token ``first``, or None.

    ``toks`` is a token sequence (a document's or a sentence's); the search never goes
    before ``sentence_start`` nor past a clause boundary or ``NEGATION_WINDOW`` tokens.
    A cue before the span is looked for first; then, when ``last`` (one past the span's
    last token) is given, the post-verbal rule (the span starts with the finite verb
    after ``ne``, the cue stands right after the span, before ``sentence_end``, the end
    of the sentence, by default of ``toks``: "ne menace nullement").
    """
    lo = _clause_start(toks, first, sentence_start)
    for i in range(first - 1, lo - 1, -1):
        if _cue_at(toks, i, lo, first):
            return None if _negates_a_concealment(toks, i, lo, first) else toks[i]
    if last is None:
        return None
    end = len(toks) if sentence_end is None else min(sentence_end, len(toks))
    return _postverbal_cue(toks, first, last, sentence_start, end)


def is_negated(
    toks: Sequence[Token], first: int, *, sentence_start: int = 0, last: int | None = None,
    sentence_end: int | None = None,
) -> bool:
    """True when a cue negates the span [first, last) (see :func:`find_negation`)."""
    return find_negation(toks, first, sentence_start=sentence_start, last=last,
                         sentence_end=sentence_end) is not None
