"""Direct quotes, their speakers, and the voice of every span of a document.

News frames an event twice: in the journalist's own words (the *narrator*) and in the
words it chooses to quote. This module finds the quotes, decides who speaks in them,
and tells for any character offset whose voice it is.

1. What counts as a quote
-------------------------
* Text between ``«…»``, ``“…”``, ``„…“``/``„…”``, ``‹…›`` or straight ``"…"``, spaced
  (``« Sud global »``) or not (``«l’hégémonie»``). Quotes are character spans into the
  document text: ``start``/``end`` include the quote marks, ``inner_start``/``inner_end``
  (and ``text``) are the quoted words without the marks and surrounding spaces.
* Marks pair up like brackets, with nesting: ``«… “…” …»`` is **one** quote (the outer
  one); nested quotes are part of its text and are not reported on their own.
  A quote may run over several sentences (``«Phrase un. Phrase deux», a-t-il dit``).
* A straight ``"`` *opens* when it stands at the start of the text or after a space,
  an opening bracket/dash (``( [ { « “ — – - /``) or an elision's apostrophe
  (``d'"opération militaire spéciale"``, ``qu'"il n'y a pas d'alternative"``), and
  *closes* otherwise. One
  exception for sloppy typing: a ``"`` after a space that is followed by a space,
  punctuation or the end of the text closes the straight quote that is open, if any
  (``"le monde change " hier``).
  ``“`` closes a quote opened by the German ``„``, and opens one otherwise.
* Quotes never cross a paragraph (a newline, ``PARAGRAPH_BREAK``, or any other line
  break: ``\r``, U+2029 … in a text that did not come through the corpus readers). A
  mark that is still
  open at the end of its paragraph is closed there, at the latest, and reported in the
  warnings (``unbalanced « at character 17``); it never swallows the rest of the
  document. Exception, the French convention for quotations of several paragraphs: a
  paragraph left open whose next paragraph starts with the same opening mark is closed
  without a warning, and the next part continues it (see *continuation*).
  A closing mark with no matching opening mark is ignored with a warning. Quotes with
  no word inside (``«»``, ``« … »``) are ignored.

2. Speech or scare quote (``kind``)
-----------------------------------
A quote is ``speech`` (a reported utterance) or ``scare`` (a term the narrator quotes at
arm's length: «opération militaire spéciale», «l’hégémonie», « Sud global »).
Decided in this order:

a. A quote with a **tight cue** (rules 3.1–3.3 below: a speech verb right after it, an
   incise inside it, or a speech verb + ``:``/``que``, or ``selon/pour/d'après X,``
   right before it) is ``speech``, whatever its length.
b. Otherwise a quote is ``scare`` when it is *scare-shaped*: at most
   ``SCARE_MAX_WORDS`` words (words and numbers; the elided ``l'``, ``d'`` do not
   count), its last inner token is not a sentence terminator (``. ! ? …``), and its
   sentence has narrator words outside any quote (it is embedded in the narrator's
   sentence, not a sentence of its own).
c. Otherwise it is ``speech``; its speaker comes from the loose cues (3.4) or from a
   continuation (3.5), or stays unknown.

3. Who speaks (``speaker``, ``actor``, ``cue``), rules in priority order
-----------------------------------------------------------------------
Speech verbs are the infinitives in ``SPEECH_VERBS`` (déclarer, affirmer, assurer,
souligner, estimer, dénoncer, marteler, ajouter, préciser, rappeler, indiquer,
expliquer, dire, …), matched in every tense and agreement through the token's lemma,
a few suffix rules (``-é/-ée/-és/-ées``, ``-e/-ent``, ``-ait``, ``-ant`` … → ``-er``;
``-i/-it/-issant`` → ``-ir``; a stem's ``è`` may stand for ``e`` or ``é``: ``relève``,
``répète``) and a table of irregular forms (``dit``, ``écrit``, ``reconnu`` …). A word
right after a determiner (``la demande``, ``une note``) is a noun, not a verb.

3.1 **Postposed**: after the closing mark, an optional ``,`` or dash, an optional
    reflexive ``s'``/``se`` (``s'est indigné``, ``se félicite``), an optional
    auxiliary (``a``, ``ont``, ``avait`` …), an inverted pronoun (``a-t-il``), adverbs
    (``a ensuite déclaré``, ``a pour sa part ajouté``), at most ``POSTPOSED_MAX_GAP``
    tokens, then the speech verb and its subject: ``«…», a déclaré Poutine.``,
    ``«…», a déclaré fermement à l'AFP le ministre.``, ``«…», a déclaré, mardi, Sergueï
    Lavrov.`` (time words and ``-ment`` adverbs, also between commas, before the
    subject),
    ``«…», a assuré le président russe devant la presse.``, ``«…», ajoute-t-elle.``
    ``«…», selon Moscou.`` and ``«…», d'après X.`` are postposed too. A
    publication's title in quote marks after ``à``/``au`` (at most
    ``TITLE_MAX_WORDS`` words, capitalised) is stepped over: ``«…», a déclaré au
    « Monde » un diplomate.`` (the title itself is a scare quote).
3.2 **Incise** inside the quote: ``«Nous sommes prêts, a déclaré Poutine, à négocier.»``
    (comma or dash, speech verb and subject as in 3.1, then a comma, a dash or the end
    of a sentence: ``«…, a-t-il déclaré, …»``, ``«…, insiste Xi Jinping. Nous …»``,
    ``«…, a conclu X.»``). The incise itself is still read as quote voice.
3.3 **Preposed, tight**: right before the opening mark stands
    ``:`` (``X a déclaré : «…»``, ``Xi Jinping a pour sa part souligné …: «…»`` — the
    nearest speech verb before the colon in the sentence; ``…, poursuit-il : «…»`` has
    the inverted pronoun for subject; with no speech verb before the colon, the subject
    that opens the sentence or one of its comma-separated parts, if it is an actor, a
    name of two words or more or a pronoun: ``Interrogé sur …, le porte-parole du
    Kremlin, Dmitri Peskov, a balayé les critiques : «…»``), or ``que``/``qu'`` with a
    speech verb at most ``CLAUSAL_QUE_WINDOW`` tokens before it (``Il a déclaré que
    «…»``), or ``Selon X, «…»``, ``D'après X, «…»``, ``Pour X, «…»`` (``pour`` only in
    this form, at the start of the sentence or clause, and not ``pour sa part``,
    ``pour autant`` …). X may be followed by up to three appositions between commas,
    each a role or a complement (``Pour Anne Dubois, chercheuse à l'Institut de Lyon
    (IL), à Paris, «…»``); a clause in between (``Pour X, la situation est grave,
    «…»``) is no cue. A present participle
    (``affirmant que``) has no subject of its own: the next speech verb to the left in
    the sentence gives it. No cue search reaches more than ``CUE_SCAN_MAX_TOKENS``
    tokens away from the quote.
3.4 **Preposed, loose** (only for quotes that are not scare-shaped): anywhere earlier in
    the sentence, a speech verb + ``que``/``:`` (``le ministère a déclaré que la
    réunion «contribuerait à …»``) or ``selon``/``d'après X``. The nearest wins; the
    search never crosses another quote.
3.5 **Continuation**: a speech quote with no cue of its own inherits the speaker of the
    previous attributed speech quote in the same paragraph (or the previous part of a
    quotation running over several paragraphs), ``cue='continuation'`` — unless a
    *different* person or institution of the actor table is named in between. The
    parts of a multi-paragraph quotation also pass their speaker backwards.

**The subject** of a speech verb is, in this order: an actor-table mention (``le
président russe``); a run of capitalised words, the name (``Paul Martin``, ``M.
Dupont``); a determiner + noun phrase of at most ``NP_MAX_TOKENS`` tokens (``un diplomate
européen``), stopping at prepositions, conjunctions, relatives and time words (``devant
la presse``, ``mercredi``) and at ``de passage``/``de retour``/``de séjour``; ``et`` only
continues it inside a capitalised name (``des Relations internationales et de la
Coopération``). *Keep the name*: when a title is followed by a name, with or
without a comma (``le ministre chinois des Affaires étrangères, Wang Yi``, ``le
chercheur Paul Martin``), the speaker is the name; a short complement may end the title
before the comma (``le président iranien par intérim, Mohammad Mokhber``, ``le
secrétaire indien aux Affaires étrangères, Vikram Misri``), a place may not (``le
ministre à Kazan, …``) unless the role is held at a place (an ambassador, envoy,
representative, consul or correspondent: ``l'ambassadeur de Chine à Paris, Lu Shaye`` →
``Lu Shaye``). Before a verb, apposition between commas is understood too (``Wang Yi,
chef de la diplomatie chinoise, a déclaré``), and an apposition that is not a phrase of
its own is skipped (``Le ministre, de passage à Astana, a déclaré``: a complement, a
relative clause, an adverb or ``lui``).
*A complement is not the subject*: a place or a name inside a prepositional phrase
before the verb (``en poste à X``, ``à X``, ``depuis X``, ``de passage à X``) belongs to
the noun phrase before it, which is the subject *up to its first preposition*: ``Un
diplomate européen en poste à Astana résume : «…»`` → ``Un diplomate européen``, actor
``''`` (never ``Astana``); ``un responsable du département d'État`` is the whole phrase,
not ``département d'État``. After a postposed verb, an indirect object or a time phrase
before the subject is skipped (``a déclaré à l'AFP un diplomate``, ``a déclaré à la
veille du sommet le président kazakh``, ``a répété à Astana Subrahmanyam Jaishankar``).
``speaker`` is the mention *as written*; ``actor`` is the canonical name from the actor
table (an unknown name gets ``actor=''``; a name that contains a known mention — ``M.
Poutine`` — gets that actor; a title+name gets the name's actor, else the title's, before
or after the verb: ``le porte-parole du ministère chinois des Affaires étrangères, Lin
Jian`` → ``Ministère chinois des Affaires étrangères``).

**Pronouns** (``il``, ``elle``, ``lui`` — subject, inverted ``a-t-il``, or after ``selon``)
are never a speaker: they resolve to the closest preceding *antecedent*, at most
``PRONOUN_MAX_SENTENCES`` sentences back, agreeing in gender when it shows (``le …`` is
masculine, ``la …`` feminine, else the role noun — ``chercheuse`` — or the table's
``gender``). The sentences back are counted from the quote's opening (or the pronoun,
when it comes first) and only sentences with narrator words count: the sentences of a
quotation, even over several paragraphs, do not use up the window (``X a pris la
parole. «Phrase un. Phrase deux. Phrase trois», a-t-il conclu`` is X). *Subject before
object*: when the closest antecedent is the object of a verb (``Le chef de la diplomatie
chinoise a rencontré le Premier ministre indien Narendra Modi.``) and the subject of
that verb, in the same clause, agrees too, the subject wins (``«…», a-t-il affirmé`` is
the head of Chinese diplomacy, not Modi). Antecedents are, in narrator text (not inside a quote):

* a mention of a person, institution or organisation of the actor table;
* a person named by role, *whether or not it is in the table*: a determiner + role noun
  (``le président iranien``, ``le ministre …``, ``le porte-parole …``, ``l'économiste``,
  ``un haut responsable``; the closed list ``_PERSON_NOUNS``) taken as a subject phrase,
  so with *keep the name* (``Le président iranien, Massoud Pezechkian, a durci le ton.
  «…», a-t-il lancé`` → ``Massoud Pezechkian``, with the title's actor ``Iran``;
  ``Le ministre malien des Mines, Amadou Traoré`` → ``Amadou Traoré``, actor ``''``),
  and a name followed by its role (``Julien Ferrand, économiste à …``);
* an earlier attributed speaker.

A mention is no antecedent when it is plural (``les Brics``), the complement of a
preposition (``à Bruxelles``, ``par le ministère``, ``avec Xi``, ``des Nations unies``;
``selon``, ``pour`` and ``d'après`` introduce a source and do not count), or the subject of
speech reported by ``verbe … que`` (``X a rappelé que le secrétaire général …``: ``il``
is X). The cue is then ``pronoun:il``; when no antecedent fits, the speaker stays
empty (``ils``, ``elles``, ``on``, ``eux`` are never resolved). Countries and capitals
are not antecedents of a pronoun (``entre Moscou et Pékin. Il a déclaré`` is not
Beijing) — a role phrase is a person even when the table maps it to a country
(``le président iranien``).

``cue`` is the speech verb, normalised (lower case), with its auxiliary (``a déclaré``,
``ajoute``), ``selon``, ``d'après``, ``pour``, ``pronoun:il`` or ``continuation``; ``''``
when there is none. Unknown speakers stay ``''``: nothing is guessed from topics.

4. Voice
--------
Every character offset is in the ``narrator`` voice, or inside a quote (marks
included): ``quote`` for a speech quote, ``scare_quote`` for a scare quote, with that
quote's speaker and actor. A span (a lexicon hit) takes the voice at its start (its
end is not looked at); a sentence takes the voice that covers most of its tokens other
than punctuation (words, numbers, elisions) — the tokens of several quotes with the
same voice and speaker add up; ties go to the narrator: ``Il a déclaré que «…long
quote…».`` is a ``quote`` sentence of its speaker.

5. Limits
---------
Indirect speech without quote marks is narrator voice. A short fragment of someone's
words quoted inside reported speech without a tight cue (``il a jugé la situation
«inacceptable»``) is counted as a scare quote. Plural, coordinated or collective
speakers are only kept as written (``un diplomate européen``), never mapped. Quotes
introduced by verbs outside ``SPEECH_VERBS`` (``penser``, ``qualifier``) get no cue.
When a quote has both a postposed and a preposed cue, the postposed one wins. *Subject
before object* needs the subject right before its verb (clitics and negation aside):
after an apposition (``Poutine, arrivé mardi, a reçu le ministre malien.``) or in
another clause the closest antecedent wins, even when it is an object, and a verb is
told from other words by its place only (an auxiliary, or a lower-case word that is no
preposition, determiner, conjunction or time word); role nouns outside
``_PERSON_NOUNS`` make no antecedent; *keep the name* also applies to a name inside a
non-person phrase (``d'après l'agence Chine nouvelle`` → ``Chine``). A quote
left open at the end of a paragraph whose next paragraph starts with the same mark is
read as a multi-paragraph quotation, without a warning. A mention of a country or a
capital is never the antecedent of a pronoun, even when it is one.

Performance: one pass over the quote marks (a single-character regular expression, so
no backtracking), binary search from characters to tokens, and cue searches bounded
by the named windows: linear in the length of the document. Actor mentions are found
by ``ActorTable.find`` with a trie of dictionaries keyed by normalised tokens (one
dictionary lookup per token; mentions share first tokens such as ``le``, so a flat
dictionary of first tokens would try dozens of candidates at every ``le``). Documents
without a quote mark return at once.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import accumulate
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ._paths import resources_path
from ._yaml import LoneSurrogate, TooDeep, TooManyAliases, check_events, load_data, read_yaml
from .errors import LexiconError
from .tokenizer import (
    NORM,
    Sentence,
    Token,
    Tokens,
    capitalized,
    line_breaks,
    select_indices,
    tokenize,
)
from .tokenizer import tokens as _tokenize_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .corpus import Document

__all__ = [
    "ACTOR_KINDS",
    "APPOSITION_MAX_TOKENS",
    "APPOSITION_SEGMENT_MAX_TOKENS",
    "AUXILIARY_MAX_GAP",
    "CLAUSAL_QUE_WINDOW",
    "CUE_SCAN_MAX_TOKENS",
    "INDIRECT_OBJECT_MAX_TOKENS",
    "MAX_ACTORS_YAML_ALIASES",
    "MAX_ACTORS_YAML_DEPTH",
    "NAME_PARTICLES_MAX",
    "NAME_RUN_MAX",
    "NP_MAX_TOKENS",
    "PARAGRAPH_BREAK",
    "POSTPOSED_MAX_GAP",
    "PRONOUN_MAX_REACH",
    "PRONOUN_MAX_SENTENCES",
    "QUOTE_COLUMNS",
    "SCARE_MAX_WORDS",
    "SOURCE_APPOSITIONS_MAX",
    "SPEECH_VERBS",
    "SUBJECT_TIME_PHRASES",
    "TITLE_MAX_WORDS",
    "TITLE_TAIL_MAX_TOKENS",
    "VOICES",
    "Actor",
    "ActorMention",
    "ActorTable",
    "Quote",
    "VoiceMap",
    "find_quotes",
    "load_actors",
    "speech_verb",
    "textstat_quotes",
    "voices",
]

# ---------------------------------------------------------------------------
# named constants

#: A quote of at most this many words, without a tight cue and embedded in a narrator
#: sentence, is a scare quote. Scare quotes in French news are terms and labels of one
#: to three words («dénazification», « Sud global », «opération militaire spéciale»,
#: «partenariat sans limites»); one more leaves room for a determiner or preposition
#: («la guerre de l'information»). Fragments of reported speech are longer («une paix
#: durable et la prospérité commune dans le monde» has 9 words).
SCARE_MAX_WORDS = 4

#: Tokens allowed between a closing quote mark and the speech verb of a postposed cue:
#: comma, auxiliary, inverted pronoun and up to three adverb words
#: (``», a-t-il pour sa part ajouté``). More than that is not an incise any more.
POSTPOSED_MAX_GAP = 6

#: Tokens read left from a preposed speech verb for the adverbs between it and its
#: auxiliary (``a pour sa part souligné``: 3, ``a lui aussi ensuite souligné``: 4, with
#: a negation ``n'a pas non plus souligné``: 4). The same number as
#: ``POSTPOSED_MAX_GAP`` but a window of its own: that one also counts the comma, the
#: auxiliary and the inverted pronoun after a quote mark.
AUXILIARY_MAX_GAP = 6

#: After a postposed verb, an indirect object or a time phrase ``à …`` before the
#: subject is read at most this many tokens far: ``à la veille du sommet`` (5), ``à
#: l'AFP`` (3), ``à la télévision d'État`` (5). Farther, it is a clause of its own.
INDIRECT_OBJECT_MAX_TOKENS = 6

#: Time phrases with a noun (``la semaine dernière``) skipped before a postposed
#: subject: ``a déclaré la semaine dernière le ministre``. News copy gives one date;
#: a second noun phrase is the subject or an object, not another date.
SUBJECT_TIME_PHRASES = 1

#: In ``verbe … que «…»`` the speech verb stands at most this many tokens before
#: ``que``: ``a déclaré mercredi devant la presse que`` (5). Farther away, ``que`` belongs
#: to another clause (``ont souligné le renforcement … depuis que``).
CLAUSAL_QUE_WINDOW = 5

#: No cue search looks farther than this many tokens from the quote mark it starts
#: from. French news sentences rarely exceed 60 tokens (the bundled corpus, measured:
#: 598 sentences, 26 tokens on average, the longest 59): 80 lets a cue reach back over a whole long
#: sentence, and the bound keeps the work per quote constant on text without
#: punctuation (linear time per document).
CUE_SCAN_MAX_TOKENS = 80

#: Longest noun phrase taken as a speaker: ``le porte-parole du ministère chinois des
#: Affaires étrangères`` is 7 tokens, plus a name (2-3). Longer runs are not a subject
#: phrase but a clause, and the speaker stays unknown rather than guessed.
NP_MAX_TOKENS = 10

#: Longest name in apposition after a title (``, Kassym-Jomart Tokaïev`` is 2 tokens,
#: ``, Luiz Inácio Lula da Silva`` 5).
APPOSITION_MAX_TOKENS = 5
#: Longest run of capitalised words (and name particles) read by ``name_run``: more
#: than ``APPOSITION_MAX_TOKENS``, so that a run too long to be a name is seen as such.
NAME_RUN_MAX = APPOSITION_MAX_TOKENS + 2
#: Name particles in a row before a capitalised word: ``de Villepin``, ``van der
#: Bellen``, ``da Silva``; no name has three.
NAME_PARTICLES_MAX = 2

#: Most words of a publication's title in quote marks between a postposed speech verb
#: and its subject ("a déclaré au « Monde » un diplomate", "à « Libération »").
TITLE_MAX_WORDS = 3
#: Most tokens of the complement that ends a title before its name: ``par intérim``
#: (2), ``aux Affaires étrangères`` (3), ``pour les affaires étrangères`` (4).
TITLE_TAIL_MAX_TOKENS = 4

#: ``Pour X, …, «…»``: at most this many appositions between commas after the source
#: (``Pour Anne Dubois, chercheuse à l'Institut de Lyon (IL), à Paris,``: 2; a third
#: for a date), each at most ``APPOSITION_SEGMENT_MAX_TOKENS`` tokens — a role with
#: its institution is a noun phrase (``NP_MAX_TOKENS``) plus its complement.
SOURCE_APPOSITIONS_MAX = 3
APPOSITION_SEGMENT_MAX_TOKENS = 2 * NP_MAX_TOKENS

#: A pronoun's antecedent is looked for in its own sentence and at most this many
#: sentences with narrator words before it (for a pronoun after its quote, counted from
#: the quote's opening); sentences made only of quoted words — a quotation of several
#: sentences or paragraphs — do not use up the window. Why 2: news
#: paragraphs are two or three sentences, and wire copy names the speaker in the
#: sentence before the quote or the one before that (``X est arrivé mardi à Kazan. Il
#: a rencontré Y. «…», a-t-il dit``); farther back the nearest mention is more often a
#: topic than the speaker.
PRONOUN_MAX_SENTENCES = 2
#: ... and at most this many sentences back in all, quoted ones included: the
#: multi-paragraph quotations of news run to a dozen sentences, and the bound keeps
#: each pronoun's search constant (an interview made of quotations has no narrator
#: sentence to stop at; without it the work grew with the square of the document).
PRONOUN_MAX_REACH = 40

#: A paragraph ends at a newline (the corpus layout: one paragraph per line; a blank
#: line is a stronger break of the same kind). Quotes never run across it. The corpus
#: readers turn ``\r\n`` and ``\r`` into it; in a text given directly, the other line
#: breaks of :meth:`str.splitlines` (``\r``, ``\r\n``, U+2028, U+2029, ``\v``, ``\f``,
#: ``\x1c``-``\x1e``, ``\x85``) end a paragraph as well, without any change to the text
#: (quote offsets stay offsets into it).
PARAGRAPH_BREAK = "\n"

#: The three voices.
VOICES = ("narrator", "quote", "scare_quote")

#: Kinds of actors in the actor table.
ACTOR_KINDS = frozenset({"person", "institution", "country", "organisation"})

#: Most nesting levels of lists and mappings in an actor table (it needs four: the
#: file, ``actors``, an actor, its ``mentions``) and most YAML aliases (it needs none;
#: the cap makes "billion laughs" expansion impossible). Checked before anything is
#: built, the same way with libyaml and PyYAML's own parser.
MAX_ACTORS_YAML_DEPTH = 50
MAX_ACTORS_YAML_ALIASES = 50

#: Columns of ``textstat_quotes`` (and of ``quotes.csv``).
QUOTE_COLUMNS = (
    "doc_id", "quote_id", "char_start", "char_end", "kind", "speaker", "actor", "cue", "text",
)

#: French verbs of saying (infinitives). Extend here; forms are matched in every tense.
SPEECH_VERBS = frozenset({
    "accuser", "admettre", "affirmer", "agacer", "ajouter", "alarmer", "alerter",
    "annoncer", "appeler", "argumenter", "arguer", "asséner", "assener", "assurer",
    "avertir", "avouer", "certifier", "clamer",
    "commenter", "concéder", "conclure", "condamner", "confier", "confirmer",
    "considérer", "constater", "critiquer", "déclarer", "déplorer", "demander",
    "démentir", "dénoncer", "détailler", "dire", "écrire", "enchaîner", "estimer",
    "évoquer", "exclamer", "expliquer", "exhorter", "féliciter", "fulminer", "fustiger",
    "garantir",
    "glisser", "indigner", "indiquer", "inquiéter", "insister", "interroger", "ironiser",
    "juger", "lâcher", "lancer", "marteler", "menacer", "mentionner", "nier", "noter",
    "nuancer",
    "objecter", "observer", "plaider", "poursuivre", "préciser", "prédire", "prévenir",
    "proclamer", "promettre", "protester", "raconter", "railler", "rappeler", "rapporter",
    "réagir", "réaffirmer", "réclamer", "reconnaître", "regretter", "réjouir", "relever",
    "renchérir", "répéter", "reprendre",
    "répliquer", "répondre", "résumer", "rétorquer", "saluer", "signaler", "souffler",
    "souligner", "soutenir", "tacler", "témoigner", "tempêter", "tonner", "trancher",
    "tweeter",
})


def _words(spaced: str) -> frozenset[str]:
    """A closed word class written as one space-separated string (easy to edit)."""
    return frozenset(spaced.split())


def _forms(spaced: str, infinitive: str) -> dict[str, str]:
    return dict.fromkeys(spaced.split(), infinitive)


_IRREGULAR_FORMS: dict[str, str] = {
    **_forms("dit dite dits dites disait disaient disent dirent dira dirait disant", "dire"),
    **_forms("écrit écrite écrits écrites écrivait écrivent écrivant écrivit", "écrire"),
    **_forms(
        "reconnu reconnue reconnus reconnait reconnaît reconnaissait reconnaissant reconnut",
        "reconnaître",
    ),
    **_forms("admis admise admet admettait admettant admit", "admettre"),
    **_forms("promis promise promet promettait promettant promit", "promettre"),
    **_forms("soutenu soutenue soutient soutiennent soutenait soutenant soutint", "soutenir"),
    **_forms("répondu répond répondent répondait répondant répondit", "répondre"),
    **_forms("conclu conclue conclut concluait concluant", "conclure"),
    **_forms("prévenu prévenue prévient prévenait prévenant prévint", "prévenir"),
    **_forms("poursuivi poursuivie poursuit poursuivait poursuivant poursuivit", "poursuivre"),
    **_forms("démenti démentie dément démentait démentant", "démentir"),
    **_forms("prédit prédite prédisait prédisant", "prédire"),
    **_forms("nie nié niée nient niait niaient niant nia", "nier"),  # too short for the rules
    **_forms("repris reprise reprend reprenait reprenant reprit", "reprendre"),
}

# (suffix of the form, ending of the infinitive), longest suffixes first
_SUFFIX_RULES = (
    ("èrent", "er"), ("aient", "er"), ("issant", "ir"), ("issait", "ir"), ("issent", "ir"),
    ("ées", "er"), ("ait", "er"), ("ant", "er"), ("ent", "er"), ("ée", "er"), ("és", "er"),
    ("es", "er"), ("it", "ir"), ("ie", "ir"), ("é", "er"), ("e", "er"), ("a", "er"),
    ("i", "ir"),
)

# ---------------------------------------------------------------------------
# closed word classes (normalised forms)

_DETERMINERS = _words(
    "le la les l' un une des du son sa ses leur leurs ce cet cette ces notre nos votre vos "
    "mon ma mes plusieurs certains certaines quelques"
)
_DE = frozenset({"de", "d'", "du", "des"})
_MASC = frozenset({"le", "du", "au", "un", "ce", "cet", "son"})
_FEM = frozenset({"la", "une", "cette", "sa"})
_AUX = _words(
    "a ont avait avaient aura auront aurait auraient eut eurent est sont était étaient "
    "sera seront serait seraient fut furent"
)
_CLITICS = _words("ne n' se s' y en l' lui leur me m' te t'")
#: A reflexive pronoun before a postposed speech verb: "», s'est indigné le ministre".
_REFLEXIVE = _words("s' se")
_NEGATION = _words("ne n' pas jamais plus guère")
_TIME_WORDS = _words(
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui demain matin soir "
    "récemment dernièrement"
)
_TIME_NOUNS = _words("semaine mois année an jour soir matin veille lendemain week-end")
# words allowed between an auxiliary and the participle: "a pour sa part souligné"
_FILLERS = _words(
    "pour sa son leur part de côté quant à lui elle eux aussi également encore ensuite alors "
    "déjà enfin notamment plus tard toutefois cependant néanmoins pourtant ainsi même "
    "lui-même elle-même aussitôt bien très tour d' ailleurs"
) | _TIME_WORDS | _NEGATION
# words allowed between a postposed verb and its subject: "a déclaré mercredi Poutine"
_AFTER_VERB_FILLERS = _words(
    "encore ensuite aussi également alors enfin déjà toutefois cependant pourtant ainsi"
) | _TIME_WORDS
# words that end a subject noun phrase
_NP_STOP = _words(
    "à au aux en dans sur sous devant derrière après avant lors pendant selon pour par avec "
    "sans contre entre vers chez depuis dès malgré et ou mais car donc or ni qui que qu' "
    "dont où lequel laquelle lesquels a est ont sont se s' ne n' y il elle ils elles on "
    "cité citée cités citées interrogé interrogée"
) | _TIME_WORDS
_DET_OR_DE = _DETERMINERS | _DE
# prepositions that head a complement: a mention right after one is not a subject
# ("en poste à Astana", "par le ministère", "des Nations unies"); selon, pour and
# d'après introduce a source and are not here
_PREPOSITIONS = _words(
    "à au aux en dans sur sous devant derrière après avant lors pendant par avec sans "
    "contre entre vers chez depuis dès malgré auprès envers parmi"
)
_PP_HEADS = _PREPOSITIONS | _DE
# tokens a subject noun phrase never runs across, going left from a complement
_CLAUSE_BREAK = _words(
    "que qu' qui dont où lequel laquelle lesquels et ou mais car donc ni se s' ne n' "
    "il elle ils elles on"
) | _AUX
_PLURAL_DETERMINERS = _words(
    "les des ces leurs mes nos vos plusieurs certains certaines quelques"
)
# nouns naming a person by role: "le président iranien", "l'économiste", "son porte-parole"
_PERSON_NOUNS_M = _words(
    "président vice-président dirigeant conseiller ambassadeur envoyé représentant "
    "haut-représentant chercheur historien professeur directeur négociateur expert "
    "chancelier roi prince émir député sénateur gouverneur militant opposant fondateur "
    "patron consultant président-directeur émissaire"
)
_PERSON_NOUNS_F = _words(
    "présidente vice-présidente dirigeante conseillère ambassadrice envoyée représentante "
    "haute-représentante chercheuse historienne professeure directrice négociatrice "
    "experte chancelière reine princesse députée sénatrice gouverneure militante "
    "opposante fondatrice patronne consultante cheffe"
)
_PERSON_NOUNS = _PERSON_NOUNS_M | _PERSON_NOUNS_F | _words(
    "ministre porte-parole chef secrétaire diplomate économiste analyste politologue "
    "sinologue responsable commissaire universitaire spécialiste juriste sociologue "
    "géographe démographe stratège journaliste éditorialiste maire officiel"
)
# roles held at a place: "l'ambassadeur de Chine à Paris, Lu Shaye" (the place is part
# of the title, the name follows it)
_POSTED_NOUNS = _words(
    "ambassadeur ambassadrice envoyé envoyée représentant représentante consul "
    "correspondant correspondante émissaire"
)
# adjectives that may stand between the determiner and the person noun
_PERSON_PRE = _words(
    "haut haute ancien ancienne nouveau nouvel nouvelle premier première vice ex jeune"
)
# "de passage à Moscou", "de retour de Pékin": a complement, not part of the noun phrase
_DE_LOCUTIONS = _words("passage retour séjour")
_CLITIC_OR_NEG = _CLITICS | _NEGATION
_NAME_PARTICLES = _words("de d' du des von van der den al el ben bin da dos di la le")
_SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "on"})
_STRESSED_PRONOUNS = frozenset({"lui", "elle", "eux", "elles"})
_RESOLVABLE = {"il": "m", "lui": "m", "elle": "f"}
_ANTECEDENT_KINDS = frozenset({"person", "institution", "organisation"})
_BLOCKING_KINDS = frozenset({"person", "institution"})
_TERMINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})
_LEAD_PUNCT = frozenset({",", "—", "–", "-"})
# what sets off an incise inside a quote: «…, a déclaré X, …», «… — a déclaré X — …»
_INCISE_PUNCT = frozenset({",", "—", "–"})
_POUR_NOT_SOURCE = frozenset({
    "sa part", "son compte", "leur part", "l'instant", "le moment", "l'heure", "ce faire",
    "le reste", "l'essentiel", "la première fois", "la suite", "le coup", "sa défense",
})
_MARK_RE = re.compile("[«»“”„‹›\"]")
_OPENERS = frozenset("«„‹")
_ACCEPTS = {"»": frozenset("«"), "”": frozenset("“„"), "›": frozenset("‹"), '"': frozenset('"'),
            "“": frozenset("„")}
_STRAIGHT_OPEN_AFTER = frozenset("([{«“‘—–-/'’ʼ")  # the apostrophes: d'"…", qu'"…"
_STRAIGHT_CLOSE_BEFORE = frozenset(".,;:!?)]}»”…")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_START = attrgetter("start")
_FIRST = attrgetter("first")


# ---------------------------------------------------------------------------
# actor table


@dataclass(frozen=True)
class Actor:
    """A canonical actor: ``id`` (snake_case), display ``name``, ``group`` (the country
    or bloc it speaks for, in French: Russie, Chine, États-Unis, Occident, OCS, UE …), ``kind``
    (person / institution / country / organisation) and its French ``mentions``.
    ``gender`` (``m``/``f``/``''``) only helps pronoun resolution."""

    id: str
    name: str
    group: str
    kind: str
    mentions: tuple[str, ...]
    gender: str = ""


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a text: ``actor`` id, the ``text`` as written, its ``[start,
    end)`` character span and ``[first, last)`` token indices (``last`` exclusive, as in
    :class:`~framing.tokenizer.Sentence`)."""

    actor: str
    text: str
    start: int
    end: int
    first: int
    last: int


@dataclass(frozen=True)
class ActorTable:
    """Mentions → canonical actors. Mentions match case-insensitively on normalised
    tokens (``l’Occident`` = ``l'occident``), longest first, left to right, without
    overlap; a one-word mention written with a capital (``Paris``, ``Moscou``) matches
    a capitalised word only (*les paris sportifs* are bets, not France)."""

    actors: tuple[Actor, ...] = ()
    source: str = ""
    _by_id: dict[str, Actor] = field(init=False, repr=False, compare=False, hash=False)
    _by_name: dict[str, Actor] = field(init=False, repr=False, compare=False, hash=False)
    _trie: dict[str | None, Any] = field(init=False, repr=False, compare=False, hash=False)
    _cased: frozenset[str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Actor] = {}
        owner: dict[tuple[str, ...], str] = {}
        written: dict[tuple[str, ...], str] = {}
        where = self.source or "actor table"
        for a in self.actors:
            if a.id in by_id:
                raise LexiconError(f"{where}: actor id {a.id!r} is defined twice; rename one")
            by_id[a.id] = a
            for m in a.mentions:
                key = tuple(t.norm for t in tokenize(m))
                if not key:
                    continue
                if key in owner and owner[key] != a.id:
                    raise LexiconError(
                        f"{where}: mention {m!r} of actor {a.id!r} is the same as "
                        f"{written[key]!r} of actor {owner[key]!r}; keep it in one actor"
                    )
                owner[key] = a.id
                written.setdefault(key, m)
        # a trie of normalised tokens; the key None marks the end of a mention
        trie: dict[str | None, Any] = {}
        for key, aid in owner.items():
            node = trie
            for norm in key:
                node = node.setdefault(norm, {})
            node[None] = aid
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_name", {a.name: a for a in self.actors})
        object.__setattr__(self, "_trie", trie)
        object.__setattr__(self, "_cased", frozenset(
            key[0] for key, m in written.items() if len(key) == 1 and m[:1].isupper()))

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self._by_id.get(actor_id)

    def by_name(self, name: str) -> Actor | None:
        """The actor with this canonical name (as in ``Quote.actor``), or None."""
        return self._by_name.get(name)

    def find(self, toks: Tokens) -> list[ActorMention]:
        """All actor mentions in ``toks``, leftmost-longest, non-overlapping."""
        out: list[ActorMention] = []
        tt = toks.tokens
        text = toks.text
        trie = self._trie
        n = len(tt)
        resume = 0  # mentions do not overlap: the next one starts here or later
        for i in select_indices(tt, NORM, trie):
            if i < resume:
                continue
            node = trie[tt[i].norm]
            best_end, best_actor = -1, ""
            k = i + 1
            while True:
                aid = node.get(None)
                if aid is not None:
                    best_end, best_actor = k, aid
                if k >= n:
                    break
                node = node.get(tt[k].norm)
                if node is None:
                    break
                k += 1
            if best_end < 0 or (best_end == i + 1 and tt[i].norm in self._cased
                                and not tt[i].text[:1].isupper()):
                continue  # "les paris sportifs": not Paris
            s, e = tt[i].start, tt[best_end - 1].end
            out.append(ActorMention(best_actor, text[s:e], s, e, i, best_end))
            resume = best_end
        return out


def load_actors(path: str | Path | None = None) -> ActorTable:
    """Read an actor table (YAML); by default the shipped ``lexicons/actors.yaml``.

    The file is a mapping with an ``actors:`` list; each actor has ``id`` (snake_case),
    ``name``, ``group``, ``kind`` (person/institution/country/organisation),
    ``mentions`` (French surface forms) and optionally ``gender`` (m/f). Cached.
    """
    if path is None:
        return _default_actors()
    return _load_actors_cached(str(Path(path).resolve()))


@lru_cache(maxsize=1)
def _default_actors() -> ActorTable:
    return _load_actors_cached(str(resources_path("actors.yaml").resolve()))


def _actor_text(path: Path, k: int, value: Any) -> str:
    """A value of actor #k as text; an integer too long for ``str()`` (``0x…`` with
    thousands of digits) is a one-line error."""
    try:
        return str(value)
    except ValueError:
        raise LexiconError(f"{path}: actor #{k} has a number of more than "
                           f"{sys.get_int_max_str_digits():,} digits; quote it") from None


def _actors_data(text: str, loader: type[yaml.SafeLoader]) -> Any:
    check_events(text, loader, max_depth=MAX_ACTORS_YAML_DEPTH,
                 max_aliases=MAX_ACTORS_YAML_ALIASES)
    return load_data(text, loader)


@lru_cache(maxsize=16)
def _load_actors_cached(path: str) -> ActorTable:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
        data: Any = read_yaml(partial(_actors_data, text))
    except OSError as exc:
        raise LexiconError(f"{p}: cannot read the actor table ({exc.strerror or exc})") from None
    except TooDeep as exc:
        raise LexiconError(f"{p}:{exc.line}: invalid YAML in the actor table (lists and "
                           f"mappings nested more than {MAX_ACTORS_YAML_DEPTH} levels deep; "
                           "check the brackets)") from None
    except LoneSurrogate as exc:
        raise LexiconError(f"{p}:{exc.line}: invalid YAML in the actor table (an escape gives "
                           "half a surrogate pair, which is no character)") from None
    except TooManyAliases as exc:
        raise LexiconError(f"{p}:{exc.line}: invalid YAML in the actor table (more than "
                           f"{MAX_ACTORS_YAML_ALIASES} aliases; write the values out)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise LexiconError(f"{p}{line}: invalid YAML in the actor table") from None
    except ValueError as exc:  # an escape PyYAML scans but cannot build: "\U00110000"
        raise LexiconError(f"{p}: invalid YAML in the actor table ({exc})") from None
    items = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise LexiconError(f"{p}: an actor table is a mapping with an 'actors:' list")
    actors: list[Actor] = []
    for k, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise LexiconError(f"{p}: actor #{k} is not a mapping")
        as_text = partial(_actor_text, p, k)
        aid = as_text(item.get("id", ""))
        missing = [f for f in ("id", "name", "group", "kind", "mentions") if not item.get(f)]
        if missing:
            raise LexiconError(f"{p}: actor #{k} ({aid or '?'}) lacks {', '.join(missing)}")
        if not _ID_RE.match(aid):
            raise LexiconError(f"{p}: actor id {aid!r} must be ASCII snake_case")
        kind = as_text(item["kind"])
        if kind not in ACTOR_KINDS:
            raise LexiconError(
                f"{p}: actor {aid!r} has kind {kind!r}; use one of {', '.join(sorted(ACTOR_KINDS))}"
            )
        mentions = item["mentions"]
        if isinstance(mentions, str) or not isinstance(mentions, list) or any(
                m is None or isinstance(m, (list, dict)) for m in mentions):  # null: "None"
            raise LexiconError(f"{p}: actor {aid!r}: 'mentions' must be a list of strings")
        gender = as_text(item.get("gender") or "")
        if gender not in ("", "m", "f"):
            raise LexiconError(f"{p}: actor {aid!r}: gender must be m or f")
        actors.append(Actor(aid, as_text(item["name"]), as_text(item["group"]), kind,
                            tuple(map(as_text, mentions)), gender))
    return ActorTable(tuple(actors), source=str(p))


# ---------------------------------------------------------------------------
# speech verbs


@lru_cache(maxsize=20_000)
def speech_verb(norm: str, lemma: str = "") -> str:
    """The infinitive in ``SPEECH_VERBS`` of a normalised word form, or ``''``:
    ``déclaré``/``martelé``/``assurée``/``estime``/``affirmant`` → ``déclarer``/…"""
    if lemma in SPEECH_VERBS:
        return lemma
    if norm in SPEECH_VERBS:
        return norm
    irregular = _IRREGULAR_FORMS.get(norm)
    if irregular:
        return irregular
    for suffix, ending in _SUFFIX_RULES:
        if norm.endswith(suffix) and len(norm) > len(suffix) + 2:
            stem = norm[: -len(suffix)].replace("ç", "c")
            if stem.endswith("ge") and ending == "er":
                stem = stem[:-1]
            for cand in _stem_variants(stem, ending):
                if cand in SPEECH_VERBS:
                    return cand
    return ""


def _stem_variants(stem: str, ending: str) -> Iterator[str]:
    """The infinitive from a stem, and with its last ``è`` read as ``e``/``é``
    (``relève`` → ``relever``, ``répète`` → ``répéter``)."""
    yield stem + ending
    at = stem.rfind("è")
    if at >= 0:
        yield stem[:at] + "e" + stem[at + 1 :] + ending
        yield stem[:at] + "é" + stem[at + 1 :] + ending


# ---------------------------------------------------------------------------
# public data


@dataclass(frozen=True)
class Quote:
    """A direct quote. ``[start, end)`` includes the quote marks; ``[inner_start,
    inner_end)`` is ``text``. ``kind`` is ``speech`` or ``scare``; ``speaker`` is the
    mention as written (``''`` if unknown), ``actor`` the canonical actor name (``''``
    if not in the table), ``cue`` what gave the attribution (module docstring, §3)."""

    quote_id: int
    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: str
    speaker: str
    actor: str
    cue: str
    text: str

    @property
    def voice(self) -> str:
        """``quote`` for speech, ``scare_quote`` for a scare quote."""
        return "scare_quote" if self.kind == "scare" else "quote"


_NARRATOR = ("narrator", "", "")


@dataclass(frozen=True)
class VoiceMap:
    """Whose voice each character offset of a document is in (module docstring, §4)."""

    toks: Tokens
    quotes: tuple[Quote, ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    #: the largest quote end among quotes[0..i]: no quote before i+1 reaches past it
    _reach: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.quotes, key=attrgetter("start")))
        object.__setattr__(self, "quotes", ordered)
        object.__setattr__(self, "_starts", tuple(q.start for q in ordered))
        object.__setattr__(self, "_reach", tuple(accumulate((q.end for q in ordered), max)))

    def quote_at(self, offset: int) -> Quote | None:
        """The quote covering ``offset`` (marks included), or None."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def voice_at(self, offset: int) -> tuple[str, str, str]:
        """``(voice, speaker, actor)`` at a character offset."""
        q = self.quote_at(offset)
        return _NARRATOR if q is None else (q.voice, q.speaker, q.actor)

    def span_voice(self, start: int, end: int) -> tuple[str, str, str]:
        """``(voice, speaker, actor)`` of a span: the voice covering its start."""
        return self.voice_at(start)

    def sentence_voice(self, sentence: Sentence) -> tuple[str, str, str]:
        """``(voice, speaker, actor)`` covering most tokens of the sentence other than
        punctuation (those of all quotes with the same voice and speaker add up; ties
        go to the narrator, then to the first voice met; a sentence of punctuation only
        takes the voice at its start)."""
        quotes, starts = self.quotes, self._starts
        # the last quote opening inside the sentence
        last = bisect_left(starts, max(sentence.end, sentence.start + 1)) - 1
        if last < 0 or self._reach[last] <= sentence.start:
            return _NARRATOR  # no quote overlaps the sentence (most sentences)
        counts: dict[tuple[str, str, str], int] = {}
        for t in self.toks.tokens[sentence.first : sentence.last]:
            if t.kind == "punct":
                continue
            i = bisect_right(starts, t.start) - 1
            if i >= 0 and t.start < quotes[i].end:
                q = quotes[i]
                key = (q.voice, q.speaker, q.actor)
            else:
                key = _NARRATOR
            counts[key] = counts.get(key, 0) + 1
        if not counts:
            return self.voice_at(sentence.start)
        best, n_best = _NARRATOR, counts.get(_NARRATOR, 0)
        for key, c in counts.items():
            if c > n_best:
                best, n_best = key, c
        return best

    def sentence_voices(self) -> list[tuple[str, str, str]]:
        """``sentence_voice`` of every sentence, in order."""
        return [self.sentence_voice(s) for s in self.toks.sentences]


def voices(toks: Tokens, quotes: Sequence[Quote]) -> VoiceMap:
    """The :class:`VoiceMap` of a document from its tokens and quotes."""
    return VoiceMap(toks, tuple(quotes))


# ---------------------------------------------------------------------------
# quote marks → raw quotes


@dataclass(slots=True)
class _Open:
    ch: str
    pos: int
    tok: int
    para: int


@dataclass(slots=True)
class _Raw:
    open_tok: int
    close_tok: int  # -1: closed at the end of its paragraph
    first: int  # inner tokens [first, last)
    last: int
    para: int
    para_start: int  # first token of the paragraph
    para_stop: int  # first token after the paragraph
    run_on: bool  # the quotation continues in the next paragraph (French convention)

    @property
    def end_tok(self) -> int:
        """First token after the quote (marks included)."""
        return self.close_tok + 1 if self.close_tok >= 0 else self.last


def _is_adverb(t: Token) -> bool:
    """A lower-case ``-ment`` word (``rapidement``, ``fermement``)."""
    return t.norm.endswith("ment") and t.text.islower()


def _determiner_gender(norm: str) -> str:
    """``m``/``f`` when a determiner shows the gender (``le``, ``la``, ``un``, ``cette``
    …), else ``''`` (``l'``, ``les``, any other word)."""
    if norm in _MASC:
        return "m"
    return "f" if norm in _FEM else ""


def _opens_straight(text: str, pos: int, stack: list[_Open]) -> bool:
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if before == "" or before.isspace() or before in _STRAIGHT_OPEN_AFTER:
        closing_context = after == "" or after.isspace() or after in _STRAIGHT_CLOSE_BEFORE
        return not (closing_context and stack and stack[-1].ch == '"')
    return False


def _pair_marks(text: str, toks: Sequence[Token]) -> tuple[list[_Raw], list[str]]:
    """Pair quote marks into top-level quotes (module docstring, §1)."""
    n = len(toks)
    warnings: list[str] = []
    raws: list[_Raw] = []
    newlines = line_breaks(text)
    stack: list[_Open] = []

    def warn(ch: str, pos: int) -> None:
        warnings.append(f"unbalanced {ch} at character {pos}")

    def para_end(para: int) -> int:
        return newlines[para] if para < len(newlines) else len(text)

    def emit(o: _Open, close_tok: int, last: int, run_on: bool) -> None:
        first = o.tok + 1
        if not any(toks[k].kind != "punct" for k in range(first, last)):
            return
        begin = 0
        if o.para > 0:  # after the line break ("\r\n" is one)
            nl = newlines[o.para - 1]
            begin = nl + (2 if text.startswith("\r\n", nl) else 1)
        start = bisect_left(toks, begin, key=_START)
        stop = bisect_left(toks, para_end(o.para), key=_START)
        raws.append(_Raw(o.tok, close_tok, first, last, o.para, start, stop, run_on))

    def flush() -> None:
        bottom = stack[0]
        for o in stack[1:]:
            warn(o.ch, o.pos)
        pend = para_end(bottom.para)
        j = pend
        while j < len(text) and text[j].isspace():
            j += 1
        run_on = j > pend and j < len(text) and text[j] == bottom.ch
        if not run_on:
            warn(bottom.ch, bottom.pos)
        emit(bottom, -1, bisect_left(toks, pend, key=_START), run_on)
        stack.clear()

    for m in _MARK_RE.finditer(text):
        pos = m.start()
        ch = m.group()
        i = bisect_left(toks, pos, key=_START)
        if i >= n or toks[i].start != pos or toks[i].text != ch:
            continue  # part of a larger token (a URL): not a quote mark
        para = bisect_left(newlines, pos)
        if stack and stack[0].para != para:
            flush()
        if ch in _OPENERS:
            opens = True
        elif ch == "“":
            opens = not (stack and stack[-1].ch == "„")
        elif ch == '"':
            opens = _opens_straight(text, pos, stack)
        else:
            opens = False
        if opens:
            stack.append(_Open(ch, pos, i, para))
            continue
        accepted = _ACCEPTS[ch]
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d].ch in accepted), -1)
        if depth < 0:
            warn(ch, pos)
            continue
        for o in stack[depth + 1 :]:
            warn(o.ch, o.pos)
        o = stack[depth]
        del stack[depth:]
        if not stack:
            emit(o, i, i, False)
    if stack:
        flush()
    return raws, warnings


# ---------------------------------------------------------------------------
# attribution


@dataclass(frozen=True, slots=True)
class _Subject:
    speaker: str
    actor: str  # actor id
    first: int
    last: int
    pronoun: str = ""
    gender: str = ""  # m/f when the phrase shows it ("la chercheuse", "Paul Martin, chercheur")


@dataclass(frozen=True, slots=True)
class _Found:
    cue: str
    subject: _Subject | None
    #: first token after the verb and its subject (set by ``cue_forward``, where an
    #: incise must end: ``a-t-il déclaré |,`` ``déclare-t-il |,`` ``a dit Poutine |,``)
    end: int = -1


@dataclass(slots=True)
class _Attribution:
    kind: str
    speaker: str = ""
    actor: str = ""  # actor id
    cue: str = ""
    subject: _Subject | None = None


class _Doc:
    """Everything the attribution rules look at in one document."""

    def __init__(self, toks: Tokens, raws: list[_Raw], table: ActorTable,
                 mentions: list[ActorMention] | None = None) -> None:
        self.text = toks.text
        self.toks = toks.tokens
        self.sents = toks.sentences
        self.n = len(self.toks)
        self.table = table
        self.raws = raws
        self.q_open = [r.open_tok for r in raws]
        self.mentions = table.find(toks) if mentions is None else mentions
        self.m_first = {m.first: m for m in self.mentions}
        self.m_last = {m.last - 1: m for m in self.mentions}
        self.m_firsts = [m.first for m in self.mentions]
        # antecedents (sorted by first token): collected sentence by sentence, only in
        # the sentences a pronoun looks back over (resolve), plus the speakers found
        self.antecedents: list[_Subject] = []
        self.ante_firsts: list[int] = []
        self.ante_sentences: set[int] = set()  # sentences already collected
        self.ante_starts: list[int] | None = None  # tokens that may start one
        self.narrated: dict[int, bool] = {}  # sentence -> has_narration

    # -- small predicates ---------------------------------------------------

    def in_quote(self, i: int) -> bool:
        r = bisect_right(self.q_open, i) - 1
        return r >= 0 and i < self.raws[r].end_tok

    def sentence_of(self, i: int) -> int:
        return max(0, bisect_right(self.sents, i, key=_FIRST) - 1)

    def kind_of(self, actor_id: str) -> str:
        a = self.table.get(actor_id)
        return a.kind if a else ""

    def is_cap(self, i: int) -> bool:
        t = self.toks[i]
        return t.kind == "word" and t.text[:1].isupper()

    def verb_at(self, i: int) -> str:
        t = self.toks[i]
        if t.kind != "word" or t.text[:1].isupper() or t.text[:1] in "-‐‑":
            return ""
        if i > 0 and self.toks[i - 1].norm in _DET_OR_DE:
            return ""  # "la demande", "une note": a noun
        return speech_verb(t.norm, t.lemma)

    def is_inverted(self, i: int) -> bool:
        t = self.toks[i]
        return t.text[:1] in "-‐‑" and t.norm in _SUBJECT_PRONOUNS

    def is_que(self, i: int) -> int:
        """Index of the ``que`` ending at token i (handles ``qu`` + ``'`` + «), or -1."""
        t = self.toks[i]
        if t.norm in ("que", "qu'"):
            return i
        if t.norm == "'" and i > 0 and self.toks[i - 1].norm == "qu":
            return i - 1
        return -1

    def text_of(self, first: int, last: int) -> str:
        return self.text[self.toks[first].start : self.toks[last - 1].end]

    def governed(self, i: int) -> bool:
        """Token i starts the complement of a preposition (``à Astana``, ``par le
        ministère``, ``des Nations unies``); ``selon``/``pour``/``d'après`` do not count."""
        if i <= 0:
            return False
        prev = self.toks[i - 1].norm
        if prev == "après" and i >= 2 and self.toks[i - 2].norm == "d'":
            return False
        return prev in _PP_HEADS

    def reported_subject(self, i: int) -> bool:
        """Token i starts the subject of speech reported by ``verbe … que`` (``a rappelé
        que le secrétaire général …``)."""
        if i <= 0 or self.is_que(i - 1) < 0:
            return False
        q = self.is_que(i - 1)
        return any(self.verb_at(x) for x in range(max(0, q - CLAUSAL_QUE_WINDOW), q))

    def person_noun(self, i: int, stop: int) -> int:
        """Index of a role noun right after the determiner at i (``le président``, ``la
        haute représentante``, ``le Premier ministre``), or -1."""
        k = i + 1
        if k < stop and self.toks[k].norm in _PERSON_PRE:
            k += 1
        if k < stop and self.toks[k].kind == "word" and self.toks[k].norm in _PERSON_NOUNS:
            return k
        return -1

    def noun_gender(self, i: int) -> str:
        norm = self.toks[i].norm
        if norm in _PERSON_NOUNS_F:
            return "f"
        return "m" if norm in _PERSON_NOUNS_M else ""

    # -- subjects -------------------------------------------------------------

    def name_run(self, j: int, stop: int) -> int:
        """End (exclusive) of the run of capitalised words starting at j (at most
        ``NAME_RUN_MAX`` tokens)."""
        k = j
        while k < stop and k - j < NAME_RUN_MAX:
            if self.is_cap(k):
                k += 1
                continue
            # one or two particles before a capitalised word: "de Villepin", "van der Bellen"
            m = k
            while (k > j and m < stop and m - k < NAME_PARTICLES_MAX
                   and self.toks[m].norm in _NAME_PARTICLES):
                m += 1
            if m == k or m >= stop or not self.is_cap(m):
                break
            k = m
        return k

    def mention_in(self, first: int, last: int, *, person: bool = False) -> str:
        """Actor id of a mention lying inside tokens [first, last) (a person if asked)."""
        i = bisect_left(self.m_firsts, first)
        while i < len(self.mentions) and self.mentions[i].first < last:
            m = self.mentions[i]
            if m.last <= last and (not person or self.kind_of(m.actor) == "person"):
                return m.actor
            i += 1
        return ""

    def new_determiner(self, k: int) -> bool:
        """Token k starts a new noun phrase (a determiner that is not a complement:
        ``des``/``du`` after a noun and ``la`` after ``de`` continue the phrase)."""
        norm = self.toks[k].norm
        return (norm in _DETERMINERS and norm not in ("des", "du")
                and self.toks[k - 1].norm not in _DE)

    def clause_end(self, k: int, stop: int) -> bool:
        if k >= stop:
            return True
        t = self.toks[k]
        return t.kind == "punct" or t.norm in _NP_STOP or (
            t.norm in _DE and k + 1 < stop and self.toks[k + 1].norm in _DE_LOCUTIONS
        )

    def title_tail(self, k: int, stop: int, *, posted: bool = False) -> int:
        """End of a short complement that ends a title before its name: ``par intérim``,
        ``aux Affaires étrangères``, ``pour les affaires étrangères`` (then a comma). A
        place (``à Kazan``) or a time (``en juin``) is not part of a title: returns k —
        except a place after a role held at one (``posted``: ``l'ambassadeur de Chine
        à Paris, Lu Shaye``)."""
        toks = self.toks
        if k >= stop or not (toks[k].norm in _PREPOSITIONS or toks[k].norm == "pour"):
            return k
        t = k + 1
        while t < stop and t - k <= TITLE_TAIL_MAX_TOKENS and toks[t].kind == "word" and not (
            toks[t].norm in _CLAUSE_BREAK or toks[t].norm in _TIME_WORDS
            or toks[t].norm in _TIME_NOUNS
        ):
            t += 1
        if t == k + 1 or t >= stop or toks[t].norm != ",":
            return k
        if not posted and all(self.is_cap(x) for x in range(k + 1, t)):
            return k  # "à Kazan": a place
        return t

    def apposition(self, k: int, stop: int, title_actor: str, *,
                   posted: bool = False) -> _Subject | None:
        """A name after a title at token k (``, Wang Yi`` or directly ``Vladimir Poutine``;
        ``le président iranien par intérim, Mohammad Mokhber``; ``posted``: see
        :meth:`title_tail`)."""
        k = self.title_tail(k, stop, posted=posted)
        if k < stop and self.toks[k].norm == ",":
            k += 1
        if k >= stop:
            return None
        m = self.m_first.get(k)
        if m is not None:
            if self.kind_of(m.actor) == "person":
                return _Subject(m.text, m.actor, m.first, m.last)
            return None
        if not self.is_cap(k):
            return None
        end = self.name_run(k, stop)
        if end - k > APPOSITION_MAX_TOKENS or not self.clause_end(end, stop):
            return None
        actor = self.mention_in(k, end, person=True) or title_actor
        return _Subject(self.text_of(k, end), actor, k, end)

    def skip_fillers(self, j: int, stop: int) -> int:
        """The first token from j on that is not a time word or an adverb between a
        postposed verb and its subject (``_AFTER_VERB_FILLERS``, ``-ment`` adverbs:
        ``a déclaré mardi``, ``a déclaré fermement``), also when set off by commas
        (``a déclaré, mardi, Sergueï Lavrov``)."""
        toks = self.toks
        while j < stop:
            if toks[j].norm in _AFTER_VERB_FILLERS or _is_adverb(toks[j]):
                j += 1
                continue
            if toks[j].norm != ",":
                break
            k = j + 1
            while k < stop and (toks[k].norm in _AFTER_VERB_FILLERS or _is_adverb(toks[k])):
                k += 1
            if k == j + 1 or k >= stop or toks[k].norm != ",":
                break
            j = k + 1
        return j

    def subject_forward(self, j: int, stop: int) -> _Subject | None:
        """The subject phrase starting at token j (after a postposed verb or ``selon``)."""
        for _ in range(SUBJECT_TIME_PHRASES + 1):
            j = self.skip_fillers(j, stop)
            if j >= stop:
                return None
            t = self.toks[j]
            if t.norm in _SUBJECT_PRONOUNS or t.norm in _STRESSED_PRONOUNS:
                return _Subject("", "", j, j + 1, pronoun=t.norm)
            m = self.m_first.get(j)
            if m is not None:
                title = self.toks[j].norm in _DETERMINERS or self.toks[j].text[:1].islower()
                if title:
                    named = self.apposition(m.last, stop, m.actor)
                    if named is not None:
                        return named
                return _Subject(m.text, m.actor, m.first, m.last)
            if self.is_cap(j) and t.norm not in _DETERMINERS:
                end = self.name_run(j, stop)
                return _Subject(self.text_of(j, end), self.mention_in(j, end), j, end)
            if t.norm not in _DETERMINERS:
                return None
            k = j + 1
            while k < stop and k - j < NP_MAX_TOKENS and (
                not self.clause_end(k, stop) or self.coordinated_name(k, stop)
            ):
                if self.new_determiner(k):
                    break  # "la semaine dernière | le président"
                k += 1
            while k > j + 1 and self.toks[k - 1].norm in _DET_OR_DE:
                k -= 1
            if k <= j + 1 or (k < stop and k - j >= NP_MAX_TOKENS
                              and not self.clause_end(k, stop)):
                return None
            if any(self.toks[x].norm in _TIME_NOUNS for x in range(j + 1, k)):
                j = k
                continue
            return self.noun_phrase(j, k, stop)
        return None

    def coordinated_name(self, k: int, stop: int) -> bool:
        """``et`` inside an institution's name: ``des Relations internationales et de la
        Coopération``."""
        toks = self.toks
        if toks[k].norm != "et" or k + 2 >= stop or toks[k + 1].norm not in _DE:
            return False
        x = k + 2
        if toks[x].norm in _DETERMINERS and x + 1 < stop:
            x += 1
        return self.is_cap(x)

    def noun_phrase(self, j: int, k: int, stop: int) -> _Subject:
        """Subject from the determiner phrase [j, k): its name if it holds one (the
        name's actor, else the phrase's when the phrase is a mention)."""
        m = self.m_first.get(j + 1)
        actor = m.actor if m is not None and m.last == k else ""
        x = j + 1
        while x < k:
            if self.is_cap(x) and self.toks[x - 1].norm not in _DET_OR_DE:
                end = self.name_run(x, k)
                return _Subject(self.text_of(x, end), self.mention_in(x, end), x, end)
            x += 1
        noun = self.person_noun(j, k)
        posted = noun >= 0 and self.toks[noun].norm in _POSTED_NOUNS
        named = self.apposition(k, stop, actor, posted=posted)
        if named is not None and named.first > k:  # ", Name" after a title
            return named
        return _Subject(self.text_of(j, k), actor, j, k)

    def subject_backward(self, v: int, lo: int) -> tuple[_Subject | None, int]:
        """Subject of the verb at token v, searching left down to ``lo``; also the
        auxiliary's index (-1 if none)."""
        toks = self.toks
        k = v - 1
        aux = -1
        x = k
        while x >= lo and v - x <= AUXILIARY_MAX_GAP and (
            toks[x].norm in _FILLERS or _is_adverb(toks[x])
        ):
            x -= 1
        if x >= lo and toks[x].norm in _AUX:
            aux = x
            k = x - 1
        while k >= lo and toks[k].norm in _CLITIC_OR_NEG:
            k -= 1
        if k < lo:
            return None, aux
        t = toks[k]
        if t.norm in _SUBJECT_PRONOUNS:
            return _Subject("", "", k, k + 1, pronoun=t.norm), aux
        return self.subject_ending_at(k, lo), aux

    def subject_ending_at(self, k: int, lo: int, *, depth: int = 0) -> _Subject | None:
        toks = self.toks
        m = self.m_last.get(k)
        if m is not None and m.first >= lo:
            if not self.governed(m.first):
                return _Subject(m.text, m.actor, m.first, m.last)
            if toks[m.first - 1].norm not in _DE:
                return self.head_before(m.first - 1, lo)  # "… en poste à Astana"
            # "un responsable du département d'État": the whole phrase, below
        t = toks[k]
        if t.norm == "," and depth == 0:
            return self.subject_before_comma(k, lo)
        if self.is_cap(k):
            s = k
            while s - 1 >= lo and k - s < APPOSITION_MAX_TOKENS and (
                self.is_cap(s - 1)
                or (toks[s - 1].norm in _NAME_PARTICLES and s - 2 >= lo and self.is_cap(s - 2))
            ):
                s -= 1
            if s - 1 >= lo and toks[s - 1].norm in _PREPOSITIONS:
                return self.head_before(s - 1, lo)  # "… de passage à Tianjin"
            if not (s - 1 >= lo and toks[s - 1].norm in _DET_OR_DE):
                return _Subject(self.text_of(s, k + 1), self.mention_in(s, k + 1), s, k + 1)
            # "le ministre de la Défense", "le chercheur Paul Martin": the whole phrase
        s = k
        while s >= lo and k - s < NP_MAX_TOKENS:
            tk = toks[s]
            if tk.kind == "punct" or tk.norm in _NP_STOP:
                return None
            if tk.norm in _DETERMINERS and s < k:
                prev = toks[s - 1] if s - 1 >= lo else None
                complement = prev is not None and (
                    prev.norm in _DE
                    or (tk.norm in ("des", "du") and prev.kind == "word"
                        and prev.norm not in _NP_STOP)
                )
                if not complement:
                    return self.noun_phrase(s, k + 1, k + 1)
            s -= 1
        return None

    def subject_before_comma(self, k: int, lo: int) -> _Subject | None:
        """Subject ending with the comma at k: ``Le ministre …, Wang Yi,`` (the name, with
        the title's actor if the name has none), ``Wang Yi, chef de la diplomatie
        chinoise,`` (the name), ``Le ministre, de passage à Astana,`` (an apposition that
        is not a phrase of its own — a complement, a relative clause, an adverb or
        ``lui`` — is skipped)."""
        toks = self.toks
        c = k - 1
        while c >= lo and k - c <= NP_MAX_TOKENS and toks[c].norm != ",":
            c -= 1
        if c < lo or toks[c].norm != "," or c == k - 1:
            return None
        inner = self.subject_ending_at(k - 1, c + 1, depth=1)
        before = self.subject_ending_at(c - 1, lo, depth=1) if c - 1 >= lo else None
        if inner is None or inner.first != c + 1:
            # the part between the commas is not a phrase of its own
            first = toks[c + 1]
            skippable = (first.norm in _PP_HEADS or first.norm == "qui" or _is_adverb(first)
                         or first.norm in _STRESSED_PRONOUNS)
            return before if skippable and not self.is_cap(c + 1) else None
        if self.is_cap(c + 1) and toks[c + 1].norm not in _DETERMINERS:
            # "Le ministre …, Wang Yi, a déclaré": the name (a title+name gets the
            # name's actor, else the title's)
            if not inner.actor and before is not None and before.actor and not (
                self.is_cap(before.first) and toks[before.first].norm not in _DETERMINERS
            ):
                return replace(inner, actor=before.actor)
            return inner
        return before or inner  # "Wang Yi, chef de la diplomatie chinoise, a déclaré"

    def head_before(self, p: int, lo: int) -> _Subject | None:
        """The noun phrase a complement at token p (its preposition) belongs to: ``Un
        diplomate européen en poste à Astana`` → ``Un diplomate européen``. None when the
        complement hangs on a verb or stands alone."""
        x = p - 1
        while x >= lo and p - x <= NP_MAX_TOKENS:
            t = self.toks[x]
            if t.kind == "punct" or t.norm in _CLAUSE_BREAK:
                break
            x -= 1
        x0 = x + 1
        if x0 >= p:
            return None
        subj = self.subject_forward(x0, p)
        return None if subj is None or subj.pronoun else subj

    # -- pronouns ---------------------------------------------------------------

    def candidate_start(self, i: int) -> bool:
        """A mention starting at token i may be the antecedent of a pronoun: narrator
        text, singular, not a complement (``à Bruxelles``, ``par le ministère``) and not
        the subject of reported speech (``a rappelé que le secrétaire général``)."""
        return not (self.in_quote(i) or self.toks[i].norm in _PLURAL_DETERMINERS
                    or self.governed(i) or self.reported_subject(i))

    def collect_antecedents(self, lo: int, hi: int) -> None:
        """Add the persons, institutions and organisations a pronoun may refer to (§3,
        Pronouns) in sentences ``lo`` to ``hi``: actor-table mentions, role phrases
        (``le président iranien, Massoud Pezechkian``, ``le diplomate portugais``) and
        names in apposition to a role (``Julien Ferrand, économiste``), whether or not
        they are in the table. Each sentence is collected once; what it finds takes the
        place of a speaker added at the same token (:meth:`add_antecedent`), so the
        result does not depend on the order in which sentences are collected."""
        if self.ante_starts is None:
            # only determiners and capitalised words can start an antecedent: find them
            # with the token filters (compiled), then apply the rules to those few tokens
            self.ante_starts = sorted(
                set(select_indices(self.toks, NORM, _DETERMINERS)).union(capitalized(self.toks)))
        for s in range(max(lo, 0), hi + 1):
            if s in self.ante_sentences:
                continue
            self.ante_sentences.add(s)
            first, last = self.sentence_span(s)
            for k, subj in self.antecedents_between(first, last).items():
                at = bisect_left(self.ante_firsts, k)
                if at < len(self.ante_firsts) and self.ante_firsts[at] == k:
                    self.antecedents[at] = subj
                else:
                    self.ante_firsts.insert(at, k)
                    self.antecedents.insert(at, subj)

    def sentence_span(self, s: int) -> tuple[int, int]:
        """The tokens that :meth:`sentence_of` puts in sentence ``s``: [first, last)."""
        sents = self.sents
        first = sents[s].first if s > 0 else 0
        last = sents[s + 1].first if s + 1 < len(sents) else self.n
        return first, last

    def antecedents_between(self, first: int, last: int) -> dict[int, _Subject]:
        """The antecedents whose first token is in [first, last) (one sentence), by
        first token."""
        toks, n = self.toks, self.n
        found: dict[int, _Subject] = {}
        mentions = self.mentions
        for x in range(bisect_left(self.m_firsts, first), bisect_left(self.m_firsts, last)):
            m = mentions[x]
            if self.kind_of(m.actor) in _ANTECEDENT_KINDS and self.candidate_start(m.first):
                found[m.first] = _Subject(m.text, m.actor, m.first, m.last)
        starts = self.ante_starts
        assert starts is not None
        for x in range(bisect_left(starts, first), bisect_left(starts, last)):
            i = starts[x]
            t = toks[i]
            if t.kind not in ("word", "elision"):
                continue
            if t.norm in _DETERMINERS:
                noun = self.person_noun(i, n)
                if noun < 0 or not self.candidate_start(i):
                    continue
                subj = self.subject_forward(i, self.phrase_stop(i))
                if subj is None or subj.pronoun or subj.first in found:
                    continue
                gender = _determiner_gender(t.norm) or self.noun_gender(noun)
                found[subj.first] = replace(subj, gender=gender)
            elif self.is_cap(i) and not self.name_continues(i) and (
                t.norm not in _SUBJECT_PRONOUNS and t.norm not in _NP_STOP
            ):
                # "Julien Ferrand, économiste à …": a name followed by its role
                end = self.name_run(i, self.phrase_stop(i))
                if end + 1 >= n or toks[end].norm != "," or i in found:
                    continue
                k = end + 1 if toks[end + 1].norm not in _DETERMINERS else end + 2
                noun = self.person_noun(k - 1, n)
                if noun < 0 or not self.candidate_start(i):
                    continue
                actor = self.mention_in(i, end)
                if actor and self.kind_of(actor) not in _ANTECEDENT_KINDS:
                    continue  # "Pékin, capitale …"
                found[i] = _Subject(self.text_of(i, end), actor, i, end,
                                    gender=self.noun_gender(noun))
        return found

    def name_continues(self, i: int) -> bool:
        """Token i continues a run of capitalised words (``Pour Julien`` is no run)."""
        prev = self.toks[i - 1] if i > 0 else None
        return prev is not None and self.is_cap(i - 1) and not (
            prev.norm in _NP_STOP or prev.norm in _DETERMINERS
        )

    def phrase_stop(self, i: int) -> int:
        """End of the narrator stretch of token i: its sentence, or the next quote."""
        stop = self.sents[self.sentence_of(i)].last
        r = bisect_right(self.q_open, i)
        return min(stop, self.q_open[r]) if r < len(self.q_open) else stop

    def resolve(self, pronoun: str, at: int) -> _Subject | None:
        """The closest antecedent before token ``at`` for a pronoun (§3, Pronouns);
        the object of a verb gives way to that verb's subject when both agree."""
        gender = _RESOLVABLE.get(pronoun)
        if gender is None:
            return None
        here = self.sentence_of(at)
        floor = self.pronoun_floor(here)
        self.collect_antecedents(floor, here)
        for x in range(bisect_left(self.ante_firsts, at) - 1, -1, -1):
            cand = self.antecedents[x]
            if self.sentence_of(cand.first) < floor:
                return None
            if cand.last > at or not self.agrees(cand, gender):
                continue
            return self.subject_of_clause(x, gender) or cand
        return None

    def agrees(self, cand: _Subject, gender: str) -> bool:
        g = self.gender_of(cand)
        return not g or g == gender

    def verb_after(self, s: _Subject) -> int:
        """Index of the verb right after the phrase ``s`` (clitics and negation
        skipped): an auxiliary or a lower-case word that is no preposition, determiner,
        conjunction, relative or time word (``Le chef de la diplomatie a rencontré``,
        ``Wang Yi rencontre``); -1 when ``s`` is not followed by a verb."""
        toks, k = self.toks, s.last
        while k < self.n and toks[k].norm in _CLITIC_OR_NEG:
            k += 1
        if k >= self.n:
            return -1
        t = toks[k]
        if t.norm in _AUX:
            return k
        if t.kind != "word" or not t.text.islower() or _is_adverb(t) or (
            t.norm in _NP_STOP or t.norm in _PP_HEADS or t.norm in _DETERMINERS
        ):
            return -1
        return k

    def subject_of_clause(self, x: int, gender: str) -> _Subject | None:
        """When antecedent ``x`` is the object of a verb whose subject is an earlier
        antecedent that agrees (``Le chef de la diplomatie chinoise a rencontré le
        Premier ministre indien Narendra Modi``: the subject, not Modi), that subject;
        else None. The object must follow the subject's verb in the same clause (no
        punctuation, conjunction, relative or other verb in between)."""
        obj = self.antecedents[x]
        if self.verb_after(obj) >= 0:
            return None  # a subject itself ("Wang Yi et Modi ont …", "Modi a …")
        sentence = self.sentence_of(obj.first)
        for y in range(x - 1, -1, -1):
            subj = self.antecedents[y]
            if self.sentence_of(subj.first) != sentence:
                return None
            v = self.verb_after(subj)
            if v < 0 or v >= obj.first:
                continue
            if any(self.toks[k].kind == "punct" or self.toks[k].norm in _CLAUSE_BREAK
                   for k in range(v + 1, obj.first)):
                return None  # another clause: "X a dit, puis Y …", "X sait que Y …"
            return subj if self.agrees(subj, gender) else None
        return None

    def sentence_narrated(self, si: int) -> bool:
        """Sentence ``si`` has a word outside its quotes (cached)."""
        narrated = self.narrated.get(si)
        if narrated is None:
            narrated = self.narrated[si] = self.has_narration(self.sents[si])
        return narrated

    def pronoun_floor(self, here: int) -> int:
        """The first sentence a pronoun in sentence ``here`` looks back to:
        ``PRONOUN_MAX_SENTENCES`` sentences with narration before it; the sentences made
        only of quoted words (a quotation of several sentences or paragraphs before its
        ``a-t-il conclu``) do not count, up to ``PRONOUN_MAX_REACH`` sentences back (so
        that each pronoun's work is bounded: an interview made of quotations has no
        narration to stop at)."""
        found = 0
        stop = max(here - 1 - PRONOUN_MAX_REACH, -1)
        for si in range(here - 1, stop, -1):
            if self.sentence_narrated(si):
                found += 1
                if found == PRONOUN_MAX_SENTENCES:
                    return si
        return stop + 1

    def gender_of(self, s: _Subject) -> str:
        if s.gender:
            return s.gender
        gender = _determiner_gender(self.toks[s.first].norm)
        if gender:
            return gender
        a = self.table.get(s.actor)
        return a.gender if a else ""

    # -- cues -------------------------------------------------------------------

    def cue_forward(self, j: int, stop: int) -> _Found | None:
        """A speech verb (or selon/d'après) and its subject starting at token j."""
        toks = self.toks
        if j < stop and toks[j].norm in _LEAD_PUNCT:
            j += 1
        if j >= stop:
            return None
        if toks[j].norm == "selon":
            subj = self.subject_forward(j + 1, stop)
            return _Found("selon", subj, subj.last) if subj else None
        if toks[j].norm == "d'" and j + 1 < stop and toks[j + 1].norm == "après":
            subj = self.subject_forward(j + 2, stop)
            return _Found("d'après", subj, subj.last) if subj else None
        aux = refl = pron_at = -1
        pron = ""
        start = j
        while j < stop and not self.verb_at(j):
            t = toks[j]
            if j == start and t.norm in _REFLEXIVE:  # "s'est indigné", "se félicite"
                refl = j
            elif aux < 0 and t.norm in _AUX:
                aux = j
            elif not pron and self.is_inverted(j):  # "a-t-il déclaré"
                pron, pron_at = t.norm, j
            elif not (aux >= 0 and (t.norm in _FILLERS or _is_adverb(t))):
                return None
            j += 1
            if j - start > POSTPOSED_MAX_GAP:
                return None
        if j >= stop or toks[j].norm.endswith("ant") or toks[j].norm in SPEECH_VERBS:
            return None  # a participle or an infinitive ("«Il faut, dire la vérité.»")
        v = j
        j += 1
        if not pron and j < stop and self.is_inverted(j):  # "déclare-t-il"
            pron, pron_at = toks[j].norm, j
            j += 1
        cue = f"{toks[aux].norm} {toks[v].norm}" if aux >= 0 else toks[v].norm
        if refl >= 0:
            r = toks[refl].norm
            cue = f"{r}{cue}" if r.endswith("'") else f"{r} {cue}"
        if pron:
            return _Found(cue, _Subject("", "", pron_at, pron_at + 1, pronoun=pron), j)
        subj = self.subject_forward(j, stop)
        if subj is None:
            # "a déclaré mardi soir à Berlin Emmanuel Macron", "a déclaré fermement à …"
            j = self.skip_fillers(j, stop)
        if subj is None and j < stop and toks[j].norm in ("à", "au", "aux"):
            title = self.quoted_title(j + 1, stop)
            if title is not None:  # "a déclaré au « Monde » un diplomate européen"
                subj = self.subject_forward(*title)
            else:
                subj = self.subject_after_object(j, stop)
        return _Found(cue, subj, subj.last) if subj is not None else None

    def subject_after_object(self, j: int, stop: int) -> _Subject | None:
        """The subject after an indirect object ``à …`` at token j: ``a déclaré à l'AFP
        un diplomate``, or after a time phrase: ``à la veille du sommet le président
        kazakh``, ``… du sommet Lavrov``."""
        toks = self.toks
        k = j + 1
        if k < stop and toks[k].norm in _DETERMINERS:
            k += 1
        k += 1
        name = -1
        while (k < stop and k - j <= INDIRECT_OBJECT_MAX_TOKENS and not self.new_determiner(k)
               and not self.clause_end(k, stop)):
            if name < 0 and self.is_cap(k) and toks[k - 1].norm not in _DET_OR_DE:
                name = k
            k += 1
        if not (k < stop and self.new_determiner(k)) and name >= 0:
            k = name
        if k < stop and toks[k].kind != "punct":
            return self.subject_forward(k, stop)
        return None

    def quoted_title(self, k: int, stop: int) -> tuple[int, int] | None:
        """A publication's title in quote marks at token k (``« Monde »``, ``la «
        Tribune »``; at most ``TITLE_MAX_WORDS`` words), where the narrator stretch
        ``stop`` ends: (first token after it, the narrator stretch after it)."""
        if k < self.n and self.toks[k].norm in _DETERMINERS:
            k += 1
        if k != stop:
            return None
        r = bisect_right(self.q_open, k) - 1
        if r < 0 or self.raws[r].open_tok != k or self.raws[r].close_tok < 0:
            return None
        raw = self.raws[r]
        words = sum(1 for i in range(raw.first, raw.last) if self.toks[i].kind != "punct")
        if not 0 < words <= TITLE_MAX_WORDS or not self.is_cap(raw.first):
            return None
        after = raw.end_tok
        return after, self.phrase_stop(after) if after < self.n else after

    def cue_backward(self, marker: int, lo: int, window: int | None) -> _Found | None:
        """The speech verb before token ``marker`` (``:`` or ``que``) and its subject.
        The first verb must be within ``window`` tokens; a participle or infinitive
        hands over to the next speech verb to the left."""
        k = marker - 1
        chained = False
        lo = max(lo, marker - CUE_SCAN_MAX_TOKENS)
        while k >= lo:
            if window is not None and not chained and marker - k > window:
                return None
            verb = self.verb_at(k)
            if verb:
                norm = self.toks[k].norm
                if norm.endswith("ant") or norm == verb:
                    chained = True
                    k -= 1
                    continue
                if k + 1 < marker and self.is_inverted(k + 1):  # "poursuit-il :"
                    return _Found(norm, _Subject("", "", k + 1, k + 2,
                                                 pronoun=self.toks[k + 1].norm))
                subj, aux = self.subject_backward(k, lo)
                cue = f"{self.toks[aux].norm} {norm}" if aux >= 0 else norm
                return _Found(cue, subj)
            k -= 1
        return None

    def cue_tight_before(self, r: _Raw, lo: int) -> _Found | None:
        """§3.3: ``:`` / ``que`` / ``Selon X,`` right before the opening mark."""
        i = r.open_tok - 1
        if i < lo:
            return None
        t = self.toks[i]
        if t.norm == ":":
            return self.cue_backward(i, lo, None) or self.colon_subject(i, lo)
        q = self.is_que(i)
        if q >= 0:
            return self.cue_backward(q, lo, CLAUSAL_QUE_WINDOW)
        if t.norm != ",":
            return None
        for k in range(i - 1, max(lo, i - CUE_SCAN_MAX_TOKENS) - 1, -1):
            norm = self.toks[k].norm
            if norm == "selon":
                marker = "selon"
            elif norm == "pour":
                marker = "pour"
            elif norm == "après" and k - 1 >= lo and self.toks[k - 1].norm == "d'":
                marker = "d'après"
            else:
                continue
            if marker == "pour" and k > lo and not (
                self.toks[k - 1].kind == "punct" or self.toks[k - 1].norm in ("et", "mais")
            ):
                continue  # "se battre pour la paix, «…»": not a source
            subj = self.subject_forward(k + 1, i)
            if subj is None or not (subj.last in (i, i - 1) or self.appositions(subj.last, i)):
                continue
            if marker == "pour" and _normalize_phrase(self.text_of(subj.first, subj.last)) in (
                _POUR_NOT_SOURCE
            ):
                return None
            return _Found(marker, subj)
        return None

    def colon_subject(self, colon: int, lo: int) -> _Found | None:
        """§3.3 without a speech verb: the subject that opens the sentence, when it is a
        person or institution (an actor of the table, a name of two words or more, a
        pronoun), speaks the quotation its clause introduces with a colon
        (``Dmitri Peskov a balayé les critiques : «…»``, ``Interrogé sur les critiques,
        le porte-parole du Kremlin, Dmitri Peskov, a été catégorique : «…»``: the first
        such subject at the start of the sentence or after one of its commas). A common
        noun is no speaker (``Le bilan est lourd : «…»``)."""
        starts = [lo] + [k + 1 for k in range(lo, colon) if self.toks[k].norm == ","]
        for start in starts:
            subj = self.subject_forward(start, colon)
            if subj is not None and (subj.actor or subj.pronoun or (
                    subj.last - subj.first >= 2
                    and all(self.is_cap(k) for k in range(subj.first, subj.last)))):
                return _Found(":", subj)
        return None

    def appositions(self, a: int, i: int) -> bool:
        """Tokens [a, i) are appositions between commas, each a role or a complement:
        ``, chercheuse au Centre d'études (CESE)``, ``, de l'Institut …``, ``, à Kiev``
        — not a clause (``, la situation est grave``)."""
        toks = self.toks
        if a >= i or toks[a].norm != ",":
            return False
        start = a + 1
        segments = 0
        for x in range(a + 1, i + 1):
            if x < i and toks[x].norm != ",":
                t = toks[x]
                if t.norm in _CLAUSE_BREAK and t.norm != "et":
                    return False
                if t.kind == "punct" and t.norm not in ("(", ")", "-", "–"):
                    return False
                continue
            if x == start or x - start > APPOSITION_SEGMENT_MAX_TOKENS:
                return False
            first = toks[start].norm
            det = start if first in _DETERMINERS else start - 1  # "chercheuse", "l'économiste"
            if not (first in _PP_HEADS or self.person_noun(det, x) >= 0):
                return False
            segments += 1
            start = x + 1
        return 0 < segments <= SOURCE_APPOSITIONS_MAX

    def cue_loose_before(self, r: _Raw, lo: int) -> _Found | None:
        """§3.4: a speech verb + que/: or selon/d'après anywhere earlier in the sentence."""
        lo = max(lo, r.open_tok - CUE_SCAN_MAX_TOKENS)
        for k in range(r.open_tok - 1, lo - 1, -1):
            norm = self.toks[k].norm
            q = self.is_que(k)
            if norm == ":" or q >= 0:
                found = self.cue_backward(q if q >= 0 else k, lo, CLAUSAL_QUE_WINDOW)
                if found is not None:
                    return found
            elif norm == "selon" or (norm == "après" and k > lo
                                     and self.toks[k - 1].norm == "d'"):
                subj = self.subject_forward(k + 1, r.open_tok)
                if subj is not None:
                    return _Found("selon" if norm == "selon" else "d'après", subj)
        return None

    def cue_incise(self, r: _Raw) -> _Found | None:
        """§3.2: ``«…, a déclaré X, …»``, ``«…, a-t-il déclaré, …»``, ``«…, insiste X.
        …»``."""
        for c in range(r.first + 1, r.last - 1):
            if self.toks[c].norm not in _INCISE_PUNCT:
                continue
            found = self.cue_forward(c + 1, r.last)
            if found is None or found.subject is None:
                continue
            end = found.end
            if end < r.last and (self.toks[end].norm in _INCISE_PUNCT
                                 or self.toks[end].norm in _TERMINAL):
                return found
        return None

    # -- kinds ------------------------------------------------------------------

    def scare_shaped(self, r: _Raw) -> bool:
        words = 0
        for k in range(r.first, r.last):
            if self.toks[k].kind in ("word", "number"):
                words += 1
                if words > SCARE_MAX_WORDS:
                    return False
        if r.last > r.first and self.toks[r.last - 1].norm in _TERMINAL:
            return False
        return self.sentence_narrated(self.sentence_of(r.open_tok))

    def has_narration(self, s: Sentence) -> bool:
        """Sentence ``s`` has a word outside its quotes (asked for each of its quotes:
        answered once per sentence, or a sentence of thousands of short quotes would
        be scanned thousands of times)."""
        ri = bisect_right(self.q_open, s.first) - 1
        ri = max(ri, 0)
        k = s.first
        while k < s.last:
            while ri < len(self.raws) and self.raws[ri].end_tok <= k:
                ri += 1
            if ri < len(self.raws) and self.raws[ri].open_tok <= k < self.raws[ri].end_tok:
                k = self.raws[ri].end_tok
                continue
            if self.toks[k].kind != "punct":
                return True
            k += 1
        return False

    def blocked(self, prev: _Raw, prev_attr: _Attribution, r: _Raw) -> bool:
        """A different person/institution is named between two quotes."""
        subj = prev_attr.subject
        i = bisect_left(self.m_firsts, prev.end_tok)
        while i < len(self.mentions) and self.mentions[i].first < r.open_tok:
            m = self.mentions[i]
            i += 1
            if subj is not None and subj.first <= m.first < subj.last:
                continue
            if m.actor != prev_attr.actor and self.kind_of(m.actor) in _BLOCKING_KINDS:
                return True
        return False

    # -- main -------------------------------------------------------------------

    def attribute(self) -> list[_Attribution]:
        out: list[_Attribution] = []
        last_speech = -1
        for qi, r in enumerate(self.raws):
            s = self.sents[self.sentence_of(r.open_tok)]
            # a sentence may run over a line break the tokenizer does not split at
            # ("\r", U+2029): no cue before the paragraph
            lo = max(s.first, r.para_start)
            if qi > 0 and self.raws[qi - 1].end_tok > lo:
                lo = self.raws[qi - 1].end_tok
            found: _Found | None = None
            if r.close_tok >= 0:
                stop = r.para_stop
                if qi + 1 < len(self.raws):
                    stop = min(stop, self.raws[qi + 1].open_tok)
                found = self.cue_forward(r.close_tok + 1, stop)
            found = found or self.cue_incise(r) or self.cue_tight_before(r, lo)
            if found is None and self.scare_shaped(r):
                out.append(_Attribution("scare"))
                continue
            if found is None:
                found = self.cue_loose_before(r, lo)
            att = _Attribution("speech")
            if found is not None:
                self.fill(att, found, r)
            elif last_speech >= 0:
                prev, prev_att = self.raws[last_speech], out[last_speech]
                same_place = prev.para == r.para or (prev.run_on and last_speech == qi - 1)
                if prev_att.speaker and same_place and not self.blocked(prev, prev_att, r):
                    att.speaker, att.actor, att.subject = (
                        prev_att.speaker, prev_att.actor, prev_att.subject
                    )
                    att.cue = "continuation"
            out.append(att)
            last_speech = qi
        self.fill_run_on_backwards(out)
        return out

    def fill(self, att: _Attribution, found: _Found, r: _Raw) -> None:
        att.cue = found.cue
        subj = found.subject
        if subj is not None and subj.pronoun:
            att.cue = f"pronoun:{subj.pronoun}"
            subj = self.resolve(subj.pronoun, min(subj.first, r.open_tok))
        elif subj is not None and (not subj.actor
                                   or self.kind_of(subj.actor) in _ANTECEDENT_KINDS):
            self.add_antecedent(subj)  # a speaker (even inside a quote) can be "il" later
        if subj is not None:
            att.subject = subj
            att.speaker, att.actor = subj.speaker, subj.actor

    def add_antecedent(self, subj: _Subject) -> None:
        at = bisect_left(self.ante_firsts, subj.first)
        if at < len(self.ante_firsts) and self.ante_firsts[at] == subj.first:
            return
        self.ante_firsts.insert(at, subj.first)
        self.antecedents.insert(at, subj)

    def fill_run_on_backwards(self, out: list[_Attribution]) -> None:
        for qi in range(len(self.raws) - 2, -1, -1):
            if not self.raws[qi].run_on:
                continue
            a, b = out[qi], out[qi + 1]
            if a.kind == "speech" and b.kind == "speech" and not a.speaker and b.speaker:
                a.speaker, a.actor, a.cue, a.subject = b.speaker, b.actor, "continuation", b.subject


def _normalize_phrase(text: str) -> str:
    """Lower case, apostrophes unified, spaces collapsed."""
    return " ".join(text.replace("’", "'").lower().split())


# ---------------------------------------------------------------------------
# public functions


def find_quotes(
    toks: Tokens, actors: ActorTable | None = None, *,
    mentions: list[ActorMention] | None = None,
) -> tuple[list[Quote], list[str]]:
    """The direct quotes of a tokenized document, with kind and speaker, and the
    warnings (unbalanced quote marks) met on the way. See the module docstring.

    ``mentions``: the actor mentions of ``toks`` if already found with
    ``actors.find(toks)`` (the pipeline finds them once for quotes and sentiment)."""
    text = toks.text
    if not text or _MARK_RE.search(text) is None:
        return [], []
    raws, warnings = _pair_marks(text, toks.tokens)
    if not raws:
        return [], warnings
    table = load_actors() if actors is None else actors
    doc = _Doc(toks, raws, table, mentions)
    tt = toks.tokens
    out: list[Quote] = []
    for qi, (r, att) in enumerate(zip(raws, doc.attribute(), strict=True)):
        start = tt[r.open_tok].start
        end = tt[r.close_tok].end if r.close_tok >= 0 else tt[r.last - 1].end
        inner_start, inner_end = tt[r.first].start, tt[r.last - 1].end
        actor = table.get(att.actor) if att.actor else None
        out.append(Quote(
            quote_id=qi, start=start, end=end, inner_start=inner_start, inner_end=inner_end,
            kind=att.kind, speaker=att.speaker, actor=actor.name if actor else "",
            cue=att.cue, text=text[inner_start:inner_end],
        ))
    return out, warnings


def textstat_quotes(
    corpus: Iterable[Document], actors: ActorTable | None = None
) -> pd.DataFrame:
    """One row per direct quote of every document (columns ``QUOTE_COLUMNS``).

    Warnings about unbalanced quote marks are kept in ``df.attrs["warnings"]`` as
    ``(doc_id, message)`` pairs; nothing is printed.
    """
    import pandas as pd

    table = load_actors() if actors is None else actors
    rows: list[tuple[object, ...]] = []
    warnings: list[tuple[str, str]] = []
    for doc in corpus:
        quotes, warns = find_quotes(_tokenize_text(doc.text), table)
        warnings.extend((doc.doc_id, w) for w in warns)
        rows.extend(
            (doc.doc_id, q.quote_id, q.start, q.end, q.kind, q.speaker, q.actor, q.cue, q.text)
            for q in quotes
        )
    df = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    df = df.astype({"quote_id": "int64", "char_start": "int64", "char_end": "int64"})
    df.attrs["warnings"] = warnings
    return df
