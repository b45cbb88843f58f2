"""French tokenizer and sentence splitter: one test per rule, literal French examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.tokenizer import (
    Token,
    abbreviations,
    fold_accents,
    normalize,
    sentences,
    stem,
    stopwords,
    tokenize,
    tokens,
)


def texts(s: str) -> list[str]:
    return [t.text for t in tokenize(s)]


def sents(s: str) -> list[str]:
    return [s[x.start : x.end] for x in sentences(s)]


# --- e-mail addresses and long runs ------------------------------------------


def test_email_addresses_are_one_token_wherever_they_start() -> None:
    toks = tokenize("Écrivez à jean.dupont@exemple.fr ou à «a.b@c.org», pas à M.x@y.fr.")
    assert [(t.text, t.kind) for t in toks if t.kind == "email"] == [
        ("jean.dupont@exemple.fr", "email"), ("a.b@c.org", "email"), ("M.x@y.fr", "email")]
    assert texts("«a.b@c.org»,") == ["«", "a.b@c.org", "»", ","]


def test_a_separator_line_of_200000_underscores_is_read_in_one_pass() -> None:
    # was: the e-mail alternative retried at every underscore, each time to the end
    # of the run: quadratic (20,000 took 2 s, 200,000 would take minutes per document)
    tk = tokens("Le sommet s'ouvre.\n" + "_" * 200_000 + "\nPoutine arrive.")
    assert len(tk.tokens) == 200_008 and len(tk.sentences) == 3
    assert [t.text for t in tk.tokens[:5]] == ["Le", "sommet", "s'", "ouvre", "."]
    assert [t.text for t in tk.tokens[-3:]] == ["Poutine", "arrive", "."]
    assert {t.kind for t in tk.tokens[5:-3]} == {"punct"}


# --- elision ---------------------------------------------------------------


def test_elision_straight_apostrophe_stays_on_first_part() -> None:
    assert texts("l'OCS") == ["l'", "OCS"]


def test_elision_typographic_apostrophe_stays_on_first_part() -> None:
    assert texts("Ils s’entretiennent") == ["Ils", "s’", "entretiennent"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("qu'elle", ["qu'", "elle"]),
        ("jusqu'à Astana", ["jusqu'", "à", "Astana"]),
        ("n'est", ["n'", "est"]),
        ("lorsqu’il parle", ["lorsqu’", "il", "parle"]),
        ("d’Asie centrale", ["d’", "Asie", "centrale"]),
        ("c'était", ["c'", "était"]),
    ],
)
def test_elisions_of_every_kind(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_elision_before_an_opening_quote_mark() -> None:
    toks = tokenize("qu’«il» et l’«opération»")
    assert [t.text for t in toks] == ["qu’", "«", "il", "»", "et", "l’", "«", "opération", "»"]
    assert (toks[0].kind, toks[0].norm) == ("elision", "qu'")


def test_aujourdhui_stays_whole() -> None:
    assert texts("aujourd'hui et aujourd’hui") == ["aujourd'hui", "et", "aujourd’hui"]


def test_quelquun_stays_whole() -> None:
    assert texts("quelqu'un l'a dit") == ["quelqu'un", "l'", "a", "dit"]


def test_elision_normalised_and_lemmatised() -> None:
    tok = tokenize("L’hégémonie")[0]
    assert (tok.text, tok.norm, tok.lemma, tok.kind) == ("L’", "l'", "le", "elision")


def test_possessives_keep_their_person_in_the_lemma() -> None:
    # simplemma lemmatises all of them as "son": "Notre" showed as "son" in notebook 01
    toks = tokenize("Notre coopération, nos partenaires et leurs alliés : sa politique.")
    assert [t.lemma for t in toks if t.norm in ("notre", "nos", "leurs", "sa")] == [
        "notre", "notre", "leur", "son"]


# --- hyphens ---------------------------------------------------------------


@pytest.mark.parametrize("word", ["sino-russes", "peut-être", "Asie-Pacifique", "Xi-Poutine"])
def test_hyphenated_compounds_stay_whole(word: str) -> None:
    assert texts(f"Les liens {word} progressent") == ["Les", "liens", word, "progressent"]


def test_inverted_pronoun_with_euphonic_t_is_split() -> None:
    toks = tokenize("a-t-il déclaré")
    assert [t.text for t in toks] == ["a", "-t-il", "déclaré"]
    assert toks[1].norm == "il"


def test_inverted_pronoun_without_t_is_split() -> None:
    toks = tokenize("«Jamais», dit-elle.")
    assert [t.text for t in toks] == ["«", "Jamais", "»", ",", "dit", "-elle", "."]
    assert toks[5].norm == "elle"


def test_rendez_vous_is_not_an_inversion() -> None:
    assert texts("un rendez-vous manqué") == ["un", "rendez-vous", "manqué"]


@pytest.mark.parametrize(("text", "expected"), [
    # were split as a verb and its pronoun: "Jong" "-il", "garde-à" "-vous"
    ("Kim Jong-il parle", ["Kim", "Jong-il", "parle"]),
    ("au garde-à-vous", ["au", "garde-à-vous"]),
    # verbs still give up their pronoun, whatever their last letter
    ("peux-tu venir", ["peux", "-tu", "venir"]),
    ("allez-y vite", ["allez", "-y", "vite"]),
    ("Prend-on le train", ["Prend", "-on", "le", "train"]),
    ("Convainc-il Pékin", ["Convainc", "-il", "Pékin"]),
])
def test_only_a_verb_form_gives_up_an_inverted_pronoun(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


# --- typography ------------------------------------------------------------


def test_no_break_spaces_separate_tokens_and_are_never_inside_them() -> None:
    s = "«\u00a0Notre coopération\u202f» : vraiment\u00a0?"
    assert texts(s) == ["«", "Notre", "coopération", "»", ":", "vraiment", "?"]
    assert all("\u00a0" not in t and "\u202f" not in t for t in texts(s))


def test_unspaced_guillemets_are_punctuation() -> None:
    assert texts("«le") == ["«", "le"]
    assert texts("l’hégémonie»") == ["l’", "hégémonie", "»"]


def test_spaced_guillemets_are_punctuation() -> None:
    assert texts("« Notre") == ["«", "Notre"]


def test_english_and_straight_quotes_are_punctuation() -> None:
    assert texts('“Sud global” et "multipolaire"') == [
        "“", "Sud", "global", "”", "et", '"', "multipolaire", '"'
    ]


def test_ellipsis_is_one_token() -> None:
    assert texts("Et puis… rien...") == ["Et", "puis", "…", "rien", "..."]


# --- numbers ---------------------------------------------------------------


def test_thousands_with_space_and_no_break_space() -> None:
    assert texts("2 000 soldats et 2\u00a0000 000 euros") == [
        "2 000", "soldats", "et", "2\u00a0000 000", "euros"
    ]


def test_thousands_with_dots() -> None:
    assert texts("1.500 délégués") == ["1.500", "délégués"]


def test_decimal_comma() -> None:
    toks = tokenize("une hausse de 3,5 points")
    assert toks[3].text == "3,5" and toks[3].kind == "number"


def test_percentages() -> None:
    assert texts("12 % des voix, puis 3,5%.") == ["12 %", "des", "voix", ",", "puis", "3,5%", "."]


def test_years_are_not_glued_together() -> None:
    assert texts("en 2001 et 2017") == ["en", "2001", "et", "2017"]


# --- abbreviations ----------------------------------------------------------


@pytest.mark.parametrize("abbr", ["M.", "Mme", "Dr", "avr.", "etc.", "J.-C."])
def test_abbreviations_are_single_tokens(abbr: str) -> None:
    assert abbr in texts(f"Il cite {abbr} Durand")


# --- spans and forms ----------------------------------------------------------


def test_every_token_carries_its_span_norm_and_lemma() -> None:
    s = "Les relations sino-russes traversent leur meilleure période."
    toks = tokenize(s)
    assert toks[2] == Token("sino-russes", 14, 25, "sino-russes", "sino-russe", "word")
    assert toks[3].lemma == "traverser"
    assert all(s[t.start : t.end] == t.text for t in toks)


def test_normalize_unifies_apostrophes_and_case() -> None:
    assert normalize("L’HÉGÉMONIE") == "l'hégémonie"
    assert normalize("L’HÉGÉMONIE", accents=False) == "l'hegemonie"
    assert fold_accents("Pékin, Astana, Zürich") == "Pekin, Astana, Zurich"


def test_soft_hyphen_is_kept_in_text_and_dropped_from_norm() -> None:
    toks = tokenize("multi\u00adpolaire")
    assert len(toks) == 1 and toks[0].norm == "multipolaire"


def test_stem_uses_snowball_without_downloads() -> None:
    assert stem("coopérations") == stem("coopération")


def test_stop_list_keeps_negators() -> None:
    stops = stopwords()
    assert {"le", "de", "et", "que"} <= stops
    for neg in ("ne", "n'", "pas", "plus", "jamais", "rien", "aucun", "personne", "ni", "sans"):
        assert neg not in stops


def test_abbreviation_resource_is_shipped() -> None:
    assert {"M.", "etc.", "avr."} <= abbreviations()


# --- sentences ---------------------------------------------------------------


def test_sentence_not_broken_after_monsieur() -> None:
    assert sents("M. Dupont est arrivé. Il parle.") == ["M. Dupont est arrivé.", "Il parle."]


def test_sentence_not_broken_after_madame_and_docteur() -> None:
    assert sents("Mme Durand et Dr Kim ont signé. Fin.") == [
        "Mme Durand et Dr Kim ont signé.", "Fin."
    ]


def test_sentence_not_broken_after_month_abbreviation() -> None:
    assert sents("Le 3 avr. 2024, le sommet a commencé. Puis il a fini.") == [
        "Le 3 avr. 2024, le sommet a commencé.", "Puis il a fini."
    ]


def test_sentence_not_broken_after_initials() -> None:
    assert sents("Vers 50 av. J.-C. Rome dominait.") == ["Vers 50 av. J.-C. Rome dominait."]


@pytest.mark.parametrize(("text", "expected"), [
    # abbreviations that are also words (a French-linguistics review): were one sentence,
    # and a negation carried over into the next one
    ("Ce n'est pas un jeu. L'OCS se veut un contrepoids.",
     ["Ce n'est pas un jeu.", "L'OCS se veut un contrepoids."]),
    ("Ils étaient sept. Les autres sont partis.", ["Ils étaient sept.", "Les autres sont partis."]),
    ("Le cortège a traversé la mer. Beaucoup ont suivi.",
     ["Le cortège a traversé la mer.", "Beaucoup ont suivi."]),
    ("Le navire a changé de cap. Les syndicats protestent.",
     ["Le navire a changé de cap.", "Les syndicats protestent."]),
    # ... and still abbreviations before a number
    ("Le sommet s'ouvre le jeu. 4 juillet à Astana.", ["Le sommet s'ouvre le jeu. 4 juillet à Astana."]),
    ("Le 5 sept. 2024, l'accord a été signé.", ["Le 5 sept. 2024, l'accord a été signé."]),
    ("Selon l'art. 5 du traité, les alliés se défendent.",
     ["Selon l'art. 5 du traité, les alliés se défendent."]),
    # "env." and "cf." are followed by what they introduce (were cut before it)
    ("Le bilan s'élève à env. 300 morts selon Kiev.", ["Le bilan s'élève à env. 300 morts selon Kiev."]),
    ("Selon le rapport (cf. Le Monde du 3 mai), la guerre continue.",
     ["Selon le rapport (cf. Le Monde du 3 mai), la guerre continue."]),
    # one initial before a name (was cut after "V."); not before a function word
    ("Le sommet réunit V. Poutine et Xi Jinping.", ["Le sommet réunit V. Poutine et Xi Jinping."]),
    ("Moscou prépare un plan B. Il refuse tout compromis.",
     ["Moscou prépare un plan B.", "Il refuse tout compromis."]),
    # a month abbreviation after a day ends the sentence before a capital (was one
    # sentence), not before a year nor without a day before it
    ("La loi a été adoptée le 5 nov. Elle entre en vigueur en janvier.",
     ["La loi a été adoptée le 5 nov.", "Elle entre en vigueur en janvier."]),
    ("En nov. Emmanuel Macron a parlé à Pékin.", ["En nov. Emmanuel Macron a parlé à Pékin."]),
    ("Réunion le 12 déc. à Astana.", ["Réunion le 12 déc. à Astana."]),
    # dotted initials end a sentence before a capitalised function word (were one
    # sentence), not before a name nor lower case
    ("La ville a été fondée vers 300 av. J.-C. Les archéologues y travaillent encore.",
     ["La ville a été fondée vers 300 av. J.-C.", "Les archéologues y travaillent encore."]),
    ("Ils ont quitté l'U.R.S.S. Elle s'est effondrée en 1991.",
     ["Ils ont quitté l'U.R.S.S.", "Elle s'est effondrée en 1991."]),
    ("Selon J.-C. Juncker, l'Union tiendra.", ["Selon J.-C. Juncker, l'Union tiendra."]),
    ("Le ministre J.-Y. Le Drian a reçu son homologue.",
     ["Le ministre J.-Y. Le Drian a reçu son homologue."]),
    ("Il est né en 50 apr. J.-C. à Rome.", ["Il est né en 50 apr. J.-C. à Rome."]),
    # a date written with dots (was cut after "14.07.")
    ("L'accord a été signé le 14.07.2024 à Astana.", ["L'accord a été signé le 14.07.2024 à Astana."]),
])
def test_sentences_around_abbreviations_initials_and_dates(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


def test_a_word_abbreviation_before_a_full_stop_is_the_word() -> None:
    toks = tokenize("C'est un jeu.")
    assert [(t.text, t.norm, t.kind) for t in toks[-2:]] == [("jeu", "jeu", "word"),
                                                             (".", ".", "punct")]
    assert [t.text for t in tokenize("V. Poutine")] == ["V.", "Poutine"]
    assert [t.text for t in tokenize("le 14.07.2024")] == ["le", "14.07.2024"]


def test_sentence_broken_after_etc_followed_by_capital() -> None:
    assert sents("La Chine, l'Inde, etc. Le lendemain, tout change.") == [
        "La Chine, l'Inde, etc.", "Le lendemain, tout change."
    ]


def test_sentence_not_broken_inside_short_quotation() -> None:
    assert sents("La foule a crié «Assez ! Partez !» devant le palais. Puis rien.") == [
        "La foule a crié «Assez ! Partez !» devant le palais.", "Puis rien."
    ]


def test_sentence_split_after_attribution_before_next_quote() -> None:
    s = (
        "«Nos liens traversent leur meilleure période de l'histoire», a déclaré Poutine. "
        "«Notre coopération ne vise personne.»"
    )
    assert sents(s) == [
        "«Nos liens traversent leur meilleure période de l'histoire», a déclaré Poutine.",
        "«Notre coopération ne vise personne.»",
    ]


def test_question_mark_inside_quote_followed_by_attribution_does_not_split() -> None:
    assert sents("«Pourquoi pas ?», a-t-il demandé. Silence.") == [
        "«Pourquoi pas ?», a-t-il demandé.", "Silence."
    ]


@pytest.mark.parametrize("brk", ["\n\n", "\r", "\r\n", "\u2029", "\u2028"])
def test_line_break_always_ends_a_sentence(brk: str) -> None:
    # \r and U+2029 (text given to the API as it is) did not end one
    assert sents(f"Un titre sans point{brk}Le corps commence ici.") == [
        "Un titre sans point", "Le corps commence ici."
    ]


def test_long_quotation_is_split_into_its_sentences() -> None:
    s = "«Nous ne créons aucun bloc. Nous agissons pour nos peuples.», a-t-il dit."
    assert sents(s) == ["«Nous ne créons aucun bloc.", "Nous agissons pour nos peuples.», a-t-il dit."]


def test_tokens_object_links_sentences_and_tokens() -> None:
    t = tokens("Premier point. Second point.")
    assert len(t.sentences) == 2
    assert [x.text for x in t.sentence_tokens(t.sentences[1])] == ["Second", "point", "."]
    assert t.n_words == 4


def test_n_words_counts_elisions_numbers_and_urls_but_not_punctuation() -> None:
    t = tokens("L'OCS compte 10 membres, voir https://www.sco.int/fr.")
    assert [x.kind for x in t.tokens].count("punct") == 2
    assert t.n_words == 7


def test_empty_text_gives_no_tokens_and_no_sentences() -> None:
    t = tokens("")
    assert t.tokens == () and t.sentences == ()


# --- properties ----------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_spans_always_match_the_text(s: str) -> None:
    t = tokens(s)
    for tok in t.tokens:
        assert s[tok.start : tok.end] == tok.text
        assert tok.text.strip() == tok.text and tok.text
    for a, b in zip(t.tokens, t.tokens[1:], strict=False):
        assert a.end <= b.start
    covered = [i for sent in t.sentences for i in range(sent.first, sent.last)]
    assert covered == list(range(len(t.tokens)))
    for sent in t.sentences:
        assert 0 <= sent.start < sent.end <= len(s)
    assert tokens(s) == t


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="abcé «»“”\"'’.!?…,;: \n\u00a0\u202fMNAJ-C0123456789%"))
def test_spans_hold_on_french_punctuation_soup(s: str) -> None:
    for tok in tokenize(s):
        assert s[tok.start : tok.end] == tok.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é«»\"'’.,%-–\n\u00a0\u202f\u200b0123456789Mtl@:/wjeuV"))))
def test_chunked_tokenization_equals_one_scan_of_the_whole_text(s: str) -> None:
    # the two passes over the token list (word abbreviations, initials) read the next
    # tokens, which a chunk cannot see: they follow the scan in both
    from framing.tokenizer import _initials, _tokenize_chunk, _word_abbreviations

    scan = _initials(_word_abbreviations([Token(*p) for p in _tokenize_chunk(s)]))
    assert [tuple(t) for t in tokenize(s)] == [tuple(t) for t in scan]


# --- the compiled loop (framing._speedups) ----------------------------------------

# What `re` calls \s and \d beyond ASCII: no-break and narrow no-break spaces, an em
# space, an ideographic space, the information separators that str.isspace() counts,
# Arabic-Indic and full-width digits (decimal) and a superscript two (a digit, not a
# decimal): the C loop must cut chunks exactly where the regular expression does.
_SPACES_AND_DIGITS = list("ab é«»'’.,%-\n\u00a0\u202f\u2003\u3000\x1c\x85\u200b0123٣٤٥５²M")


def _compiled(speedups: ModuleType) -> Callable[[str], list[Token]]:
    from framing.tokenizer import _CHUNKS

    return lambda s: speedups.tokenize(s, _CHUNKS, Token)


def test_speedups_are_built_in_ci() -> None:
    import importlib.util
    import os

    from framing.tokenizer import SPEEDUPS

    if os.environ.get("CI") == "true":  # .ci/run: the install must have compiled them
        assert SPEEDUPS
    # built but not importable (a broken build) would show here
    assert (importlib.util.find_spec("framing._speedups") is not None) == SPEEDUPS


def test_compiled_loop_gives_the_python_tokens_on_numbers_and_quotes(
    speedups: ModuleType,
) -> None:
    from framing.tokenizer import _tokenize_python

    s = ("Le budget de l'OCS atteint 2\u202f000\u00a0000 euros, soit 12 % de plus, "
         "a-t-il précisé : «\u00a0rien n'est dirigé contre personne\u00a0».")
    got = _compiled(speedups)(s)
    assert got == _tokenize_python(s)
    assert all(type(t) is Token for t in got)
    assert [t.text for t in got] == [
        "Le", "budget", "de", "l'", "OCS", "atteint", "2\u202f000\u00a0000", "euros", ",",
        "soit", "12 %", "de", "plus", ",", "a", "-t-il", "précisé", ":", "«", "rien", "n'",
        "est", "dirigé", "contre", "personne", "»", "."]
    assert (got[6].start, got[6].end, got[10].start, got[10].end) == (27, 36, 49, 53)


def test_compiled_loop_rejects_what_is_not_text(speedups: ModuleType) -> None:
    with pytest.raises(TypeError, match="text must be a str"):
        _compiled(speedups)(b"OCS")  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SPACES_AND_DIGITS)))
def test_compiled_loop_equals_the_python_loop_on_spaces_and_digits(
    speedups: ModuleType, s: str
) -> None:
    from framing.tokenizer import _tokenize_python

    assert _compiled(speedups)(s) == _tokenize_python(s)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_compiled_loop_equals_the_python_loop_on_any_text(
    speedups: ModuleType, s: str
) -> None:
    from framing.tokenizer import _tokenize_python

    assert _compiled(speedups)(s) == _tokenize_python(s)


# --- the per-token filters (select_indices, select_values, capitalized) -------------


def test_select_finds_the_tokens_whose_form_or_kind_is_in_a_set() -> None:
    from framing.tokenizer import KIND, NORM, capitalized, select_indices, select_values

    toks = tokenize("Le président Xi l'a dit : « Rien n'est dirigé contre personne ». Éric, etc.")
    assert select_indices(toks, NORM, {"le", "l'", "rien"}) == [0, 3, 8]
    assert select_indices(toks, KIND, frozenset({"punct"})) == [6, 7, 14, 15, 17]
    assert select_values(toks, KIND, {"elision"}, NORM) == ["l'", "n'"]
    assert select_values(toks, NORM, {"xi": 1, "personne": 2}, KIND) == ["word", "word"]
    assert capitalized(toks) == [0, 2, 8, 16]
    assert select_indices([], NORM, {"le"}) == [] and capitalized(()) == []


def test_the_compiled_filters_reject_what_is_not_a_token(speedups: ModuleType) -> None:
    with pytest.raises(TypeError, match="tuples holding field and value"):
        speedups.select(["le"], 3, {"le"})
    with pytest.raises(TypeError, match="tuples holding field and value"):
        speedups.select(tokenize("Le bloc"), 3, {"le"}, 6)
    with pytest.raises(TypeError, match="must be Token tuples"):
        speedups.capitalized([("Le", 0, 2)])
    with pytest.raises(TypeError, match="must be a sequence"):
        speedups.capitalized(3)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Le bloc ÉtatsŒÉÇ'«».,!\n-dit l'unX1ǅ"))
               | st.characters()))
def test_the_compiled_filters_equal_the_python_comprehensions(
    speedups: ModuleType, s: str
) -> None:
    from framing.tokenizer import KIND, NORM, capitalized, select_indices, select_values

    toks = tokenize(s)
    members = {"le", "l'", "«", ".", "bloc"}
    assert select_indices(toks, NORM, members) == [
        i for i, t in enumerate(toks) if t.norm in members]
    assert select_values(toks, KIND, {"word", "elision"}, NORM) == [
        t.norm for t in toks if t.kind in ("word", "elision")]
    assert capitalized(toks) == [
        i for i, t in enumerate(toks) if t.kind == "word" and t.text[:1].isupper()]


def test_the_filters_give_the_same_results_without_the_extension(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    from framing.tokenizer import KIND, NORM, capitalized, select_indices, select_values

    tk = importlib.import_module("framing.tokenizer")
    toks = tokenize("« Rien n'est dirigé contre personne », a dit M. Poutine à l'OCS, etc.")
    calls = [(select_indices, (toks, NORM, {"rien", "l'", ","})),
             (select_values, (toks, KIND, {"word", "elision"}, NORM)),
             (capitalized, (toks,))]
    compiled = [f(*args) for f, args in calls]  # type: ignore[operator]
    for name in ("_compiled_select", "_compiled_capitalized"):
        monkeypatch.setattr(tk, name, None)
    assert [f(*args) for f, args in calls] == compiled  # type: ignore[operator]
    assert compiled[0] == [1, 8, 14, 16] and compiled[2] == [1, 11, 12, 15]


def test_the_compiled_filter_survives_a_container_that_changes_the_tokens(
    speedups: ModuleType,
) -> None:
    """A ``__contains__`` written in Python may shorten the list being filtered: the
    compiled loop then stops where a comprehension over the list stops."""

    class Shrinking:
        def __init__(self, toks: list[Token]) -> None:
            self.toks = toks

        def __contains__(self, norm: object) -> bool:
            self.toks.pop()
            return True

    compiled_toks = tokenize("Le bloc de Shanghai n'est dirigé contre personne.")
    python_toks = list(compiled_toks)
    got = speedups.select(compiled_toks, 3, Shrinking(compiled_toks))
    members = Shrinking(python_toks)
    assert got == [i for i, t in enumerate(python_toks) if t.norm in members] == [
        0, 1, 2, 3, 4]
    assert len(compiled_toks) == len(python_toks) == 5


# ---------------------------------------------------------------------------
# simplemma's French table, decoded by framing._speedups.front_coded

#: A front-coded stream written by hand: "allait" -> "aller" (the key's first 3
#: bytes + "er"), "allons" (shares "all") -> the previous value, "été" -> "être"
#: (a literal value), 130 x "x" -> "x" (a two-byte varint length, an empty suffix).
_STREAM = (b"SMFC1\x00\x04"
           b"\x00\x06allait\x03\x02er"
           b"\x03\x03ons\xfe"
           b"\x00\x05\xc3\xa9t\xc3\xa9\xff\x05\xc3\xaatre"
           b"\x00\x82\x01" + b"x" * 130 + b"\x81\x00")


def test_front_coded_reads_a_stream_written_by_hand(speedups: ModuleType) -> None:
    assert speedups.front_coded(_STREAM) == {
        "allait": "aller", "allons": "aller", "été": "être", "x" * 130: "x"}
    # reversed storage (flag bit 0): "seudnet" is "tendues", "erdnet" "tendre"
    assert speedups.front_coded(b"SMFC1\x01\x01\x00\x07seudnet\x07\x06erdnet") == {
        "tendues": "tendre"}
    assert speedups.front_coded(memoryview(b"SMFC1\x00\x00")) == {}


@pytest.mark.parametrize("data", [
    b"SMFC2" + _STREAM[5:],                  # another format
    _STREAM[:-1],                            # truncated
    _STREAM + b"\x00",                       # a partial record after the last
    _STREAM.replace(b"\x04", b"\x05", 1),    # the header counts 5 records
    b"SMFC1\x00\x01\x00\x02ab\x03\x00",      # trims 3 bytes off a 2-byte key
    b"SMFC1\x00\x01\x05\x02ab\xff\x00",      # shares 5 bytes of an empty key
    b"SMFC1\x00\x01\x00\x02\xc3(\xff\x00",   # not UTF-8
    b"SMFC1\x00\x01\x00\x80",                # a varint cut short
    b"SMFC",
])
def test_front_coded_hands_back_none_for_what_it_does_not_read(
    speedups: ModuleType, data: bytes
) -> None:
    assert speedups.front_coded(data) is None


def test_front_coded_wants_bytes(speedups: ModuleType) -> None:
    with pytest.raises(TypeError):
        speedups.front_coded("SMFC1")


def test_framing_decodes_the_installed_simplemma_table_as_simplemma_does(
    speedups: ModuleType,
) -> None:
    import simplemma
    from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY

    from framing.tokenizer import _french_table

    table = _french_table(simplemma.__file__)
    assert table is not None, "simplemma's French table is not read by front_coded"
    assert table == dict(DEFAULT_DICTIONARY_FACTORY.get_dictionary("fr").items())
    assert (len(table) > 200_000, table["allait"], table["tendues"]) == (True, "aller", "tendre")


def test_framing_lemmatiser_agrees_with_simplemma() -> None:
    import simplemma

    from framing.tokenizer import _simplemma_french

    words = ["allait", "hégémonie", "alliances", "créons", "dirigée", "contrepoids",
             "réaffirmé", "néo-colonialisme", "anti-américaine", "xi", "OCS", "2024",
             "sous-entendus", "tendues", "qu'", "ØØ"]
    assert [_simplemma_french()(w) for w in words] == [
        simplemma.lemmatize(w, lang="fr") for w in words]
    assert [_simplemma_french()(w) for w in words[:6]] == [
        "aller", "hégémonie", "alliance", "créer", "diriger", "contrepoids"]


def test_without_the_decoded_table_simplemma_reads_its_own(
    speedups: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    import simplemma

    tk = importlib.import_module("framing.tokenizer")
    assert tk._french_table(str(tmp_path / "simplemma" / "__init__.py")) is None
    calls: list[str] = []
    monkeypatch.setattr(tk, "_french_table", lambda f: calls.append(f))
    tk._simplemma_french.cache_clear()
    try:
        lemmatise = tk._simplemma_french()
        assert calls == [simplemma.__file__]
        assert (lemmatise.func, lemmatise.keywords) == (simplemma.lemmatize, {"lang": "fr"})
        assert lemmatise("alliances") == "alliance"
    finally:
        tk._simplemma_french.cache_clear()


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def _front_code(table: dict[str, str], reverse: bool) -> bytes:
    """The test's own writer of the format ``front_coded`` reads (its C comment)."""
    def stored(s: str) -> bytes:
        return s.encode()[::-1] if reverse else s.encode()

    records = sorted((stored(k), stored(v)) for k, v in table.items())
    out = bytearray(b"SMFC1" + bytes([int(reverse)]) + _varint(len(records)))
    prev_key = prev_value = None
    for key, value in records:
        shared = 0
        while prev_key is not None and shared < min(len(key), len(prev_key)) and (
                key[shared] == prev_key[shared]):
            shared += 1
        out += _varint(shared) + _varint(len(key) - shared) + key[shared:]
        common = 0
        while common < min(len(key), len(value)) and key[common] == value[common]:
            common += 1
        if value == prev_value:
            out.append(254)
        elif len(key) - common < 254:
            out += bytes([len(key) - common]) + _varint(len(value) - common) + value[common:]
        else:
            out += b"\xff" + _varint(len(value)) + value
        prev_key, prev_value = key, value
    return bytes(out)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=300), st.text(max_size=300), max_size=20),
       st.booleans())
def test_front_coded_reads_back_any_table(speedups: ModuleType, table: dict[str, str],
                                          reverse: bool) -> None:
    assert speedups.front_coded(_front_code(table, reverse)) == table


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
def test_front_coded_takes_any_bytes_without_an_error(speedups: ModuleType, tail: bytes) -> None:
    # (reads past the end would not show here: the decoder was also run by hand under
    # AddressSanitizer and UBSan on 40,000 truncated, corrupted and random streams)
    got = speedups.front_coded(b"SMFC1" + tail)
    assert got is None or isinstance(got, dict)
