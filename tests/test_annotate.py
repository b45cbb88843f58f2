"""framing.annotate: sampling sheets, reading them back, κ and α, gold labels."""

from __future__ import annotations

import csv
import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from framing.annotate import (
    ALL_FRAMES,
    SHEET_LEADING,
    agreement,
    cohen_kappa,
    gold_from_annotations,
    is_annotation_sheet,
    krippendorff_alpha,
    load_annotations,
    main,
    sample,
    write_sheet,
)
from framing.errors import InputError
from framing.matcher import Matcher
from framing.tokenizer import tokens

LEXICON = Path(__file__).parent / "data" / "lexique_test.yaml"
FRAMES = ["economie", "securite"]

ROWS = [
    ("d1", "Le Courrier", "Les prix s'envolent",
     "Les prix de l'énergie augmentent encore cette semaine. Le ministre réunit les syndicats "
     "lundi matin. Le chômage des jeunes inquiète les élus locaux."),
    ("d2", "Le Courrier", "Réunion au sommet",
     "Les délégations arrivent mardi dans la capitale. La réunion se tiendra au palais des "
     "congrès. L'armée assure la sécurité du sommet."),
    ("d3", "Horizons", "Tensions à la frontière",
     "L'armée renforce ses patrouilles le long de la frontière. Les habitants décrivent une "
     "ambiance pesante au village. Personne ne parle de menace terroriste pour le moment."),
    ("d4", "Horizons", "Marché agricole",
     "Les agriculteurs vendent leurs produits au marché couvert. Les prix du blé restent "
     "stables depuis un mois. Les clients reviennent chaque samedi matin."),
    ("d5", "Eurasia", "Festival d'été",
     "Le festival de musique ouvre ses portes vendredi soir. Des milliers de spectateurs sont "
     "attendus sur la plage. Les organisateurs promettent une édition mémorable."),
]
N_HITS = 7  # sentences with a hit: d1 title, d1 prix, d1 chômage, d2 armée, d3 armée,
#             d3 menace terroriste (negated), d4 prix


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.csv"
    pd.DataFrame(ROWS, columns=["id", "source", "title", "text"]).to_csv(path, index=False)
    return path


def _has_hit(text: str) -> bool:
    return bool(Matcher(LEXICON).match_text(text))


# ---------------------------------------------------------------------------
# sampling


def test_sample_layout_and_strata(corpus: Path) -> None:
    sheet = sample(corpus, n=8, lexicon=LEXICON, seed=13)
    assert list(sheet.columns) == [*SHEET_LEADING, *FRAMES, "comment"]
    assert sheet["item_id"].tolist() == [f"S{i:04d}" for i in range(1, 9)]
    assert (sheet[FRAMES] == "").all().all() and (sheet["comment"] == "").all()
    hits = sheet["text"].map(_has_hit)
    assert hits.sum() == 4  # half with a hit of any frame, half without
    assert sheet[hits]["source"].nunique() == 2 and sheet[~hits]["source"].nunique() >= 2
    assert all(tokens(t).n_words >= 4 for t in sheet["text"])  # MIN_WORDS


def test_sample_is_deterministic_for_a_seed(corpus: Path) -> None:
    a = sample(corpus, n=8, lexicon=LEXICON, seed=13)
    b = sample(corpus, n=8, lexicon=LEXICON, seed=13)
    c = sample(corpus, n=8, lexicon=LEXICON, seed=14)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["design"] == b.attrs["design"]
    assert a["text"].tolist() != c["text"].tolist()


def test_a_short_stratum_is_filled_by_the_other(corpus: Path) -> None:
    sheet = sample(corpus, n=16, lexicon=LEXICON, seed=1)
    assert len(sheet) == 16 and sheet["text"].map(_has_hit).sum() == N_HITS
    design = sheet.attrs["design"]
    assert sum(s["sampled"] for s in design["strata"] if s["has_hit"]) == N_HITS
    # 15 body sentences and the two titles of 4 words or more
    assert sum(s["population"] for s in design["strata"]) == 17
    # the draw stratum of each item is recorded: the weights do not depend on a later
    # version of the lexicon (was: recomputed with the lexicon of the day)
    hits = set(sheet.loc[sheet["text"].map(_has_hit), "item_id"])
    assert design["hit_items"] == sorted(hits) and len(hits) == N_HITS
    assert design["lexicon_version"] == "1"


def test_sheet_file_is_utf8_with_bom_and_crlf(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheet.csv"
    write_sheet(sample(corpus, n=6, lexicon=LEXICON, seed=13), out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfitem_id,doc_id,sent_id,source,text,economie,"
                           b"securite,comment\r\n")
    assert "é".encode() in data
    design = json.loads((tmp_path / "sheet.sampling.json").read_text(encoding="utf-8"))
    assert design["n"] == 6 and design["seed"] == 13 and design["frames"] == FRAMES
    assert is_annotation_sheet(out)


def test_cells_that_look_like_formulas_are_written_as_text(tmp_path: Path) -> None:
    sheet = pd.DataFrame([["S0001", "d1", 2, "src", "- Nous refusons, dit-il.", "", "", ""]],
                         columns=[*SHEET_LEADING, *FRAMES, "comment"])
    out = write_sheet(sheet, tmp_path / "s.csv")
    assert b"S0001,d1,2,src,\" - Nous refusons, dit-il.\",,," in out.read_bytes()
    assert load_annotations(out)["text"].iloc[0] == "- Nous refusons, dit-il."


def test_cli_sample_writes_the_same_sheet_twice(corpus: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    args = ["sample", str(corpus), "--n", "6", "--lexicon", str(LEXICON), "--seed", "5"]
    assert main([*args, "--out", str(tmp_path / "a.csv")]) == 0
    assert main([*args, "--out", str(tmp_path / "b.csv")]) == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert "6 sentences (3 with a lexicon hit, 3 without)" in capsys.readouterr().out
    assert main([*args, "--out", str(tmp_path / "c.csv"), "--sep", ";",
                 "--frames", "economie,autre"]) == 0
    assert load_annotations(tmp_path / "c.csv").attrs["frames"] == ["economie", "autre"]


def test_cli_sample_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", str(tmp_path / "none"), "--out", str(tmp_path / "s.csv")]) == 1
    assert capsys.readouterr().err.startswith("framing.annotate: error:")
    with pytest.raises(SystemExit) as exc:
        main(["sample"])
    assert exc.value.code == 2


def test_cli_sample_never_draws_over_a_sheet_being_coded(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a coder's filled-in sheet was replaced without a word (a bad-input review)
    args = ["sample", str(corpus), "--n", "6", "--lexicon", str(LEXICON), "--out"]
    sheet = tmp_path / "codeur_a.csv"
    assert main([*args, str(sheet)]) == 0
    assert main([*args, str(sheet), "--seed", "7"]) == 0  # not coded yet: drawn again
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3][: -len(",,")] + "1,,"  # a mark in the first frame … of row 3
    coded = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
    sheet.write_bytes(coded)
    capsys.readouterr()
    assert main([*args, str(sheet)]) == 1
    assert capsys.readouterr().err == (
        f"framing.annotate: error: {sheet}:4: this annotation sheet has marks or comments "
        "already; a new sample would replace them. Choose another --out, or move the sheet "
        "away\n")
    assert sheet.read_bytes() == coded


def _no_space(src: Any, dst: Any) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--seed", "-1", "argument --seed: must be a whole number >= 0, not -1"),
    # was: exit 1 after reading the corpus ("--n must be a positive whole number")
    ("--n", "0", "argument --n: must be a whole number >= 1, not 0"),
    ("--min-words", "cinq", "argument --min-words: must be a whole number >= 0, not 'cinq'"),
    ("--sep", '"', "argument --sep: must be ',', ';' or 'tab' (the separators a sheet is read "
                   "back with), not '\"'"),
    ("--sep", "\n", "argument --sep: must be ',', ';' or 'tab' (the separators a sheet is read "
                    "back with), not '\\n'"),
    ("--sep", "|", "argument --sep: must be ',', ';' or 'tab' (the separators a sheet is read "
                   "back with), not '|'"),
])
def test_cli_sample_refuses_bad_seeds_and_separators_at_parsing(
        corpus: Path, tmp_path: Path, option: str, value: str, message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.csv"
    with pytest.raises(SystemExit) as exc:
        main(["sample", str(corpus), "--out", str(out), option, value])
    assert exc.value.code == 2
    assert capsys.readouterr().err == f"framing.annotate: error: {message} (see --help)\n"
    assert not out.exists()


def test_cli_sample_lists_the_files_it_could_not_read(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # was: a PDF named .txt and an empty file left out without a word, exit 0
    folder = tmp_path / "presse"
    folder.mkdir()
    for i, text in enumerate(pd.read_csv(corpus)["text"]):
        (folder / f"a{i:02d}.txt").write_text(f"Titre\n\n{text}", encoding="utf-8")
    (folder / "scan.txt").write_bytes(b"%PDF-1.4 scanned")
    (folder / "vide.txt").write_bytes(b"")
    assert main(["sample", str(folder), "--n", "4", "--out", str(tmp_path / "s.csv")]) == 3
    assert capsys.readouterr().err == ("framing.annotate: skipped scan.txt: this is a PDF file, "
                                       "not text\nframing.annotate: skipped vide.txt: empty "
                                       "file (no text)\n")
    assert len(load_annotations(tmp_path / "s.csv")) > 0


def test_a_sheet_written_with_tabs_is_read_back(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.tsv"
    assert main(["sample", str(corpus), "--n", "4", "--lexicon", str(LEXICON), "--out",
                 str(out), "--sep", "tab"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfitem_id\tdoc_id\t")
    assert len(load_annotations(out)) == 4 * 2  # items x frames
    with pytest.raises(InputError) as exc:
        write_sheet(sample(corpus, n=2, lexicon=LEXICON), tmp_path / "p.csv", sep="|")
    assert str(exc.value) == "the separator must be ',', ';' or a tab, not '|'"


@pytest.mark.parametrize("failing", ["sheet.csv", "sheet.sampling.json"])
def test_write_sheet_is_atomic(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               failing: str) -> None:
    out, design = tmp_path / "sheet.csv", tmp_path / "sheet.sampling.json"
    out.write_text("previous sheet\n", encoding="utf-8")
    design.write_text("{}\n", encoding="utf-8")
    sheet = sample(corpus, n=6, lexicon=LEXICON, seed=13)
    replace = os.replace

    def fail_on(src: Any, dst: Any) -> None:  # the last step of an atomic write
        if Path(dst).name == failing:
            _no_space(src, dst)
        replace(src, dst)

    monkeypatch.setattr("os.replace", fail_on)
    with pytest.raises(InputError) as exc:
        write_sheet(sheet, out)
    assert str(exc.value) == f"{tmp_path / failing}: cannot be written (No space left on device)"
    assert design.read_text(encoding="utf-8") == "{}\n"
    written = out.read_bytes()
    if failing == "sheet.csv":
        assert written == b"previous sheet\n"
    else:  # the sheet was complete before the design file failed
        assert written.startswith(b"\xef\xbb\xbfitem_id,") and written.count(b"\r\n") == 7
    assert sorted(f.name for f in tmp_path.iterdir()) == ["corpus.csv", "sheet.csv",
                                                          "sheet.sampling.json"]


def test_cli_outputs_that_are_folders_are_one_line(corpus: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    sheet = write(tmp_path / "alice.csv", [{"economie": "1"}])
    assert main(["sample", str(corpus), "--n", "6", "--lexicon", str(LEXICON),
                 "--out", str(folder)]) == 1
    assert capsys.readouterr().err == (f"framing.annotate: error: {folder}: this is a folder, "
                                       "not a file; give a file name\n")
    assert main(["gold", str(sheet), "--out", str(folder)]) == 1
    assert capsys.readouterr().err == (f"framing.annotate: error: {folder}: this is a folder, "
                                       "not a file; give a file name\n")
    a_file = tmp_path / "taken"
    a_file.write_text("x", encoding="utf-8")
    assert main(["gold", str(sheet), "--out", str(a_file / "gold.csv")]) == 1
    assert capsys.readouterr().err == (f"framing.annotate: error: {a_file / 'gold.csv'}: {a_file} "
                                       "is a file, not a folder; give another path\n")
    assert list(folder.iterdir()) == [] and a_file.read_text(encoding="utf-8") == "x"


def test_cli_sample_and_gold_never_overwrite_an_input(corpus: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    sheet = write(tmp_path / "s1c.csv", [{"economie": "1"}, {}])
    lexicon = tmp_path / "lexique.yaml"
    lexicon.write_bytes(LEXICON.read_bytes())
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Titre\n\nLes prix de l'énergie augmentent encore.",
                                  encoding="utf-8")
    before = {p: p.read_bytes() for p in (corpus, sheet, lexicon, folder / "a.txt")}
    error = "framing.annotate: error: "
    never = "inputs are never overwritten, choose another --out\n"
    assert main(["gold", str(sheet), "--out", str(sheet)]) == 1
    assert capsys.readouterr().err == f"{error}{sheet}: this is the input file {sheet}; {never}"
    sample_args = ["sample", "--n", "6", "--lexicon", str(lexicon)]
    assert main([*sample_args, str(corpus), "--out", str(corpus)]) == 1
    assert capsys.readouterr().err == f"{error}{corpus}: this is the input file {corpus}; {never}"
    assert main([*sample_args, str(corpus), "--out", str(lexicon)]) == 1
    assert capsys.readouterr().err == f"{error}{lexicon}: this is the input file {lexicon}; {never}"
    inside = folder / "sheet.csv"
    assert main([*sample_args, str(folder), "--out", str(inside)]) == 1
    assert capsys.readouterr().err == (f"{error}{inside}: this is inside the input folder "
                                       f"{folder}; inputs are never written to, choose another "
                                       "--out\n")
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["articles", "corpus.csv",
                                                          "lexique.yaml", "s1c.csv"]
    assert [f.name for f in folder.iterdir()] == ["a.txt"]

# ---------------------------------------------------------------------------
# reading sheets and agreement


def write(path: Path, marks: list[dict[str, str]], *, sep: str = ",") -> Path:
    """A filled-in sheet: one row per item, with the given frame cells."""
    lines = [sep.join([*SHEET_LEADING, *FRAMES, "comment"])]
    for i, m in enumerate(marks, start=1):
        lines.append(sep.join([f"S{i:04d}", f"d{i}", "1", "src", f"phrase {i}",
                               m.get("economie", ""), m.get("securite", ""), m.get("c", "")]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


A_ECO = [1, 1, 0, 0, 1, 0, 1, 0, 0, 0]
B_ECO = [1, 0, 0, 0, 1, 0, 1, 1, 0, 0]


@pytest.fixture
def two_sheets(tmp_path: Path) -> list[Path]:
    a = write(tmp_path / "alice.csv", [{"economie": "1" if v else "", "securite": "x" if i < 3
                                        else ""} for i, v in enumerate(A_ECO)])
    b = write(tmp_path / "bruno.csv", [{"economie": "1" if v else "0", "securite": "oui" if i < 2
                                        else ""} for i, v in enumerate(B_ECO)], sep=";")
    return [a, b]


def test_load_annotations_is_tidy(two_sheets: list[Path]) -> None:
    ann = load_annotations(two_sheets)
    assert list(ann.columns) == ["annotator", "item_id", "doc_id", "sent_id", "source", "text",
                                 "frame", "value", "comment"]
    assert len(ann) == 2 * 10 * 2 and ann.attrs["frames"] == FRAMES
    alice = ann[(ann["annotator"] == "alice") & (ann["frame"] == "economie")]
    assert alice["value"].tolist() == A_ECO


def test_a_folder_given_as_a_sheet_is_named_a_folder(two_sheets: list[Path]) -> None:
    folder = two_sheets[0].parent  # was: "no such annotation sheet"
    with pytest.raises(InputError) as err:
        load_annotations([folder, two_sheets[1]])
    assert str(err.value) == f"{folder}: is a folder; give an annotation sheet (a .csv file)"


def test_agreement_needs_two_annotators_coding_the_same_sentences(
        two_sheets: list[Path], tmp_path: Path) -> None:
    # were all accepted: a table of dashes, or kappa 1.000 for a sheet against itself
    alice, bruno = two_sheets
    other = tmp_path / "chloe.csv"  # a sheet of other sentences
    other.write_text(",".join([*SHEET_LEADING, *FRAMES, "comment"]) + "\n"
                     "T0001,autre,1,src,une autre phrase,1,,\n", encoding="utf-8")
    messages = []
    for sheets in ([alice], [alice, alice], [alice, other]):
        with pytest.raises(InputError) as err:
            agreement(sheets)
        messages.append(str(err.value))
    assert messages == [
        "1 annotator; agreement needs the sheets of two annotators or more, coding the same "
        "sentences",
        f"{alice}: the same sheet as {alice}; give each annotator's sheet once",
        "the sheets have no coded sentence in common (item_id); give sheets drawn from the "
        "same sample",
    ]
    assert len(agreement([alice, bruno]).kappa) == 3  # two frames and (all frames), one pair


def test_cohen_kappa_by_hand_and_against_sklearn() -> None:
    # p_o = 8/10; p_e = 0.4*0.4 + 0.6*0.6 = 0.52; κ = 0.28 / 0.48
    assert cohen_kappa(A_ECO, B_ECO) == pytest.approx(0.28 / 0.48)
    from sklearn.metrics import cohen_kappa_score

    rng = np.random.default_rng(3)
    for _ in range(5):
        a = rng.integers(0, 3, 40).tolist()
        b = [x if rng.random() < 0.7 else int(rng.integers(0, 3)) for x in a]
        assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    assert math.isnan(cohen_kappa([0, 0, 0], [0, 0, 0]))


ALPHA_EXAMPLE = [  # Krippendorff (2011), nominal example: 4 coders x 12 units, α = 0.743
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_krippendorff_alpha_by_hand() -> None:
    # units (1,1), (0,0), (1,0), (0,0): n_0 = 5, n_1 = 3, D_o pairs 2 -> 1 - 7*2/30
    assert krippendorff_alpha([[1, 1], [0, 0], [1, 0], [0, 0]]) == pytest.approx(1 - 14 / 30)
    units = list(zip(*ALPHA_EXAMPLE, strict=True))
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=5e-4)
    assert math.isnan(krippendorff_alpha([[1, 1], [1, 1]]))  # no variation
    assert math.isnan(krippendorff_alpha([[1], [0]]))  # nothing pairable


def test_krippendorff_alpha_matches_the_krippendorff_package() -> None:
    kd = pytest.importorskip("krippendorff")
    rng = np.random.default_rng(0)
    data = rng.integers(0, 3, (3, 25)).astype(float)
    data[rng.random((3, 25)) < 0.2] = np.nan
    ours = krippendorff_alpha([[None if np.isnan(v) else v for v in col] for col in data.T])
    theirs = kd.alpha(reliability_data=data, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs)
    rows = [[np.nan if v is None else v for v in r] for r in ALPHA_EXAMPLE]
    assert krippendorff_alpha(list(zip(*ALPHA_EXAMPLE, strict=True))) == pytest.approx(
        kd.alpha(reliability_data=rows, level_of_measurement="nominal"))


def test_agreement_tables_with_counts(two_sheets: list[Path]) -> None:
    ag = agreement(load_annotations(two_sheets))
    k = ag.kappa.set_index("frame")
    eco = k.loc["economie"]
    assert (eco["annotator_a"], eco["annotator_b"], eco["n_items"]) == ("alice", "bruno", 10)
    assert (eco["positives_a"], eco["positives_b"]) == (4, 4)
    assert eco["observed_agreement"] == pytest.approx(0.8)
    assert eco["kappa"] == pytest.approx(0.28 / 0.48)
    # securite: alice 3 positives, bruno 2 -> p_o 0.9, p_e 0.3*0.2 + 0.7*0.8 = 0.62
    assert k.loc["securite", "kappa"] == pytest.approx((0.9 - 0.62) / 0.38)
    assert k.loc[ALL_FRAMES, "n_items"] == 20
    a = ag.alpha.set_index("frame")
    assert a.loc["economie", "n_items"] == 10 and a.loc["economie", "n_ratings"] == 20
    assert a.loc["economie", "positives"] == 8
    assert a.loc["economie", "alpha"] == pytest.approx(krippendorff_alpha(
        list(zip(A_ECO, B_ECO, strict=True))))
    c = ag.counts.set_index(["frame", "annotator"])
    assert c.loc[("securite", "alice"), "positives"] == 3
    assert c.loc[("securite", "bruno"), "n_items"] == 10


def test_cli_agreement_json(two_sheets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agreement", *map(str, two_sheets), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"kappa", "alpha", "counts"} <= set(out)
    assert main(["agreement", *map(str, two_sheets)]) == 0
    text = capsys.readouterr().out
    assert "Cohen's kappa" in text and "Krippendorff's alpha" in text


def test_blank_rows_as_missing(tmp_path: Path) -> None:
    a = write(tmp_path / "a.csv", [{"economie": "1"}, {}, {"securite": "1"}])
    b = write(tmp_path / "b.csv", [{"economie": "1"}, {"economie": "1"}, {"c": "doute"}])
    ann = load_annotations([a, b], blank="missing")
    assert ann["value"].isna().sum() == 2  # a's untouched row 2 (two frames)
    ag = agreement(ann)
    assert ag.kappa.set_index("frame").loc["economie", "n_items"] == 2


def test_sheet_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", [{"economie": "1"}, {"economie": "2"}])
    with pytest.raises(InputError, match=r"bad.csv:3: column 'economie': '2' is not a frame"):
        load_annotations(bad)
    other = tmp_path / "other.csv"
    other.write_text("item_id,doc_id,sent_id,source,text,politique,comment\nS0001,d1,1,s,t,,\n",
                     encoding="utf-8")
    with pytest.raises(InputError, match="frame columns"):
        load_annotations([write(tmp_path / "ok.csv", [{}]), other])
    plain = tmp_path / "plain.csv"
    plain.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an annotation sheet"):
        load_annotations(plain)
    assert not is_annotation_sheet(plain)


@pytest.mark.parametrize(("frames", "twice"), [
    ("economie,economie", "'economie' twice (columns 6 and 7)"),
    ("economie,Text", "'text' and 'Text' twice (columns 5 and 7)"),
])
def test_a_sheet_naming_a_frame_twice_is_refused(tmp_path: Path, frames: str, twice: str) -> None:
    sheet = tmp_path / "dup.csv"
    sheet.write_text(f"item_id,doc_id,sent_id,source,text,{frames},comment\n"
                     "S0001,d1,1,s,t,1,1,\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_annotations(sheet)
    assert str(exc.value) == f"{sheet}:1: the header has {twice}; give each column its own name"


@pytest.fixture
def default_csv_field_limit() -> Any:
    """The csv module's default 128 KB cell limit, whatever earlier tests raised it to."""
    old = csv.field_size_limit(128 * 1024)
    yield
    csv.field_size_limit(old)


def test_a_sheet_with_a_cell_over_128_kb_is_read(tmp_path: Path,
                                                 default_csv_field_limit: None) -> None:
    sheet = write(tmp_path / "long.csv", [{"economie": "1", "c": "très long " * 20_000}])
    assert is_annotation_sheet(sheet)
    ann = load_annotations(sheet)
    assert ann["comment"].iloc[0] == "très long " * 19_999 + "très long"
    assert list(ann["value"]) == [1, 0]


# ---------------------------------------------------------------------------
# gold labels


def test_gold_rules(tmp_path: Path) -> None:
    sheets = [
        write(tmp_path / "a.csv", [{"economie": "1", "securite": "1"}, {"economie": "1"}]),
        write(tmp_path / "b.csv", [{"economie": "1"}, {}]),
        write(tmp_path / "c.csv", [{"economie": "1"}, {"securite": "1"}]),
    ]
    ann = load_annotations(sheets)
    gold = {r: gold_from_annotations(ann, rule=r)["labels"].tolist()
            for r in ("majority", "union", "unanimous")}
    assert gold["majority"] == [["economie"], []]
    assert gold["union"] == [["economie", "securite"], ["economie", "securite"]]
    assert gold["unanimous"] == [["economie"], []]
    with pytest.raises(InputError, match="rule"):
        gold_from_annotations(ann, rule="vote")


def test_gold_csv_trains_the_classifier_at_sentence_level(
    two_sheets: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from framing.classify import read_table_data

    out = tmp_path / "gold.csv"
    assert main(["gold", *map(str, two_sheets), "--out", str(out), "--rule", "union"]) == 0
    data = read_table_data(out)
    assert len(data) == 10 and data.sent_ids == ("1",) * 10
    assert data.labels is not None and data.labels[0] == ("economie", "securite")
    direct = read_table_data(two_sheets[0])  # one sheet read as gold directly
    assert direct.format == "sheet" and direct.labels is not None
    assert direct.labels[:3] == (("economie", "securite"), ("economie", "securite"), ("securite",))


def test_cli_gold_is_written_atomically(two_sheets: list[Path], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "gold.csv"
    out.write_text("previous gold\n", encoding="utf-8")
    monkeypatch.setattr("os.replace", _no_space)
    assert main(["gold", *map(str, two_sheets), "--out", str(out)]) == 1
    assert capsys.readouterr().err == (f"framing.annotate: error: {out}: cannot be written (No "
                                       "space left on device)\n")
    assert out.read_text(encoding="utf-8") == "previous gold\n"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["alice.csv", "bruno.csv", "gold.csv"]


def test_an_unclosed_quote_in_a_sheet_names_the_line_where_its_row_starts(tmp_path: Path) -> None:
    # was: "not a readable table" at the last line of the file, or rows silently merged
    sheet = tmp_path / "codeur_a.csv"
    sheet.write_text("item_id,doc_id,sent_id,source,text,economie,comment\n"
                     'S0001,d1,1,AFP,"Un contrepoids à l\'hégémonie.,1,\n'
                     "S0002,d1,2,AFP,Une coopération.,0,\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_annotations(sheet)
    assert str(exc.value) == (
        f"{sheet}:2: quotes do not pair up in the row starting here (unexpected end of data), "
        "so lines 2-3 could not be read; close each quoted cell, and write a quote inside a "
        'quoted cell twice ("")')
