"""French negation cues and scope, on literal sentences."""

from __future__ import annotations

import pytest

from framing.lexicon import compile_pattern
from framing.negation import find_gap_negation, find_negation, holds_negation, is_negated
from framing.tokenizer import tokens


def cue_before(sentence: str, word: str) -> str | None:
    t = tokens(sentence)
    i = next(k for k, tok in enumerate(t.tokens) if tok.norm == word)
    cue = find_negation(t.tokens, i)
    return None if cue is None else cue.norm


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Ce sommet n'est pas un contrepoids réel.", "pas"),
        ("Ce sommet ne sera jamais un contrepoids réel.", "jamais"),
        ("Ce sommet n'est plus un contrepoids réel.", "plus"),
        ("Ce sommet n'est en rien un contrepoids réel.", "rien"),
        ("Ce sommet n'est guère un contrepoids réel.", "guère"),
        ("Aucun contrepoids réel ne se dessine.", "aucun"),
        ("Ce sommet n'est nullement un contrepoids réel.", "nullement"),
        ("Un sommet sans contrepoids réel.", "sans"),
        ("Ni partenariat ni contrepoids réel.", "ni"),
        ("Ce sommet est loin d'être un contrepoids réel.", "loin"),
        ("Personne ne voit un contrepoids réel.", "personne"),
        # the exceptions above are narrow: the same words in a real negation still count
        ("L'OCS n'est ni plus forte ni un contrepoids réel.", "ni"),
        ("Ce n'est plus jamais un contrepoids réel.", "jamais"),
        ("Il n'y a aucun contrepoids réel.", "aucun"),
        ("Ce n'est pas à Pékin un contrepoids réel.", "pas"),
        # were missed (a second review): cues before "ne", "non", "tout sauf"
        ("Rien ne prouve que ce sommet soit un contrepoids réel.", "rien"),
        ("Nul ne voit dans ce sommet un contrepoids réel.", "nul"),
        ("La Chine revendique un rôle non officiel de contrepoids réel.", "non"),
        ("Ce sommet est tout sauf un contrepoids réel.", "sauf"),
        # guards (pass before the rule that ends the scope at "et" + a finite verb too):
        # an "et" that coordinates infinitives, participles, nouns, adjectives keeps it
        ("Pékin ne veut pas punir Washington et bâtir un contrepoids réel.", "pas"),
        ("Il ne s'agit pas de punir Washington et de bâtir un contrepoids réel.", "pas"),
        ("L'Inde ne veut pas choisir de camp et se poser en contrepoids réel.", "pas"),
        ("La Chine n'a pas conçu et construit un contrepoids réel.", "pas"),
        ("La Russie n'a jamais signé et ratifié ce contrepoids réel.", "jamais"),
        ("La charte n'a pas été signée et mise au service d'un contrepoids réel.", "pas"),
        ("Ce n'est pas un rival et un contrepoids réel.", "pas"),
        ("Moscou ne veut ni bloc ni alliance et ni contrepoids réel.", "ni"),
        ("L'OCS n'est pas une force discrète et active de contrepoids réel.", "pas"),
        ("Ce sommet n'est pas la rencontre et la visite d'un contrepoids réel.", "pas"),
        # guards: "et" + a finite verb inside a relative or "que" clause that the
        # negation reaches coordinates that clause's verbs
        ("Ce n'est pas un pays qui signe et propose un contrepoids réel.", "pas"),
        ("Ce n'est pas un pays où Pékin signe et propose un contrepoids réel.", "pas"),
        ("Ce n'est pas un traité dont Pékin parle et propose un contrepoids réel.", "pas"),
        ("Il ne faut pas que Pékin cède et propose un contrepoids réel.", "pas"),
        # were plain (a reviewer, after the "et" + finite verb rule): a negative subject
        # is the subject of both verbs; "a fortiori" is no verb; two participles
        ("Personne ne condamne Moscou et propose un contrepoids réel.", "personne"),
        ("Aucun pays ne condamne Moscou et propose un contrepoids réel.", "aucun"),
        ("Ni Pékin ni Moscou ne veulent et souhaitent un contrepoids réel.", "ni"),
        ("Pékin ne soutient pas Moscou et a fortiori un contrepoids réel.", "pas"),
        ("Moscou ne veut pas d'un ordre conçu et construit autour d'un contrepoids réel.",
         "pas"),
    ],
)
def test_each_cue_negates_what_follows_it(sentence: str, cue: str) -> None:
    assert cue_before(sentence, "contrepoids") == cue


@pytest.mark.parametrize(
    "sentence",
    [
        "Ce n'est qu'un contrepoids réel.",  # ne … que: restriction
        "Il veut plus de contrepoids réel.",  # plus without ne: more
        "C'est sans doute un contrepoids réel.",  # sans doute: probably
        "Pas seulement un partenariat, mais un contrepoids réel.",  # clause boundary
        "Il ne le nie pas, c'est un contrepoids réel.",  # comma ends the scope
        "Ce n'est pas un club, car c'est un contrepoids réel.",  # car ends the scope
        "Plus que jamais un contrepoids réel.",
        "Un contrepoids réel, personne n'en doute.",  # cue after the span
        "Ce n'est pas un club et il construit un contrepoids réel.",  # coordinated clause
        "Le bloc avance à petits pas vers un contrepoids réel.",  # "pas" the noun
        "Pas mal de pays voient un contrepoids réel.",  # "pas mal de": quite a lot of
        # were negated (a French-linguistics review): certainty, restriction, set phrases
        "C'est sans aucun doute un contrepoids réel.",
        "C'est sans nul doute un contrepoids réel.",
        "Il ne fait aucun doute que l'OCS est un contrepoids réel.",
        "Pékin ne jure plus que par un contrepoids réel.",  # ne … plus que: only
        "C'est ni plus ni moins qu'un contrepoids réel.",
        "Moscou avance pas à pas vers un contrepoids réel.",
        "Les deux pays n'ont jamais été aussi proches d'un contrepoids réel.",
        "Ce n'est pas sans arrière-pensées un contrepoids réel.",  # double negation
        "Ce n'est pas une alliance et c'est un contrepoids réel.",  # "et c'est": new clause
        # a negated verb of concealment affirms its object
        "Pékin ne cache pas sa volonté de bâtir un contrepoids réel.",
        "Moscou n'a jamais caché son ambition d'un contrepoids réel.",
        "Non seulement un partenariat, c'est un contrepoids réel.",
        "Pékin dit non à un ordre unipolaire et oui à un contrepoids réel.",
        # were negated: "et" + a finite verb starts a clause sharing the subject
        "Moscou ne signe aucun traité et propose un contrepoids réel.",
        "La Chine n'a pas voté le texte et bâtit un contrepoids réel.",
        "Pékin n'impose aucune condition et fait de l'OCS un contrepoids réel.",
        "L'Inde ne choisit pas de camp et se pose en contrepoids réel.",
        "Le Kremlin ne cède rien et s'affirme comme un contrepoids réel.",
        "Pékin ne critique jamais Moscou et rappelle son rôle de contrepoids réel.",
        "La Russie ne recule pas et a trouvé un contrepoids réel.",
        "L'Iran ne renonce à rien et en fait un contrepoids réel.",
    ],
)
def test_false_friends_and_boundaries_do_not_negate(sentence: str) -> None:
    assert cue_before(sentence, "contrepoids") is None


def test_window_limits_the_reach_of_a_cue() -> None:
    s = "Il ne faut pas oublier que depuis des années la Chine bâtit patiemment avec ses voisins un contrepoids."
    assert cue_before(s, "contrepoids") is None


def test_sentence_start_bounds_the_search() -> None:
    t = tokens("Ce n'est pas vrai. Un contrepoids existe.")
    i = next(k for k, tok in enumerate(t.tokens) if tok.norm == "contrepoids")
    assert not is_negated(t.tokens, i, sentence_start=t.sentences[1].first)


def test_a_coordinated_negative_clause_is_not_negated_by_the_first() -> None:
    t = tokens("Ce n'est pas une alliance militaire et ne vise aucun pays tiers.")
    i = next(k for k, tok in enumerate(t.tokens) if tok.norm == "ne")
    assert find_negation(t.tokens, i) is None


def _at(t, *words: str) -> list[int]:  # type: ignore[no-untyped-def]
    """Token indices of ``words``, each the first after the previous one."""
    out, k = [], 0
    for w in words:
        k = next(i for i in range(k, len(t.tokens)) if t.tokens[i].norm == w)
        out.append(k)
    return out


def test_a_cue_in_the_gap_of_a_match_negates_it() -> None:
    t = tokens("Moscou ne respecte pas la souveraineté de l'Ukraine.")
    cue = find_gap_negation(t.tokens, _at(t, "respecte", "souveraineté", "de"))
    assert cue is not None and cue.text == "pas"
    # no cue in the gap: "ne … guère que" is a restriction (only), not a negation
    t = tokens("Moscou ne respecte guère que la souveraineté de l'Ukraine.")
    assert find_gap_negation(t.tokens, _at(t, "respecte", "souveraineté", "de")) is None
    t = tokens("Moscou respecte la souveraineté de l'Ukraine.")
    assert find_gap_negation(t.tokens, _at(t, "respecte", "souveraineté", "de")) is None


def test_a_clause_boundary_in_the_gap_ends_the_scope_of_its_cue() -> None:
    # was: "Moscou respecte, pas à pas ou non, …", which has no "ne" and so no gap cue
    # whatever the boundaries; here "pas" follows "ne" and only the colon stops it
    t = tokens("Moscou ne respecte pas : la souveraineté de l'Ukraine est un mot pour lui.")
    assert find_gap_negation(t.tokens, _at(t, "respecte", "souveraineté", "de")) is None
    t = tokens("Moscou ne respecte pas la souveraineté de l'Ukraine.")  # the same, no colon
    cue = find_gap_negation(t.tokens, _at(t, "respecte", "souveraineté", "de"))
    assert cue is not None and cue.text == "pas"
    t = tokens("Pékin ne respectera plus, dit-il, la souveraineté de Taïwan.")
    assert find_gap_negation(t.tokens, _at(t, "respectera", "souveraineté", "de")) is None
    # was "rien": "et" + a finite verb in the gap starts a clause of its own
    t = tokens("Moscou ne signe rien et respecte la souveraineté de l'Ukraine.")
    assert find_gap_negation(t.tokens, _at(t, "moscou", "souveraineté")) is None
    # a guard: "et" + an infinitive stays in the negated clause
    t = tokens("Moscou ne veut pas signer et respecter la souveraineté de l'Ukraine.")
    cue = find_gap_negation(t.tokens, _at(t, "moscou", "souveraineté"))
    assert cue is not None and cue.text == "pas"


def test_a_gap_cue_needs_ne_and_spares_a_verb_of_concealment() -> None:
    # was: "défend sans relâche la souveraineté" negated by "sans", and "ne cache pas
    # son inquiétude" by "pas" when the pattern's gap held them
    t = tokens("Pékin défend sans relâche la souveraineté de la Russie.")
    assert find_gap_negation(t.tokens, _at(t, "défend", "souveraineté")) is None
    t = tokens("Le ministre ne cache pas son inquiétude.")
    assert find_gap_negation(t.tokens, _at(t, "ministre", "inquiétude")) is None


@pytest.mark.parametrize(("pattern", "expected"), [
    ("<tolérer> ... aucune ingérence*", True),
    ("<tolérer> ... aucun* ingérence*", True),  # a glob that matches "aucune"
    ("<ne> ... dirigé* contre personne", True),
    ("ne ... <ingérer> ... affaires intérieures", True),
    ({"phrase": "<apprécier> guere ... hégémon*", "accents": False}, True),  # guère
    ("relations ... niveau sans précédent", False),  # "sans précédent": a false friend
    ("ordre mondial ... plus juste", False),  # "plus" without "ne": more, not no longer
    ("respect* ... souveraineté de", False),
])
def test_a_pattern_holds_its_own_negation(pattern: object, expected: bool) -> None:
    # was: only words spelt exactly as the cue list (no globs, no accent-free patterns)
    assert holds_negation(compile_pattern(pattern).elements) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("sentence", "word"), [
    # were negated (a review): the main verb's negation reached its complement clause
    ("Il ne faut pas oublier que l'OCS est un contrepoids à Washington.", "contrepoids"),
    ("Ce n'est pas un hasard si l'OCS veut faire contrepoids à Washington.", "contrepoids"),
    ("Personne ne conteste que l'OCS est un contrepoids à Washington.", "contrepoids"),
    ("Nul n'ignore que l'OCS est un contrepoids à Washington.", "contrepoids"),
    ("Les Européens ne comprennent pas pourquoi l'Inde refuse le non-alignement.",
     "non-alignement"),
    # "ne pas se contenter de X" affirms X, and more
    ("Pékin ne se contente pas de faire contrepoids à Washington.", "contrepoids"),
    ("Moscou ne se limite pas à un contrepoids réel.", "contrepoids"),
    # "jamais" meaning *ever*, "si jamais" (*if ever*), "d'aucuns" (*some people*)
    ("C'est le plus grand sommet jamais consacré à l'hégémonie américaine.", "hégémonie"),
    ("Si jamais l'hégémonie américaine recule, Pékin avancera.", "hégémonie"),
    ("D'aucuns y voient un contrepoids à Washington.", "contrepoids"),
    # "plus" after a "ne" already closed by "que": *more*
    ("Ce n'est que la Chine qui offre plus de contrepoids à Washington.", "contrepoids"),
    # a long quotation is the speaker's: its marks end the narrator's negation
    ("Il n'a pas dit « nous sommes devenus un vrai contrepoids ».", "contrepoids"),
    # guards: a quotation after a colon, or after the "que" of an affirmative verb
    ("Il n'a pas parlé de Taïwan : « nous sommes devenus un vrai contrepoids ».",
     "contrepoids"),
    ("Il a dit que l'OCS n'était plus isolée et « qu'elle est un vrai contrepoids ».",
     "contrepoids"),
    # a clause-initial "jamais" before a comparison: more than ever (was a cue, the
    # comparison standing after the subject, not right after "jamais")
    ("Jamais l'OCS n'a autant ressemblé à un contrepoids réel.", "contrepoids"),
    # were negated: the span starts right after "et", with the finite verb of a clause
    # that shares the subject ("défend", "accueillera"), the negation being the first's
    ("La Chine n'a pas voté la résolution et défend la souveraineté des États.", "défend"),
    ("Astana ne perd pas de temps et accueillera le sommet multipolaire.", "multipolaire"),
    # guard: an adjective in -ique before "et" is no participle (the two-participle
    # rule first took "politique" for one, by its ending)
    ("L'OCS ne lie son aide à aucune réforme politique et fait de la non-ingérence un "
     "principe.", "non-ingérence"),
])
def test_subordinate_clauses_and_false_cues_do_not_negate(sentence: str, word: str) -> None:
    assert cue_before(sentence, word) is None


@pytest.mark.parametrize(("sentence", "word", "cue"), [
    # were plain (a reviewer): adjectives the lemmatiser takes for verbs (intégrer,
    # résilier, inquiéter) coordinated with the attribute of a negated copula
    ("Le scrutin n'a pas été libre et intègre.", "intègre", "pas"),
    ("Le rouble n'est pas solide et résilient.", "résilient", "pas"),
    ("La Russie n'est pas isolée et inquiète.", "inquiète", "pas"),
    # guard: "inquiète" after a negated verb that is no copula is the verb
    ("Pékin ne cède rien et inquiète ses voisins.", "inquiète", None),
    # the negation of a verb of belief or proof bears on its "que" clause
    ("Je ne crois pas que l'OCS soit un contrepoids réel.", "contrepoids", "pas"),
    ("Il ne faut pas que l'OCS devienne un contrepoids réel.", "contrepoids", "pas"),
    # "jamais" first in its clause, "plus" after an open "ne"
    ("Jamais la Chine n'a été un contrepoids réel.", "contrepoids", "jamais"),
    ("Jamais l'OCS ne sera un contrepoids réel.", "contrepoids", "jamais"),
    # an inverted pronoun's normalised form is "il": "-il" in the skip list never matched
    ("Le ministre ne pense-t-il pas que l'OCS soit un contrepoids réel ?", "contrepoids",
     "pas"),
    ("La Chine n'offre plus de contrepoids réel.", "contrepoids", "plus"),
    # were plain (a review): a scare-quoted term inside the clause, every quote style
    ("L'OCS n'est pas un « contrepoids » à Washington.", "contrepoids", "pas"),
    ("Ce sommet n'est pas un “contrepoids” à l'Occident.", "contrepoids", "pas"),
    ("Ce sommet n'est pas un \"contrepoids\" à l'Occident.", "contrepoids", "pas"),
    ("Ce sommet n'est pas un ‹ contrepoids › à l'Occident.", "contrepoids", "pas"),
    ("Loin de la « multipolarité » vantée par Pékin, Moscou recule.", "multipolarité", "loin"),
    ("Ce n'est pas un « vrai » contrepoids à Washington.", "contrepoids", "pas"),
    ("Ce n'est ni un « bloc » ni un « contrepoids » à Washington.", "contrepoids", "ni"),
    # „ “ (German style) was already crossed: it was missing from the boundaries
    ("Ce sommet n'est pas un „contrepoids“ à l'Occident.", "contrepoids", "pas"),
    # were plain: the quoted words in the "que" clause of a negated verb of saying or
    # belief are what it denies was said (a long quotation ended the scope)
    ("Poutine n'a jamais dit que l'OCS était « un contrepoids à l'hégémonie américaine ».",
     "contrepoids", "jamais"),
    ("Personne ne croit que l'OCS soit « un vrai contrepoids face aux États-Unis ».",
     "contrepoids", "personne"),
])
def test_cues_reach_through_short_quotations_and_belief_verbs(
        sentence: str, word: str, cue: str | None) -> None:
    assert cue_before(sentence, word) == cue


@pytest.mark.parametrize(("sentence", "verb", "cue"), [
    ("Pékin ne menace nullement ses voisins.", "menace", "nullement"),
    ("La Chine ne menace plus Taïwan.", "menace", "plus"),
    ("Notre organisation ne menace personne.", "menace", "personne"),
    ("Pékin ne les menace jamais.", "menace", "jamais"),
    ("Pékin ne menace-t-il pas Taïwan ?", "menace", "pas"),
    # not a negation after the verb: restriction, "not only"
    ("Pékin ne menace plus que Taïwan.", "menace", None),
    ("Pékin ne menace pas seulement Taïwan.", "menace", None),
    ("Pékin menace pas à pas Taïwan.", "menace", None),  # no "ne"
])
def test_a_finite_verb_is_negated_by_the_cue_after_it(
        sentence: str, verb: str, cue: str | None) -> None:
    # was: never negated, a cue after the span being ignored
    t = tokens(sentence)
    i = next(k for k, tok in enumerate(t.tokens) if tok.norm == verb)
    found = find_negation(t.tokens, i, last=i + 1)
    assert (None if found is None else found.norm) == cue
    # without the span's end (the frame matcher's call) a cue after it may be the
    # span's own (a refusal pattern): the post-verbal rule needs ``last``
    assert find_negation(t.tokens, i) is None
