"""Lexicons: the pattern language, the validating YAML loader, importers, the CLI,
and every shipped lexicon's examples and counter-examples."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing.lexicon as lexmod
from framing._paths import resources_path
from framing.errors import LexiconError
from framing.lexicon import (
    VALIDATION_COLUMNS,
    Element,
    Lexicon,
    LexiconValidationError,
    Pattern,
    available_lexicons,
    compile_pattern,
    glob_regex,
    load_lexicon,
    main,
    make_lexicon,
    read_liwc,
    read_term_table,
    read_wordstat,
    validate_lexicon,
)
from framing.matcher import Matcher
from framing.tokenizer import tokenize, tokens

DATA = Path(__file__).parent / "data"

VALID = """\
name: essai
language: fr
version: 1
description: Lexique d'essai.
licence: CC0
frames:
  hegemony:
    label: {fr: "Hégémonie", en: "Hegemony"}
    description: Le texte parle d'hégémonie.
    patterns:
      - "hégémon*"
      - "contrepoids ... hégémonie"
      - {regex: "unipolari(?:té|sme)"}
    examples:
      - "Le bloc se veut un contrepoids à l'hégémonie américaine."
    counter_examples:
      - "Le sommet s'est tenu à Astana."
      - "Ce sommet n'est en rien un contrepoids à l'hégémonie américaine."
  cooperation:
    label: {fr: "Coopération", en: "Cooperation"}
    description: Le texte parle de coopération.
    patterns:
      - "<coopérer>"
      - "partenariat stratégique"
    examples:
      - "Les deux pays coopèrent étroitement."
"""


def write(tmp_path: Path, text: str, name: str = "lex.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def errors_of(tmp_path: Path, text: str) -> tuple[str, ...]:
    with pytest.raises(LexiconValidationError) as info:
        load_lexicon(write(tmp_path, text))
    return info.value.errors


def one_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(LexiconError) as info:
        load_lexicon(write(tmp_path, text))
    return str(info.value)


# --- the pattern language ----------------------------------------------------


def values(spec: str | dict[str, object]) -> list[tuple[str, str]]:
    return [(e.kind, e.value) for e in compile_pattern(spec).elements]


def test_fixed_word_is_one_lower_case_token() -> None:
    p = compile_pattern("Contrepoids")
    assert (p.kind, p.source, values("Contrepoids")) == (
        "fixed", "Contrepoids", [("word", "contrepoids")])


def test_glob_star_and_question_mark_inside_a_token() -> None:
    p = compile_pattern("hégémon*")
    assert p.kind == "glob"
    assert [p.elements[0].matches(w, w) for w in ("hégémonie", "hégémoniques", "hégé")] == [
        True, True, False]
    q = compile_pattern("interpellé?")
    assert [q.elements[0].matches(w, w) for w in ("interpellée", "interpellés", "interpellé")] \
        == [True, True, False]


def test_phrase_is_cut_by_the_french_tokenizer() -> None:
    assert compile_pattern("contrepoids à l’Hégémonie").kind == "phrase"
    assert values("contrepoids à l’Hégémonie") == [
        ("word", "contrepoids"), ("word", "à"), ("word", "l'"), ("word", "hégémonie")]


def test_hyphenated_compound_stays_one_token() -> None:
    assert values("coopération gagnant-gagnant") == [
        ("word", "coopération"), ("word", "gagnant-gagnant")]


def test_lemma_in_angle_brackets_and_as_mapping_are_the_same_pattern() -> None:
    a, b = compile_pattern("<dénoncer>"), compile_pattern({"lemma": "dénoncer"})
    assert (a.kind, b.kind, a.key == b.key) == ("lemma", "lemma", True)
    assert b.source == "{lemma: dénoncer}"


def test_lemma_inside_a_phrase() -> None:
    p = compile_pattern("<repousser> l'influence occidentale")
    assert p.kind == "phrase"
    assert values("<repousser> l'influence occidentale") == [
        ("lemma", "repousser"), ("word", "l'"), ("word", "influence"), ("word", "occidentale")]


def test_gap_default_and_explicit_width() -> None:
    assert compile_pattern("contrepoids ... hégémonie").gaps == (0, 3)
    assert compile_pattern("contrepoids … hégémonie").gaps == (0, 3)
    p = compile_pattern({"phrase": "contrepoids ... hégémonie", "gap": 6})
    assert (p.kind, p.gaps) == ("gap", (0, 6))


def test_lemma_then_is_a_gap_pattern() -> None:
    p = compile_pattern({"lemma": "repousser", "then": "influence occidentale", "gap": 2})
    assert (p.kind, p.gaps) == ("gap", (0, 2, 0))
    assert p.source == "{lemma: repousser, then: influence occidentale, gap: 2}"


def test_regex_is_one_token_and_keeps_its_source() -> None:
    p = compile_pattern({"regex": "unipolari(?:té|sme)"})
    assert (p.kind, p.source) == ("regex", "{regex: unipolari(?:té|sme)}")
    assert [p.elements[0].matches(w, w) for w in ("unipolarité", "unipolaire")] == [True, False]


def test_accents_false_folds_the_pattern() -> None:
    p = compile_pattern({"phrase": "hégémonie américaine", "accents": False})
    assert values({"phrase": "hégémonie américaine", "accents": False}) == [
        ("word", "hegemonie"), ("word", "americaine")]
    assert p.source == "{phrase: hégémonie américaine, accents: false}"


def test_a_lone_question_mark_is_punctuation() -> None:
    assert values("pourquoi ?") == [("word", "pourquoi"), ("word", "?")]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "empty pattern"),
        ("« »", "only punctuation"),
        ("contrepoids * hégémonie", "a lone '*' matches any token"),
        ("... hégémonie", "must stand between two words"),
        ("<>", "empty lemma"),
        ({"phrase": "x", "gapp": 2}, "unknown key 'gapp' in pattern; allowed keys: phrase, "
         "lemma, regex, then, gap, accents, followed_by"),
        ({"phrase": "souveraineté", "followed_by": "de l'Ukraine"},
         "'followed_by' alternative \"l'Ukraine\" is 2 tokens; give one token per alternative"),
        ({"phrase": "souveraineté", "followed_by": " "}, "'followed_by' needs words"),
        ({"phrase": "a", "regex": "b"}, "give only one of phrase, lemma, regex"),
        ({"phrase": "a ... b", "gap": 11}, "from 0 to 10"),
        ({"phrase": "a b", "gap": 2}, "has no '...'"),
        ({"phrase": "a", "then": "b"}, "'then' goes with 'lemma'"),
        ({"regex": "(unclosed"}, "invalid regex"),
        ({"regex": ".*"}, "matches every token"),
        ({"regex": ".+"}, "matches every token"),
        ({"regex": "a" * 201}, "at most 200"),
    ],
)
def test_invalid_patterns_are_refused_with_a_reason(spec: object, message: str) -> None:
    with pytest.raises(LexiconError) as info:
        compile_pattern(spec)  # type: ignore[arg-type]
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("<dénoncer", "pattern '<dénoncer': unclosed '<'; write the lemma between < and > "
         "(<dénoncer>)"),
        ("dénoncer>", "pattern 'dénoncer>': '>' without its '<'; write the lemma between < and "
         "> (<dénoncer>)"),
        ("<dénoncer l'ingérence", "pattern \"<dénoncer l'ingérence\": unclosed '<'; write the "
         "lemma between < and > (<dénoncer>)"),
        ("<dénoncer> l'ingérence>", "pattern \"<dénoncer> l'ingérence>\": '>' without its '<'; "
         "write the lemma between < and > (<ingérence>)"),
        ({"lemma": "dénoncer", "then": "<ingérence étrangère"},
         "pattern '{lemma: dénoncer, then: <ingérence étrangère}': unclosed '<'; write the "
         "lemma between < and > (<ingérence>)"),
        ({"phrase": "souveraineté", "followed_by": "de <ukrainien"},
         "pattern '{phrase: souveraineté, followed_by: de <ukrainien}': unclosed '<'; write "
         "the lemma between < and > (<ukrainien>)"),
    ],
)
def test_a_lemma_bracket_without_its_pair_is_refused(spec: str | dict[str, str],
                                                     message: str) -> None:
    # was: read as the punctuation '<' (or '>') next to the words, a phrase no text
    # holds, so the pattern never matched and nothing said why
    with pytest.raises(LexiconError) as info:
        compile_pattern(spec)
    assert str(info.value) == message


def test_an_unclosed_lemma_bracket_in_a_lexicon_is_one_error_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # guillemets around a closed <lemma> stay an ordinary pattern (line 25)
    text = VALID.replace('      - "partenariat stratégique"\n',
                         '      - "<dénoncer l\'ingérence"\n'
                         '      - "« <dénoncer> l\'ingérence »"\n')
    path = write(tmp_path, text)
    expected = (f"{path}:24: frame 'cooperation', pattern \"<dénoncer l'ingérence\": unclosed "
                "'<'; write the lemma between < and > (<dénoncer>)")
    assert errors_of(tmp_path, text) == (expected,)
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"error: {expected}"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Paris dénonce l'ingérence étrangère.", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "framing.report", str(corpus), "--lexicon",
                          str(path), "--out", str(tmp_path / "out"), "--quiet"],
                         capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stderr.splitlines()) == (1, [f"framing.report: error: {expected}"])


@pytest.mark.parametrize("rx", ["(a+)+", "(?:ab*)*", "(x+){2,5}", "((a)+b)*", "(a*)+?"])
def test_nested_quantifiers_are_pathological(rx: str) -> None:
    with pytest.raises(LexiconError, match="pathological regex"):
        compile_pattern({"regex": rx})


@pytest.mark.parametrize("rx", ["[a-z]*[a-z]*[a-z]*y", "[a-z]*" * 10 + "y", r"\w+\w*\w+",
                                "x{2,}y+z*"])
def test_three_repeats_in_a_row_are_pathological(rx: str) -> None:
    # was accepted: ten of them took 5 s on a 21-letter token (85 s for one sentence)
    with pytest.raises(LexiconError) as err:
        compile_pattern({"regex": rx})
    assert str(err.value).endswith(
        "pathological regex: three or more repeated parts in a row (like "
        "[a-z]*[a-z]*[a-z]*); merge them into one or put a fixed character between them")


@pytest.mark.parametrize("rx", ["(?:ab)+", "a+b+", "sous-effectifs?", "[a+]+", r"\(a+\)+",
                                "(?:f|fs|ve|ves)", r"\w+-\w+-\w+", r"\d+[.,]\d*\s*%",
                                r"(?:contre|anti)[- ]?\w*", "a*|b*|c*"])
def test_ordinary_regexes_are_accepted(rx: str) -> None:
    assert compile_pattern({"regex": rx}).kind == "regex"


# --- loading YAML ------------------------------------------------------------


def test_valid_yaml_gives_frames_labels_patterns_and_lines(tmp_path: Path) -> None:
    lex = load_lexicon(write(tmp_path, VALID))
    assert (lex.name, lex.language, lex.version, lex.licence) == ("essai", "fr", "1", "CC0")
    assert list(lex.frames) == ["hegemony", "cooperation"]
    f = lex.frames["hegemony"]
    assert (f.label_fr, f.label_en, f.description) == (
        "Hégémonie", "Hegemony", "Le texte parle d'hégémonie.")
    assert [(p.source, p.kind, p.line) for p in f.patterns] == [
        ("hégémon*", "glob", 11), ("contrepoids ... hégémonie", "gap", 12),
        ("{regex: unipolari(?:té|sme)}", "regex", 13)]
    assert f.examples == ("Le bloc se veut un contrepoids à l'hégémonie américaine.",)
    assert len(f.counter_examples) == 2
    assert lex.warnings == ()


def test_lexicon_is_immutable_and_picklable(tmp_path: Path) -> None:
    lex = load_lexicon(write(tmp_path, VALID))
    with pytest.raises(TypeError):
        lex.frames["x"] = lex.frames["hegemony"]  # type: ignore[index]
    assert pickle.loads(pickle.dumps(lex)) == lex


def test_libyaml_is_there_in_ci() -> None:
    # the yaml_parser fixture skips its libyaml half without libyaml: CI must run it
    import os

    from framing._yaml import safe_loader

    if os.environ.get("CI") == "true":  # .ci/run installs PyYAML's wheel (with libyaml)
        assert hasattr(yaml, "CSafeLoader")
    assert (safe_loader() is yaml.SafeLoader) == (not hasattr(yaml, "CSafeLoader"))


def test_both_yaml_parsers_load_the_shipped_lexicons_alike(monkeypatch: pytest.MonkeyPatch,
                                                          ) -> None:
    path = resources_path("geopolitique.yaml")
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml: only its pure-Python parser runs")
    with_libyaml = lexmod._load_yaml(path)
    monkeypatch.delattr(yaml, "CSafeLoader")
    assert lexmod._load_yaml(path) == with_libyaml
    assert with_libyaml.frames["counterweight_to_us_hegemony"].patterns[0].line == 32


def test_malformed_yaml_names_file_and_line(tmp_path: Path, yaml_parser: str) -> None:
    # the same words and line whichever parser read first (libyaml's words differ);
    # was line 6 (after the end of the file) with a trailing newline, 5 without
    text = 'name: essai\nlanguage: fr\nframes:\n  hegemony:\n    patterns: ["hégémon*"\n'
    expected = (f"{tmp_path / 'lex.yaml'}:5: malformed YAML: missing ',' or ']' after the entry "
                "on this line; separate the entries of [ … ] with ',' and close it with ']'")
    assert one_error(tmp_path, text) == expected
    assert one_error(tmp_path, text.rstrip("\n")) == expected


def test_an_unclosed_quote_is_reported_on_its_own_line(tmp_path: Path, yaml_parser: str) -> None:
    # line 11 is `      - "hégémon*`: was "lex.yaml:12: malformed YAML: while parsing a
    # block collection expected <block end>, but found '<scalar>'" (where PyYAML
    # noticed it: the quote ran on to line 12)
    path = tmp_path / "lex.yaml"
    text = VALID.replace('      - "hégémon*"', '      - "hégémon*')
    assert text.splitlines()[10] == '      - "hégémon*'
    assert one_error(tmp_path, text) == (
        f'{path}:11: malformed YAML: the " opened on this line is not closed; add the closing '
        '" at the end of the text')
    # in the last line of the file, and with single quotes
    text = VALID.replace('- "Les deux pays coopèrent étroitement."',
                         "- 'Les deux pays coopèrent étroitement.")
    assert one_error(tmp_path, text) == (
        f"{path}:26: malformed YAML: the ' opened on this line is not closed; add the closing "
        "' at the end of the text")


def test_bad_indentation_is_reported_on_the_line_out_of_line(tmp_path: Path,
                                                              yaml_parser: str) -> None:
    path = tmp_path / "lex.yaml"
    hint = ("this line is not indented like the lines above it; indent it exactly like the "
            "other entries of its list or mapping, with spaces")
    # a pattern one space to the left of the others (line 12)
    text = VALID.replace('      - "contrepoids ... hégémonie"', '     - "contrepoids ... hégémonie"')
    assert one_error(tmp_path, text) == f"{path}:12: malformed YAML: {hint}"
    # a frame key one space to the left of the others (line 14)
    text = VALID.replace('    examples:\n      - "Le bloc', '   examples:\n      - "Le bloc')
    assert one_error(tmp_path, text) == f"{path}:14: malformed YAML: {hint}"
    # a frame key indented as far as the patterns above it (line 25)
    text = VALID.replace('    examples:\n      - "Les deux', '      examples:\n      - "Les deux')
    assert one_error(tmp_path, text) == f"{path}:25: malformed YAML: {hint}"
    # the second line of a folded description, to the left of the first (line 11; was
    # "text follows the closing > on this line")
    text = VALID.replace("    description: Le texte parle d'hégémonie.",
                         "    description: >\n      Le texte parle\n   d'hégémonie.")
    assert one_error(tmp_path, text) == f"{path}:11: malformed YAML: {hint}"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a tab in the indentation
        ('      - "contrepoids', '\t- "contrepoids',
         "12: malformed YAML: a tab in the indentation of this line; indent with spaces only"),
        # a key without its ':' (was: line 3, the next line)
        ("language: fr", "language fr",
         "2: malformed YAML: no ': ' after the key on this line; write 'key: value', with a "
         "space after the ':'"),
        ("language: fr", "language:fr",
         "2: malformed YAML: no ': ' after the key on this line; write 'key: value', with a "
         "space after the ':'"),
        # a frame id without its ':' (was: line 8 and 20, the next line)
        ("  hegemony:", "  hegemony",
         "7: malformed YAML: the text on this line runs on to line 8, where ': ' follows; "
         "add the ':' missing after a key on this line, or put the text in quotes"),
        ("  cooperation:", "  cooperation",
         "19: malformed YAML: no ': ' after the key on this line; write 'key: value', with a "
         "space after the ':'"),
        # a French apostrophe inside '…' closes the text early
        ('- "hégémon*"', "- 'l'hégémonie'",
         "11: malformed YAML: text follows the closing ' on this line; put the whole text in "
         "quotes (an apostrophe inside '…' is written '')"),
        # an unquoted ': ' inside a pattern
        ('- "hégémon*"', "- hégémonie : la guerre: froide",
         "11: malformed YAML: a ':' where no key can start; put a text that holds ': ' in "
         "quotes, or indent this line like the lines above it"),
        # a regex escape inside "…"
        ('{regex: "unipolari(?:té|sme)"}', '{regex: "\\w+polarité"}',
         "13: malformed YAML: a backslash inside \"…\" starts an escape (found unknown escape "
         "character 'w'); write a regex between single quotes ('…') or double the backslash "
         "(\\\\)"),
        # a glob starting with '*' is a YAML alias unless quoted
        ('- "hégémon*"', "- *polarité",
         "11: malformed YAML: a text starting with '*' (*polarité) is read as a YAML alias; put "
         "it in quotes (\"*polarité\")"),
        # an unclosed {…} (was: line 9, the next line)
        ('{fr: "Hégémonie", en: "Hegemony"}', '{fr: "Hégémonie", en: "Hegemony"',
         "8: malformed YAML: missing ',' or '}' after the entry on this line; separate the "
         "entries of { … } with ',' and close it with '}'"),
    ],
)
def test_common_yaml_mistakes_say_where_and_what_to_do(tmp_path: Path, yaml_parser: str,
                                                       old: str, new: str,
                                                       expected: str) -> None:
    assert old in VALID
    assert one_error(tmp_path, VALID.replace(old, new, 1)) == f"{tmp_path / 'lex.yaml'}:{expected}"


def test_a_lexicon_nested_thousands_deep_is_one_error(tmp_path: Path, yaml_parser: str) -> None:
    # was: RecursionError out of load_lexicon (PyYAML's composer recurses per level),
    # then a message that depended on the libyaml build (some stop at 1,000 levels)
    text = "name: essai\nlanguage: fr\nframes:\n  " + "[" * 3000 + "]" * 3000
    expected = (f"{tmp_path / 'lex.yaml'}:4: malformed YAML: lists and mappings nested more "
                "than 50 levels deep (a lexicon needs five); check the brackets")
    assert one_error(tmp_path, text) == expected
    assert one_error(tmp_path, text.replace("[" * 3000 + "]" * 3000, "[" * 50 + "]" * 50)) == expected
    # 49 brackets in the mapping of the file: 50 levels, read, then refused as a lexicon
    msg = one_error(tmp_path, text.replace("[" * 3000 + "]" * 3000, "[" * 49 + "]" * 49))
    assert msg == (f"{tmp_path / 'lex.yaml'}:4: 'frames' must be a mapping of frame ids to "
                   "frames, with at least one")


def test_escapes_libyaml_refuses_are_read_as_before(tmp_path: Path, yaml_parser: str) -> None:
    # a surrogate pair escaped as json.dumps writes it; libyaml refuses it, PyYAML not
    # (read as its character: was two lone surrogates, which report.md could not hold)
    lex = load_lexicon(write(tmp_path, VALID.replace('"Hégémonie"', '"Hégémonie \\ud83c\\udf0d"')))
    assert lex.frames["hegemony"].label_fr == "Hégémonie \U0001f30d"
    # half a pair is no character: was accepted, then a UnicodeEncodeError in the report
    msg = one_error(tmp_path, VALID.replace('"Hégémonie"', '"Hégémonie \\ud800"'))
    assert msg == (f"{tmp_path / 'lex.yaml'}:8: an escape gives half a surrogate pair (\\ud800 "
                   "to \\udfff), which is no character; remove it or write the character itself")
    msg = one_error(tmp_path, VALID.replace('"Hégémonie"', '"Hégémonie \\U00110000"'))
    assert msg == (f"{tmp_path / 'lex.yaml'}: malformed YAML: an escape sequence is not a "
                   "Unicode character (chr() arg not in range(0x110000))")


def test_unknown_key_is_named_with_the_allowed_keys(tmp_path: Path) -> None:
    errs = errors_of(tmp_path, VALID.replace("licence:", "license:"))
    assert errs == (
        f"{tmp_path / 'lex.yaml'}:5: unknown key 'license' in the lexicon; allowed keys: "
        "name, language, version, description, licence, frames",
    )


def test_unknown_key_in_a_frame_names_the_frame(tmp_path: Path) -> None:
    errs = errors_of(tmp_path, VALID.replace("    examples:\n      - \"Le bloc",
                                             "    exemples:\n      - \"Le bloc"))
    assert errs == (
        f"{tmp_path / 'lex.yaml'}:14: frame 'hegemony': unknown key 'exemples' in a frame; "
        "allowed keys: label, description, patterns, examples, counter_examples",
    )


def test_unknown_key_in_a_pattern_names_frame_pattern_and_line(tmp_path: Path) -> None:
    errs = errors_of(tmp_path, VALID.replace('{regex: "unipolari(?:té|sme)"}',
                                             '{regex: "unipolari(?:té|sme)", flags: i}'))
    assert len(errs) == 1
    assert errs[0].startswith(f"{tmp_path / 'lex.yaml'}:13: frame 'hegemony', pattern ")
    assert "unknown key 'flags' in pattern" in errs[0]


def test_empty_frame_is_an_error(tmp_path: Path) -> None:
    text = VALID.replace('      - "<coopérer>"\n      - "partenariat stratégique"\n', "")
    text = text.replace("    patterns:\n    examples:\n      - \"Les deux",
                        "    patterns: []\n    examples:\n      - \"Les deux")
    errs = errors_of(tmp_path, text)
    assert errs == (
        f"{tmp_path / 'lex.yaml'}:22: frame 'cooperation': empty frame: 'patterns' must be "
        "a non-empty list",
    )


def test_pattern_that_cannot_match_is_an_error(tmp_path: Path) -> None:
    errs = errors_of(tmp_path, VALID.replace('- "hégémon*"', '- "« … »"'))
    assert errs == (
        f"{tmp_path / 'lex.yaml'}:11: frame 'hegemony', pattern '« … »': pattern has only "
        "punctuation: it cannot match a word",
    )
    errs = errors_of(tmp_path, VALID.replace('- "hégémon*"', '- "\\u200b"'))
    assert errs == (
        f"{tmp_path / 'lex.yaml'}:11: frame 'hegemony', pattern '\\u200b': pattern is empty "
        "after tokenization: it cannot match",
    )


def test_duplicate_within_a_frame_is_an_error(tmp_path: Path) -> None:
    errs = errors_of(tmp_path, VALID.replace('- "hégémon*"', '- "hégémon*"\n      - "Hégémon*"'))
    assert errs == (
        f"{tmp_path / 'lex.yaml'}:12: frame 'hegemony', pattern 'Hégémon*': duplicate pattern "
        "(same as line 11)",
    )


def test_duplicate_across_frames_is_a_warning(tmp_path: Path) -> None:
    lex = load_lexicon(write(tmp_path, VALID.replace('- "<coopérer>"', '- "hégémon*"')))
    assert lex.warnings == (
        f"{tmp_path / 'lex.yaml'}:23: frame 'cooperation', pattern 'hégémon*': also in frame "
        "'hegemony' (line 11): a hit counts for both frames",
    )


def test_pathological_regex_in_a_file(tmp_path: Path) -> None:
    errs = errors_of(tmp_path, VALID.replace('{regex: "unipolari(?:té|sme)"}',
                                             '{regex: "(uni+)+polaire"}'))
    assert errs == (
        f"{tmp_path / 'lex.yaml'}:13: frame 'hegemony', pattern '{{regex: (uni+)+polaire}}': "
        "pathological regex: nested quantifiers (a repeated group that itself repeats, like "
        "(a+)+); rewrite it without nesting",
    )


def test_all_errors_are_collected(tmp_path: Path) -> None:
    text = VALID.replace("licence:", "license:").replace('- "hégémon*"', '- "..."')
    with pytest.raises(LexiconValidationError) as info:
        load_lexicon(write(tmp_path, text))
    assert len(info.value.errors) == 2
    # the report's one line said how many, not where to see them
    assert str(info.value).endswith(f"(and 1 more error; python -m framing.lexicon validate "
                                    f"{tmp_path / 'lex.yaml'} lists them all)")


@pytest.mark.parametrize(("old", "new", "error"), [
    # YAML reads a plain null, number or yes as such: they became the label "None" / "3"
    # and the example sentence "5" without a word (a bad-input review)
    ('en: "Hegemony"', "en: null", "label 'en' must be a text, not empty (null)"),
    ('fr: "Hégémonie"', "fr: 3", "label 'fr' must be a text, not a number"),
    ('- "Le bloc se veut', '- 5\n      - "Le bloc se veut',
     "each of examples must be a text, not a number"),
])
def test_a_label_or_example_that_is_not_text_is_an_error(
    tmp_path: Path, old: str, new: str, error: str
) -> None:
    assert old in VALID
    errs = errors_of(tmp_path, VALID.replace(old, new, 1))
    assert len(errs) == 1 and error in errs[0]
    assert errs[0].endswith("; put it in quotes if it is meant as written")
    assert load_lexicon(write(tmp_path, VALID)).version == "1"  # a number, as a version


def test_a_key_with_nothing_after_it_is_an_empty_text(tmp_path: Path) -> None:
    # "description:" loaded before the check on null values and must still load
    text = VALID.replace("description: Lexique d'essai.", "description:").replace(
        "licence: CC0", "licence:")
    lexicon = load_lexicon(write(tmp_path, text))
    assert (lexicon.description, lexicon.licence) == ("", "")


def test_repeated_key_is_an_error(tmp_path: Path) -> None:
    errs = errors_of(tmp_path, VALID + "name: autre\n")
    assert errs == (
        f"{tmp_path / 'lex.yaml'}:27: key 'name' repeated in the lexicon (first on line 1)",)


def test_missing_name_and_frames(tmp_path: Path) -> None:
    errs = errors_of(tmp_path, "language: fr\n")
    assert errs == (
        f"{tmp_path / 'lex.yaml'}:1: missing key 'name'",
        f"{tmp_path / 'lex.yaml'}:1: missing key 'frames'",
    )


@pytest.mark.parametrize(("glob", "text", "expected"), [
    ("hégémon*", "hégémonie", True),
    ("*américain?", "anti-américaine", True),
    ("multi*ari*", "multipolarité", True),
    ("multi*ari*", "multipolaire", False),
    ("**************x", "a" * 21, False),  # was: 10 s (every placement of every star)
    ("*a*b*c*d*e*f*g*z", "abcdefg" * 2000, False),
    ("*a*b*c*d*e*f*g*z", "abcdefg" * 2000 + "z", True),
])
def test_globs_with_many_stars_match_as_globs(glob: str, text: str, expected: bool) -> None:
    assert (re.fullmatch(glob_regex(glob), text, re.DOTALL) is not None) is expected


@settings(max_examples=400, deadline=None)
@given(st.text("ab-?*", max_size=8), st.text("ab-\n", max_size=10))
def test_property_glob_regex_agrees_with_fnmatch(glob: str, text: str) -> None:
    assert (re.fullmatch(glob_regex(glob), text, re.DOTALL) is not None) is fnmatchcase(
        text, glob)


def test_a_gap_of_thousands_of_digits_is_reported_as_written(tmp_path: Path) -> None:
    # was: ValueError ("Exceeds the limit (4300 digits) for integer string conversion")
    huge = "{lemma: contrepoids, gap: 0x" + "F" * 5000 + ", then: hégémonie}"
    errs = errors_of(tmp_path, VALID.replace('- "contrepoids ... hégémonie"', "- " + huge))
    assert errs == (
        f"{tmp_path / 'lex.yaml'}:12: frame 'hegemony', pattern '{{lemma: contrepoids, gap: "
        "0xFFFFFFFFFF…, then: hégémonie}': 'gap' must be a whole number from 0 to 10, not "
        "'0xFFFFFFFFFF…'",)


@pytest.mark.parametrize(("spec", "message"), [
    ('{phrase: "contrepoids ... hégémonie", accents: 2024-02-30}',
     "'{phrase: contrepoids ... hégémonie, accents: 2024-02-30}': 'accents' must be true or "
     "false, not '2024-02-30'"),
    ("{lemma: contrepoids, gap: !!timestamp 2024-13-45, then: hégémonie}",
     "'{lemma: contrepoids, gap: 2024-13-45, then: hégémonie}': 'gap' must be a whole number "
     "from 0 to 10, not '2024-13-45'"),
    ("{lemma: contrepoids, gap: " + "1" * 5000 + ", then: hégémonie}",
     "'{lemma: contrepoids, gap: 111111111111…, then: hégémonie}': 'gap' must be a whole "
     "number from 0 to 10, not '111111111111…'"),
])
def test_gap_and_accents_values_yaml_cannot_build_are_reported(tmp_path: Path, spec: str,
                                                               message: str) -> None:
    # was: ValueError ("day is out of range for month", "Exceeds the limit (4300 digits)")
    errs = errors_of(tmp_path, VALID.replace('- "contrepoids ... hégémonie"', "- " + spec))
    assert errs == (f"{tmp_path / 'lex.yaml'}:12: frame 'hegemony', pattern {message}",)


def test_yaml_bomb_is_refused_before_expansion(tmp_path: Path, yaml_parser: str) -> None:
    lines = ["name: bombe", "language: fr", 'a0: &a0 ["lol", "lol", "lol", "lol"]']
    for k in range(1, 20):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 4) + "]")
    lines.append("frames: *a19")
    msg = one_error(tmp_path, "\n".join(lines) + "\n")
    assert msg == (
        f"{tmp_path / 'lex.yaml'}:16: more than 50 YAML aliases; lexicons do not need anchors "
        "and aliases (refused to guard against YAML bombs)"
    )


def test_unsafe_python_tag_is_never_constructed(tmp_path: Path) -> None:
    text = VALID.replace("description: Lexique d'essai.",
                         "description: !!python/object/apply:os.system [\"echo pwned\"]")
    errs = errors_of(tmp_path, text)
    assert errs == (f"{tmp_path / 'lex.yaml'}:4: 'description' must be a text, not a list",)


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexmod, "MAX_YAML_BYTES", 100)
    msg = one_error(tmp_path, VALID)
    assert msg.startswith(f"{tmp_path / 'lex.yaml'}: file is ")
    assert "larger than the 100 allowed" in msg


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "lex.yaml"
    p.write_bytes("name: hégémonie\n".encode("latin-1"))
    with pytest.raises(LexiconError, match="not UTF-8 text"):
        load_lexicon(p)


def test_missing_metadata_is_a_warning(tmp_path: Path) -> None:
    text = VALID.replace("licence: CC0\n", "")
    assert load_lexicon(write(tmp_path, text)).warnings == (
        f"{tmp_path / 'lex.yaml'}:1: no 'licence' given",)


# --- by name, by path ----------------------------------------------------------


def test_shipped_lexicons_are_listed_by_name() -> None:
    names = available_lexicons()
    assert {"geopolitique", "cadres_generiques"} <= set(names)
    assert "actors" not in names


def test_load_by_name_reads_the_shipped_file() -> None:
    lex = load_lexicon("geopolitique")
    assert (lex.name, lex.path) == ("geopolitique", str(resources_path("geopolitique.yaml")))
    assert load_lexicon(lex) is lex


def test_unknown_name_lists_the_available_lexicons() -> None:
    with pytest.raises(LexiconError) as info:
        load_lexicon("geopolitics")
    assert str(info.value).startswith("no shipped lexicon named 'geopolitics' (available: ")
    assert "geopolitique" in str(info.value)


def test_a_file_of_no_lexicon_format_and_no_lexicon_at_all_are_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.toml").write_text("[cadres]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LexiconError) as info:  # was: "no shipped lexicon named 'notes.toml'"
        load_lexicon("notes.toml")
    assert str(info.value) == ("notes.toml: not a lexicon file; framing reads .yaml, .cat "
                               "(WordStat), .dic (LIWC), .csv and .tsv lexicons")
    with pytest.raises(TypeError, match=r"^a lexicon is a name, a path or a Lexicon, not NoneType$"):
        load_lexicon(None)  # type: ignore[arg-type]


def test_missing_path_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="no such lexicon file"):
        load_lexicon(tmp_path / "absent.yaml")
    txt = write(tmp_path, "hégémon*\n", "lex.txt")
    with pytest.raises(LexiconError, match=r"unknown lexicon type '\.txt'"):
        load_lexicon(txt)
    (tmp_path / "lexiques").mkdir()  # was: "no such lexicon file"
    for name in (tmp_path / "lexiques", f"{tmp_path / 'lexiques'}/"):
        with pytest.raises(LexiconError) as info:
            load_lexicon(name)
        assert str(info.value) == (f"{tmp_path / 'lexiques'}: is a folder; give a lexicon file "
                                   "(.yaml, .cat, .dic, .csv, .tsv)")


def test_an_empty_lexicon_name_lists_the_shipped_ones() -> None:
    # was ".: is a folder; give a lexicon file" (Path("") is the current folder)
    for name in ("", "  "):
        with pytest.raises(LexiconError) as info:
            load_lexicon(name)
        assert str(info.value) == ("the lexicon is an empty name; give a name "
                                   "(cadres_generiques, geopolitique) or a file")


def test_make_lexicon_builds_frames_in_code() -> None:
    lex = make_lexicon({"hegemony": ["hégémon*"], "cooperation": ["<coopérer>"]}, name="mini")
    assert isinstance(lex, Lexicon)
    assert [(f, [p.kind for p in fr.patterns]) for f, fr in lex.frames.items()] == [
        ("hegemony", ["glob"]), ("cooperation", ["lemma"])]
    with pytest.raises(LexiconValidationError, match="frame 'x': no patterns"):
        make_lexicon({"x": []})


# --- importers -----------------------------------------------------------------


def summary(lex: Lexicon) -> list[tuple[str, str, list[tuple[str, str, float]]]]:
    return [
        (fid, f.label_fr, [(p.source, p.kind, p.weight) for p in f.patterns])
        for fid, f in lex.frames.items()
    ]


def test_wordstat_cat_categories_entries_and_weights() -> None:
    lex = read_wordstat(DATA / "mini_lsd.cat")
    assert summary(lex) == [
        ("negatif", "NEGATIF", [("ABANDON*", "glob", 1.0), ("NE PAS AIMER", "phrase", 1.0),
                                ("CRISE*", "glob", 1.0)]),
        ("positif", "POSITIF", [("APAIS*", "glob", 1.0), ("COOPÉRATION", "fixed", 1.0),
                                ("D’ACCORD", "phrase", 2.0)]),
    ]
    assert lex.name == "mini_lsd"
    assert lex.frames["negatif"].examples == ()
    hits = Matcher(lex).match_text("Ils ne pas aimer l'abandon ; d'accord sur la coopération.")
    assert [(h.frame, h.pattern) for h in hits] == [
        ("negatif", "NE PAS AIMER"), ("negatif", "ABANDON*"), ("positif", "D’ACCORD"),
        ("positif", "COOPÉRATION")]


def test_wordstat_nested_categories_are_named_by_path() -> None:
    lex = load_lexicon(DATA / "nested.cat")
    assert summary(lex) == [
        ("geopolitique_hegemonie", "GEOPOLITIQUE/HEGEMONIE",
         [("HÉGÉMON*", "glob", 1.0), ("DOMINATION AMÉRICAINE", "phrase", 1.0)]),
        ("geopolitique_partenariat", "GEOPOLITIQUE/PARTENARIAT",
         [("PARTENARIAT STRATÉGIQUE", "phrase", 2.0)]),
    ]
    assert lex.warnings == ()


def test_wordstat_cp1252_file_is_decoded() -> None:
    lex = load_lexicon(DATA / "cp1252.cat")
    assert summary(lex) == [
        ("negatif", "NEGATIF", [("ÉCHEC*", "glob", 1.0), ("MÉFIANCE", "fixed", 1.0)])]


def test_a_utf16_export_is_decoded_and_binary_data_refused(tmp_path: Path) -> None:
    # were: Excel's "Unicode text" read as cp1252 (a frame named "e_c_o"), a spreadsheet
    # saved under .csv read as garbage frames
    table = tmp_path / "termes.csv"
    table.write_bytes("terme,cadre\nhégémonie américaine,contrepoids\n".encode("utf-16"))
    assert summary(load_lexicon(table)) == [
        ("contrepoids", "contrepoids", [("hégémonie américaine", "phrase", 1.0)])]
    binary = tmp_path / "classeur.csv"
    binary.write_bytes(b"PK\x03\x04" + b"\x00" * 40 + b"terme,cadre\n")
    with pytest.raises(LexiconError) as err:
        load_lexicon(binary)
    assert str(err.value) == (f"{binary}: binary data (NUL bytes), not a text dictionary; "
                              "save it as UTF-8 text (CSV, TSV, .cat or .dic)")


def test_liwc_dic_header_entries_and_unknown_category() -> None:
    lex = read_liwc(DATA / "mini.dic")
    assert summary(lex) == [
        ("hegemonie", "hegemonie", [("hégémon*", "glob", 1.0), ("domination", "fixed", 1.0),
                                    ("partenariat stratégique", "phrase", 1.0)]),
        ("cooperation", "cooperation", [("coopér*", "glob", 1.0),
                                        ("partenariat stratégique", "phrase", 1.0),
                                        ("gagnant-gagnant", "fixed", 1.0)]),
    ]
    assert lex.warnings == (
        f"{DATA / 'mini.dic'}:10: entry 'alliance': unknown category '9' (not in the header); "
        "ignored",
        f"{DATA / 'mini.dic'}:8: entry 'partenariat stratégique' is in categories "
        "'cooperation' and 'hegemonie'",
    )


def test_liwc_without_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="first line must be '%'"):
        read_liwc(write(tmp_path, "hégémon*\t1\n", "x.dic"))


def test_csv_with_header_reads_weights_and_skips_unmatchable_terms() -> None:
    lex = read_term_table(DATA / "mini.csv")
    assert summary(lex) == [
        ("hegemonie", "Hégémonie", [("hégémon*", "glob", 1.0),
                                    ("contrepoids ... hégémonie", "gap", 2.0)]),
        ("cooperation", "Coopération", [("<coopérer>", "lemma", 0.5),
                                        ("partenariat stratégique", "phrase", 1.0)]),
    ]
    assert lex.warnings == (
        f"{DATA / 'mini.csv'}:6: entry '« »' skipped: pattern has only punctuation: it cannot "
        "match a word",
    )


def test_tsv_without_header() -> None:
    lex = load_lexicon(DATA / "mini.tsv")
    assert summary(lex) == [
        ("hegemonie", "Hégémonie", [("hégémonie américaine", "phrase", 1.0)]),
        ("cooperation", "Coopération", [("coopération", "fixed", 0.5),
                                        ("gagnant-gagnant", "fixed", 1.0)]),
    ]


# --- validation against examples -------------------------------------------------


def test_validate_lexicon_counts_passes_and_lists_failures(tmp_path: Path) -> None:
    text = VALID.replace("Le sommet s'est tenu à Astana.",
                         "L'hégémonie du dollar est contestée.")
    text = text.replace("Les deux pays coopèrent étroitement.", "Les deux pays se parlent.")
    table = validate_lexicon(write(tmp_path, text))
    assert list(table.columns) == list(VALIDATION_COLUMNS)
    rows = table.drop(columns="failures").to_dict("records")
    assert rows == [
        {"frame": "hegemony", "patterns": 3, "examples": 1, "examples_passed": 1,
         "counter_examples": 2, "counter_examples_passed": 1},
        {"frame": "cooperation", "patterns": 2, "examples": 1, "examples_passed": 0,
         "counter_examples": 0, "counter_examples_passed": 0},
    ]
    assert table["failures"].tolist() == [
        ["counter-example with an un-negated hit of 'hegemony': \"L'hégémonie du dollar est "
         "contestée.\" — matched hegemony: 'hégémonie' (pattern 'hégémon*')"],
        ["example without an un-negated hit of 'cooperation': 'Les deux pays se parlent.' — "
         "nothing matched"],
    ]


def test_negated_hit_is_allowed_in_a_counter_example(tmp_path: Path) -> None:
    table = validate_lexicon(write(tmp_path, VALID))
    assert table["failures"].tolist() == [[], []]


# --- command line ------------------------------------------------------------------


def test_cli_validate_prints_a_table_and_exits_0(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(write(tmp_path, VALID))]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == [
        "frame        patterns  examples  counter-examples  status",
        "hegemony            3       1/1               2/2      ok",
        "cooperation         2       1/1               0/0      ok",
        "2 examples, 2 counter-examples: ok",
    ]


def test_cli_test_lists_failures_and_exits_3(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("Les deux pays coopèrent étroitement.", "Les deux pays se parlent.")
    assert main(["test", str(write(tmp_path, text))]) == 3
    assert capsys.readouterr().out.splitlines() == [
        "FAIL example without an un-negated hit of 'cooperation': 'Les deux pays se parlent.' "
        "— nothing matched",
        "2 examples, 2 counter-examples: 1 failure(s)",
    ]


def test_cli_malformed_file_exits_1_with_one_line_per_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("licence:", "license:").replace('- "hégémon*"', '- "..."')
    assert main(["validate", str(write(tmp_path, text))]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert all(e.startswith(f"error: {tmp_path / 'lex.yaml'}:") for e in err)


def test_cli_bad_command_line_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "geopolitique"])
    assert info.value.code == 2


def test_python_m_framing_lexicon_gives_no_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path, "name: essai\nframes: [\n")
    run = subprocess.run([sys.executable, "-m", "framing.lexicon", "test", str(bad)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert run.stderr.startswith(f"error: {bad}:")
    assert "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


# --- every shipped lexicon ---------------------------------------------------------


def _shipped_cases() -> list[object]:
    cases = []
    for name in available_lexicons():
        lex = load_lexicon(name)
        for fid, frame in lex.frames.items():
            for k, s in enumerate(frame.examples):
                cases.append(pytest.param(name, fid, True, s, id=f"{name}-{fid}-example{k}"))
            for k, s in enumerate(frame.counter_examples):
                cases.append(pytest.param(name, fid, False, s, id=f"{name}-{fid}-counter{k}"))
    return cases


_MATCHERS: dict[str, Matcher] = {}


@pytest.mark.parametrize(("name", "frame", "is_example", "sentence"), _shipped_cases())
def test_shipped_lexicon_examples(name: str, frame: str, is_example: bool,
                                  sentence: str) -> None:
    m = _MATCHERS.get(name) or _MATCHERS.setdefault(name, Matcher(name))
    hits = [h for h in m.match_tokens(tokens(sentence)) if h.frame == frame]
    plain = [(sentence[h.start:h.end], h.pattern) for h in hits if not h.negated]
    if is_example:
        assert plain, f"example gives no un-negated hit of {frame}: {sentence}"
    else:
        assert not plain, f"counter-example gives un-negated hits of {frame}: {plain}"


# --- big dictionaries: the fast path for plain words, the size cap ------------------

_PLAIN_WORDS = st.lists(
    st.text(alphabet="abcdeéèàçœßİıABCÉ0123456789²½ﬁⅫ١", min_size=1, max_size=6),
    min_size=1, max_size=4,
).map(" ".join)
_ANY_PATTERN_TEXT = st.text(
    alphabet="abéœİ0129²ǂǁʼ'’-‐._%*?«… \u00a0\u202f\t\u200b\u00adMmeDr", max_size=24)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_PLAIN_WORDS, _ANY_PATTERN_TEXT))
def test_property_plain_words_are_cut_as_the_tokenizer_cuts_them(text: str) -> None:
    plain = lexmod._plain_words(text)
    if plain is not None:
        assert plain == [t.norm for t in tokenize(text)]


@pytest.mark.parametrize("text", ["2 000", "12 %", "lʼhégémonie", "a\u200bb", "hégémon*",
                                  "l'OCS", "sino-russe", "M. Xi", "ǂ"])
def test_texts_the_tokenizer_must_cut_are_not_plain(text: str) -> None:
    assert lexmod._plain_words(text) is None


def test_plain_patterns_compile_as_through_the_tokenizer(monkeypatch: pytest.MonkeyPatch) -> None:
    specs = ["Hégémonie", "hégémonie  américaine", "G20 sommet 2024", "OTAN", "2 abc"]
    fast = [compile_pattern(s) for s in specs]
    monkeypatch.setattr(lexmod, "_plain_words", lambda text: None)
    assert fast == [compile_pattern(s) for s in specs]
    assert [p.kind for p in fast] == ["fixed", "phrase", "phrase", "fixed", "phrase"]


def test_fast_constructors_build_the_same_objects() -> None:
    els = compile_pattern("hégémonie américaine").elements
    args = ("hégémonie américaine", "phrase", els, (0, 0), True, 2.5, 7)
    assert lexmod._new_pattern(*args) == Pattern(*args)
    assert lexmod._new_word("hégémonie", False) == Element("word", "hégémonie", False)


def test_a_phrase_and_the_same_words_as_a_mapping_are_duplicates() -> None:
    with pytest.raises(LexiconValidationError, match="duplicate pattern"):
        make_lexicon({"f": ["hégémonie américaine", {"phrase": "Hégémonie américaine"}]})
    lex = make_lexicon({"f": ["hégémonie", {"phrase": "hégémonie", "accents": False},
                              "hégémonie ... américaine", "hégémon*"]})
    assert len(lex.frames["f"].patterns) == 4  # same words, other tests: not duplicates


def test_imported_dictionaries_have_their_own_size_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = write(tmp_path, "term,category\nhégémon*,Hégémonie\n", "big.csv")
    monkeypatch.setattr(lexmod, "MAX_YAML_BYTES", 10)  # YAML's cap does not apply
    assert load_lexicon(p).n_patterns == 1
    monkeypatch.setattr(lexmod, "MAX_IMPORT_BYTES", 10)
    with pytest.raises(LexiconError) as info:
        load_lexicon(p)
    assert str(info.value) == (f"{p}: file is 37 bytes, larger than the 10 allowed for an "
                               "imported dictionary; split it")


@pytest.mark.parametrize("glob", ["?*", "*?", "??*", "**?"])
def test_a_glob_of_only_wildcards_is_refused(glob: str) -> None:
    # was: accepted; "?*" gave 1,432 hits on 1,296 tokens in a report
    with pytest.raises(LexiconValidationError) as err:
        make_lexicon({"contrepoids": [glob]})
    assert str(err.value) == (
        f"frame 'contrepoids', pattern {glob!r}: {glob!r} is only wildcards and matches nearly "
        "any token; give letters (hégémon*) or write '...' for a gap between words")


def test_an_unclosed_quote_in_an_imported_dictionary_names_its_first_line(tmp_path: Path) -> None:
    p = write(tmp_path, 'term,category\n"hégémon*,Hégémonie\ncontrepoids,Équilibre\n', "dic.csv")
    with pytest.raises(LexiconError) as info:
        load_lexicon(p)
    assert str(info.value) == (
        f"{p}:2: malformed CSV/TSV term table: quotes do not pair up in the row starting here (unexpected end "
        "of data), so lines 2-3 could not be read; close each quoted cell, and write a quote "
        'inside a quoted cell twice ("")')


def test_a_lexicon_path_from_the_home_folder_is_expanded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # was: "~/lex.yaml: no such lexicon file" from a notebook
    monkeypatch.setenv("HOME", str(tmp_path))
    write(tmp_path, "term,category\nhégémon*,Hégémonie\n", "dic.csv")
    assert load_lexicon("~/dic.csv").n_patterns == 1


def test_followed_by_tests_the_next_token_without_taking_it_into_the_match() -> None:
    p = compile_pattern({"phrase": "respect* ... souveraineté", "followed_by": "de d' *ienne"})
    assert [(e.kind, e.value) for e in p.followed_by] == [
        ("word", "de"), ("word", "d'"), ("glob", "*ienne")]
    assert p.source == "{phrase: respect* ... souveraineté, followed_by: de d' *ienne}"
    # not the same pattern as the one without the test: both kept in one frame
    assert p.key != compile_pattern("respect* ... souveraineté").key
    m = Matcher(make_lexicon({"souverainete": [
        {"phrase": "respect* ... souveraineté", "followed_by": "de d' *ienne"}]}))
    text = ("Pékin appelle au respect de la souveraineté ukrainienne. Bruxelles veut faire "
            "respecter la souveraineté numérique. Il faut respecter la souveraineté d'un "
            "pays voisin. Tous disent respecter la souveraineté.")
    assert [text[h.start:h.end] for h in m.match_text(text)] == [
        "respect de la souveraineté", "respecter la souveraineté"]


def test_a_pattern_that_ends_in_an_elided_word_keeps_the_elision() -> None:
    # was: "souveraineté d'" compiled to "d" + "'", which no text ever gives
    for pattern in ("souveraineté d'", "souveraineté d' ... ukraine", "souveraineté d' <Ukraine>",
                    "souveraineté d’ "):
        assert [e.value for e in compile_pattern(pattern).elements][:2] == [
            "souveraineté", "d'"], pattern
    hits = Matcher(make_lexicon({"s": ["souveraineté d'"]})).match_text(
        "Il faut respecter la souveraineté d’un pays voisin.")
    assert len(hits) == 1
