"""Statistics hand-checked against values computed by hand."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from framing.stats import (
    benjamini_hochberg,
    bootstrap_mean_ci,
    g2,
    holm,
    kappa_cluster_ci,
    kappa_with_se,
    log_ratio,
    negated_mask,
    newcombe_interval,
    period_of,
    textstat_association,
    textstat_cooccurrence,
    textstat_keyness,
    textstat_over_time,
    textstat_pairwise,
    textstat_prevalence,
    textstat_sentiment,
    textstat_voice,
    wilson_interval,
)


def test_wilson_interval_by_hand() -> None:
    # p = 0.3, z = 1.96: centre 0.355505, half-width 0.247719
    lo, hi = wilson_interval(3, 10)
    assert (round(lo, 4), round(hi, 4)) == (0.1078, 0.6032)


def test_wilson_interval_edges() -> None:
    assert wilson_interval(0, 5)[0] == 0.0
    assert round(wilson_interval(5, 5)[1], 6) == 1.0
    assert all(math.isnan(x) for x in wilson_interval(0, 0))


def test_g2_of_a_two_by_two_table_by_hand() -> None:
    # E1 = 6, E2 = 24: 2 * (10 ln(10/6) + 20 ln(20/24)) = 2 * (5.108256 - 3.646431)
    assert round(g2(10, 20, 1000, 4000), 5) == 2.92365


def test_log_ratio_by_hand_and_zero_smoothing() -> None:
    assert log_ratio(10, 20, 1000, 4000) == 1.0
    assert log_ratio(0, 4, 100, 100) == -3.0  # 0 → 0.5


def test_holm_step_down() -> None:
    assert [round(p, 6) for p in holm([0.01, 0.04, 0.03])] == [0.03, 0.06, 0.06]


def test_holm_leaves_a_missing_p_value_out_of_the_family() -> None:
    # was: the NaN sorted anywhere and pushed every later adjusted p to 1.0
    adjusted = holm([0.01, math.nan, 0.04])
    assert (round(adjusted[0], 6), math.isnan(adjusted[1]), round(adjusted[2], 6)) == (
        0.02, True, 0.04)


@pytest.mark.parametrize(("pvalues", "expected"), [
    # sorted 0.005, 0.01, 0.03, 0.04 (m = 4): p * 4 / rank = 0.02, 0.02, 0.04, 0.04
    ([0.01, 0.04, 0.03, 0.005], [0.02, 0.04, 0.04, 0.02]),
    # step-up: 0.04, 0.022, 0.0533, 0.045 → the running minimum from the top keeps the
    # order of the p-values (0.0533 → 0.045, 0.04 → 0.022)
    ([0.01, 0.011, 0.04, 0.045], [0.022, 0.022, 0.045, 0.045]),
    ([0.2, 1.0], [0.4, 1.0]),  # the largest p-value stays itself
    # a NaN (no test) stays NaN and is not counted: m = 2, as holm has it
    ([0.01, math.nan, 0.04], [0.02, None, 0.04]),
    ([math.nan], [None]),
    ([], []),
])
def test_benjamini_hochberg_by_hand(pvalues: list[float], expected: list[float | None]) -> None:
    q = benjamini_hochberg(pvalues)
    assert [None if math.isnan(x) else round(float(x), 6) for x in q] == expected


@pytest.mark.parametrize("bad", [[0.2, 1.5], [-0.01, 0.3]])
def test_benjamini_hochberg_refuses_what_is_no_p_value(bad: list[float]) -> None:
    # was: passed through (a negative p gave a negative q)
    with pytest.raises(ValueError, match="between 0 and 1"):
        benjamini_hochberg(bad)


def test_wilson_refuses_more_successes_than_trials() -> None:
    # was: a math domain error from inside the square root
    with pytest.raises(ValueError, match=r"^k must be between 0 and n \(8\), not 9$"):
        wilson_interval(9, 8)


def test_newcombe_interval_reproduces_the_published_examples() -> None:
    # Newcombe (1998), Table II: 56/70 - 48/80 and 9/10 - 3/10, method 10
    assert [round(x, 4) for x in newcombe_interval(56, 70, 48, 80)] == [0.0524, 0.3339]
    assert [round(x, 4) for x in newcombe_interval(9, 10, 3, 10)] == [0.1705, 0.809]
    assert [round(x, 4) for x in newcombe_interval(0, 10, 0, 20)] == [-0.1611, 0.2775]
    assert all(math.isnan(x) for x in newcombe_interval(1, 4, 0, 0))


def test_bootstrap_is_seeded_and_contains_the_mean() -> None:
    values = [0.1, 0.4, -0.2, 0.3, 0.5, 0.0]
    mean, lo, hi = bootstrap_mean_ci(values)
    assert round(mean, 6) == 0.183333
    assert lo <= mean <= hi
    assert bootstrap_mean_ci(values) == (mean, lo, hi)


@pytest.mark.parametrize(
    ("period", "label"), [("day", "2024-07-03"), ("week", "2024-W27"), ("month", "2024-07"), ("year", "2024")]
)
def test_period_labels(period: str, label: str) -> None:
    assert period_of("2024-07-03", period) == label


def test_period_of_missing_date_is_empty() -> None:
    assert period_of("", "month") == ""
    assert period_of("hier", "month") == ""


@pytest.mark.parametrize("period", ["day", "week", "month", "year"])
def test_a_date_that_is_no_day_has_no_period(period: str) -> None:
    # was: "2024-13-45" counted in the month "2024-13", "2024-02-30" in the day "2024-02-30"
    assert [period_of(d, period) for d in ("2024-13-45", "2024-02-30", "2024-02-29")] == [
        "", "", {"day": "2024-02-29", "week": "2024-W09", "month": "2024-02", "year": "2024"}[
            period]]


@pytest.fixture
def docs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a1", "a2", "a3", "b1", "b2"],
            "source": ["Agence", "Agence", "Agence", "Courrier", "Courrier"],
            "date": ["2024-07-03", "2024-07-04", "2024-10-22", "2024-07-03", ""],
            "n_tokens": [100, 200, 100, 300, 100],
            "sentiment": [0.5, 0.3, 0.1, -0.4, -0.2],
        }
    )


@pytest.fixture
def hits() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a1", "a1", "a2", "b1", "b1", "b2"],
            "sent_id": [0, 0, 3, 1, 2, 0],
            "frame": ["contrepoids", "partenariat", "contrepoids", "contrepoids", "bloc", "bloc"],
            "negated": [False, False, False, True, False, False],
            "voice": ["narrator", "narrator", "quote", "narrator", "narrator", "quote"],
        }
    )


def test_prevalence_counts_documents_with_an_unnegated_hit(docs: pd.DataFrame, hits: pd.DataFrame) -> None:
    prev = textstat_prevalence(hits, docs, by="source")
    row = prev[(prev.group == "Agence") & (prev.frame == "contrepoids")].iloc[0]
    assert (row.n_docs, row.docs_with_frame, row.hits, row.negated_hits, row.n_tokens) == (3, 2, 2, 0, 400)
    assert row.per_1000_tokens == 5.0
    courrier = prev[(prev.group == "Courrier") & (prev.frame == "contrepoids")].iloc[0]
    assert (courrier.docs_with_frame, courrier.negated_hits, courrier.prevalence) == (0, 1, 0.0)
    assert list(prev.columns)[:3] == ["by", "group", "frame"]
    assert set(prev["by"]) == {"source"}


def test_one_frame_named_alone_is_one_frame_not_its_letters(
        docs: pd.DataFrame, hits: pd.DataFrame) -> None:
    prev = textstat_prevalence(hits, docs, frames="contrepoids")
    assert prev[["group", "frame", "docs_with_frame"]].values.tolist() == [
        ["Agence", "contrepoids", 2], ["Courrier", "contrepoids", 0]]
    over = textstat_over_time(hits, docs, period="year", frames="bloc")
    assert over[["group", "frame", "docs_with_frame"]].values.tolist() == [["2024", "bloc", 1]]


def test_a_document_listed_twice_is_refused_not_counted_twice(
        docs: pd.DataFrame, hits: pd.DataFrame) -> None:
    # was: n_docs 6 and 4, every prevalence halved
    with pytest.raises(ValueError, match=r"has 5 repeated doc_id value\(s\) \(first: 'a1'\)"):
        textstat_prevalence(hits, pd.concat([docs, docs]))


@pytest.mark.parametrize(("call", "missing", "table"), [
    (lambda h, d: textstat_prevalence(h, d.drop(columns="n_tokens")), "'n_tokens'",
     "documents table"),
    (lambda h, d: textstat_prevalence(h.drop(columns="negated"), d), "'negated'", "hits table"),
    (lambda h, d: textstat_voice(h.drop(columns="voice"), d), "'voice'", "hits table"),
    (lambda h, d: textstat_over_time(h, d.drop(columns="date")), "'date'", "documents table"),
    (lambda h, d: textstat_sentiment(d, d, value="tone"), "'tone'", "scores table"),
    (lambda h, d: textstat_cooccurrence(h.drop(columns="sent_id"), level="sentence"),
     "'sent_id'", "hits table"),
    (lambda h, d: textstat_association(h), "'group', 'n_docs', 'docs_with_frame'",
     "prevalence table"),
    (lambda h, d: textstat_pairwise(h), "'group', 'n_docs', 'docs_with_frame'",
     "prevalence table"),
])
def test_a_table_without_a_column_it_needs_names_it(
        docs: pd.DataFrame, hits: pd.DataFrame, call: Any, missing: str, table: str) -> None:
    # was: pandas' bare KeyError ('n_tokens', "['frame'] not in index", …)
    with pytest.raises(KeyError, match=f"the {table} .*has no column {missing} "
                                       r"\(its columns: "):
        call(hits, docs)


def test_by_several_columns_and_an_unknown_period_are_refused_up_front(
        docs: pd.DataFrame, hits: pd.DataFrame) -> None:
    with pytest.raises(TypeError, match="by= takes one column name, not list"):
        textstat_prevalence(hits, docs, by=["source", "date"])
    with pytest.raises(ValueError, match="unknown period 'quarter'"):
        textstat_over_time(hits, docs.assign(date=""), period="quarter")


def test_association_chi2_and_cramers_v_by_hand() -> None:
    prev = pd.DataFrame(
        {"group": ["A", "B"], "frame": ["f", "f"], "n_docs": [10, 10], "docs_with_frame": [8, 2]}
    )
    row = textstat_association(prev).iloc[0]
    # chi2 = 20 * (64 - 4)^2 / 10^4 = 7.2; V = sqrt(7.2 / 20) = 0.6
    assert round(row.chi2, 6) == 7.2
    assert round(row.cramers_v, 6) == 0.6
    assert row.counts == "A: 8/10; B: 2/10"
    assert row.min_expected == 5.0


def test_association_monte_carlo_p_is_the_exact_conditional_test_within_its_error() -> None:
    # two outlets, 7/8 and 1/8: every table with these margins enumerated, the exact
    # conditional χ² p-value is P(k <= 1 or k >= 7) = 0.0101 (Fisher's two-sided here);
    # the χ² approximation says 0.0027 (expected counts of 4)
    prev = pd.DataFrame({"group": ["A", "B"], "frame": ["f", "f"], "n_docs": [8, 8],
                         "docs_with_frame": [7, 1]})
    row = textstat_association(prev).iloc[0]
    assert (round(row.p_value, 4), row.min_expected) == (0.0027, 4.0)
    assert abs(row.p_monte_carlo - 0.0101) < 0.003  # 10,000 tables: SE about 0.001
    # a group without documents is left out of the table (was: an error from scipy)
    empty = pd.concat([prev, pd.DataFrame({"group": ["C"], "frame": ["f"], "n_docs": [0],
                                           "docs_with_frame": [0]})])
    again = textstat_association(empty).iloc[0]
    assert (again.dof, round(again.p_value, 4)) == (1, 0.0027)
    # expected counts of 5 and more: the χ² approximation holds, no Monte Carlo p
    big = prev.assign(n_docs=[10, 10], docs_with_frame=[8, 2])
    assert pd.isna(textstat_association(big).iloc[0].p_monte_carlo)


def test_association_gives_no_monte_carlo_p_beyond_200_groups() -> None:
    # was: 10,000 x G counts at once, 43 s and 1 GB for 3,000 authors x 9 frames; the
    # tables of more than 200 groups (2 documents each here: expected counts of 0.5)
    # get no Monte Carlo p
    many = pd.DataFrame({"group": [f"auteur {i}" for i in range(300)], "frame": "f",
                         "n_docs": 2, "docs_with_frame": [i % 2 for i in range(300)]})
    row = textstat_association(many).iloc[0]
    assert row.min_expected == 0.5 and pd.isna(row.p_monte_carlo)  # beyond 200 groups


def test_pairwise_fisher_with_holm() -> None:
    prev = pd.DataFrame(
        {"group": ["A", "B", "C"], "frame": ["f"] * 3, "n_docs": [10, 10, 10], "docs_with_frame": [8, 2, 8]}
    )
    pw = textstat_pairwise(prev)
    assert list(zip(pw.group_a, pw.group_b, strict=True)) == [("A", "B"), ("A", "C"), ("B", "C")]
    ab = pw.iloc[0]
    assert round(ab.p_value, 4) == 0.0230  # Fisher exact, two-sided, [[8,2],[2,8]]
    assert round(ab.p_holm, 4) == 0.0690  # A–B and B–C tie at 0.0230: the first gets ×3
    assert pw.iloc[1].p_value == 1.0
    # the difference of the shares, with its Newcombe interval (was: no interval)
    assert (round(ab.difference, 2), round(ab.diff_low, 4), round(ab.diff_high, 4)) == (
        0.6, 0.1618, 0.8027)


def test_documents_without_a_source_are_described_but_not_tested() -> None:
    # was: "(none)", the documents without a source, was a third outlet in the χ² test
    # and the pairwise comparisons
    docs = pd.DataFrame({"doc_id": ["a1", "a2", "b1", "b2", "x1", "x2"],
                         "source": ["Agence", "Agence", "Courrier", "Courrier", "", None],
                         "n_tokens": [100] * 6})
    hits = pd.DataFrame({"doc_id": ["a1", "a2", "x1", "x2"], "sent_id": 0,
                         "frame": "contrepoids", "negated": False})
    prev = textstat_prevalence(hits, docs, by="source")
    assert list(zip(prev.group, prev.docs_with_frame, prev.n_docs, strict=True)) == [
        ("(none)", 2, 2), ("Agence", 2, 2), ("Courrier", 0, 2)]
    row = textstat_association(prev).iloc[0]
    assert (row.counts, row.n_groups, row.n_docs, round(row.chi2, 6)) == (
        "Agence: 2/2; Courrier: 0/2", 2, 4, 4.0)
    pw = textstat_pairwise(prev)
    assert list(zip(pw.group_a, pw.group_b, strict=True)) == [("Agence", "Courrier")]


def test_keyness_signs_counts_and_min_freq() -> None:
    counts = {
        "Agence": {"multipolaire": 10, "sommet": 5, "rare": 1},
        "Courrier": {"multipolaire": 1, "sommet": 5, "autocratie": 9},
    }
    k = textstat_keyness(counts, "Agence", min_freq=3)
    assert list(k.lemma) == ["multipolaire", "sommet", "autocratie"]
    top = k.iloc[0]
    assert (top.count_target, top.count_reference, top.total_target, top.total_reference) == (10, 1, 16, 15)
    assert round(top.g2, 3) == round(g2(10, 1, 16, 15), 3)
    assert k.iloc[-1].g2 < 0


def test_keyness_gives_benjamini_hochberg_q_values_over_every_lemma_tested() -> None:
    counts = {
        "Agence": {"multipolaire": 10, "sommet": 5, "rare": 1},
        "Courrier": {"multipolaire": 1, "sommet": 5, "autocratie": 9},
    }
    k = textstat_keyness(counts, "Agence", min_freq=3)
    assert list(k.columns)[-2:] == ["p_value", "p_fdr"]
    # p sorted: autocratie 0.000301 (× 3/1), multipolaire 0.004735 (× 3/2), sommet
    # 0.918728 (× 3/3)
    assert [(w, round(p, 6), round(q, 6)) for w, p, q in zip(k.lemma, k.p_value, k.p_fdr,
                                                             strict=True)] == [
        ("multipolaire", 0.004735, 0.007103), ("sommet", 0.918728, 0.918728),
        ("autocratie", 0.000301, 0.000902)]
    # top keeps the first rows, not a smaller family: q is still over the 3 lemmas
    assert round(textstat_keyness(counts, "Agence", min_freq=3, top=1).p_fdr.iloc[0],
                 6) == 0.007103
    # with "rare" (p 0.250091) tested too, m = 4: multipolaire 0.004735 × 4/2
    k4 = textstat_keyness(counts, "Agence", min_freq=1).set_index("lemma")
    assert (round(k4.p_fdr["multipolaire"], 6), round(k4.p_fdr["rare"], 6)) == (
        0.009471, 0.333454)


def test_keyness_never_calls_a_word_absent_from_a_side_more_frequent_there() -> None:
    # a small outlet that never writes "otan", against a large rest that does five
    # times: was G² +0.0995 and log ratio +3.32 (over-used) because of the 0.5 that
    # replaces the zero; and the reverse for a large outlet against a small rest
    small = {"Horizons": {"otan": 0, "sommet": 10_000},
             "reste": {"otan": 5, "sommet": 1_000_000}}
    row = textstat_keyness(small, "Horizons", min_freq=1).set_index("lemma").loc["otan"]
    assert (row.count_target, round(row.g2, 4), row.log_ratio) == (0, -0.0995, 0.0)
    large = {"Agence": {"otan": 40, "sommet": 1_000_000},
             "reste": {"otan": 0, "sommet": 10_005}}
    row = textstat_keyness(large, "Agence", min_freq=1).set_index("lemma").loc["otan"]
    assert (round(row.g2, 4), row.log_ratio) == (0.7964, 0.0)
    assert log_ratio(0, 5, 10_000, 1_000_000) == 0.0 and log_ratio(0, 4, 100, 100) == -3.0


@pytest.mark.parametrize(("option", "value", "low"), [
    ("top", -2, 0), ("min_freq", -1, 0), ("top", 2.5, 0)])
def test_keyness_sizes_are_whole_numbers(option: str, value: Any, low: int) -> None:
    # was: top=-2 dropped the last two rows, min_freq=-1 was taken as 0
    counts = {"Agence": {"multipolaire": 10}, "Courrier": {"autocratie": 9}}
    with pytest.raises(ValueError, match=rf"^{option} must be a whole number >= {low}, not "):
        textstat_keyness(counts, "Agence", **{option: value})


def test_cooccurrence_of_frames_in_documents_and_sentences(hits: pd.DataFrame) -> None:
    doc = textstat_cooccurrence(hits, level="document")
    pair = doc[(doc.frame_a == "contrepoids") & (doc.frame_b == "partenariat")].iloc[0]
    assert (pair.n_both, pair.n_a, pair.n_b, round(pair.jaccard, 3)) == (1, 2, 1, 0.5)
    sent = textstat_cooccurrence(hits, level="sentence")
    assert sent[(sent.frame_a == "bloc") & (sent.frame_b == "bloc")].n_both.iloc[0] == 2


def test_voice_split(docs: pd.DataFrame, hits: pd.DataFrame) -> None:
    v = textstat_voice(hits, docs, by="source")
    ag = v[(v.group == "Agence") & (v.frame == "contrepoids")]
    assert list(zip(ag.voice, ag.hits, ag.share, strict=True)) == [("narrator", 1, 0.5), ("quote", 1, 0.5)]


def test_sentiment_per_group_with_bootstrap(docs: pd.DataFrame) -> None:
    s = textstat_sentiment(docs, docs, by="source", min_n=3)
    ag = s[s.group == "Agence"].iloc[0]
    assert (ag.n_docs, round(ag["mean"], 6)) == (3, 0.3)
    assert ag.ci_low <= ag["mean"] <= ag.ci_high


def test_sentiment_interval_needs_five_documents(docs: pd.DataFrame) -> None:
    # was: one document gave the zero-width "interval" [0.50, 0.50], two their two values
    s = textstat_sentiment(docs, docs, by="source")
    assert s[["group", "n_docs"]].values.tolist() == [["Agence", 3], ["Courrier", 2]]
    assert [round(m, 6) for m in s["mean"]] == [0.3, -0.3]
    assert s["ci_low"].isna().all() and s["ci_high"].isna().all()
    one = textstat_sentiment(docs.iloc[:1], docs.iloc[:1], by="source").iloc[0]
    assert (one.n_docs, one["mean"]) == (1, 0.5) and pd.isna(one.ci_low) and pd.isna(one.ci_high)
    five = textstat_sentiment(docs, docs, by=None).iloc[0]  # 0.5, 0.3, 0.1, -0.4, -0.2
    assert (five.n_docs, round(five["mean"], 6)) == (5, 0.06)
    assert -0.4 < five.ci_low < five["mean"] < five.ci_high < 0.5
    with pytest.raises(ValueError, match="min_n must be a whole number >= 1, not 0"):
        textstat_sentiment(docs, docs, min_n=0)


def test_hits_of_documents_missing_from_the_table_are_left_out_with_a_warning(
        docs: pd.DataFrame, hits: pd.DataFrame) -> None:
    # was: counted in a "(none)" group (3 documents with the frame out of 1), or lost
    extra = pd.DataFrame({"doc_id": ["zz", "yy"], "sent_id": [0, 0],
                          "frame": ["contrepoids", "contrepoids"], "negated": [False, False],
                          "voice": ["narrator", "narrator"]})
    with pytest.warns(UserWarning, match=r"^2 hit\(s\) of 2 document\(s\) that are not in the "
                                         r"documents table \(e.g. 'zz'\) were left out"):
        prev = textstat_prevalence(pd.concat([hits, extra]), docs, by="source")
    assert set(prev.group) == {"Agence", "Courrier"}
    row = prev[(prev.group == "Agence") & (prev.frame == "contrepoids")].iloc[0]
    assert (row.n_docs, row.docs_with_frame, row.hits) == (3, 2, 2)
    # the voice split and the tone per group leave them out the same way (were: a
    # "(none)" group, merged with the documents that have no source)
    with pytest.warns(UserWarning, match=r"^2 hit\(s\) of 2 document\(s\)"):
        voice = textstat_voice(pd.concat([hits, extra]), docs, by="source")
    assert set(voice.group) == {"Agence", "Courrier"}
    scores = pd.DataFrame({"doc_id": ["a1", "zz"], "sentiment": [0.5, -0.9]})
    with pytest.warns(UserWarning, match=r"^1 score\(s\) of 1 document\(s\) .* \(e.g. 'zz'\)"):
        tone = textstat_sentiment(scores, docs, by="source")
    assert tone[["group", "n_docs", "mean"]].values.tolist() == [["Agence", 1, 0.5]]


def test_every_reader_of_a_negated_column_reads_it_the_same_way() -> None:
    # was: "yes" negated in frames.csv (matcher) but not in the statistics, 1.0 the reverse
    cells = pd.Series([True, "yes", 1.0, "1", " TRUE ", False, 0.0, "", float("nan"), "non"])
    assert negated_mask(cells).tolist() == [True] * 5 + [False] * 5


def test_a_negated_cell_read_as_a_float_is_still_negated(docs: pd.DataFrame,
                                                         hits: pd.DataFrame) -> None:
    # a 0/1 column with blanks comes back from CSV as 0.0 / 1.0: was counted un-negated
    as_floats = hits.assign(negated=[0.0, 0.0, 0.0, 1.0, 0.0, 0.0])
    prev = textstat_prevalence(as_floats, docs, by="source")
    row = prev[(prev.group == "Courrier") & (prev.frame == "contrepoids")].iloc[0]
    assert (row.docs_with_frame, row.hits, row.negated_hits) == (0, 0, 1)


def test_sentiment_of_sentences_is_averaged_per_document_first(docs: pd.DataFrame) -> None:
    # six sentences of one article are one document: was an "interval" of [0.22, 0.48]
    sentences = pd.DataFrame({"doc_id": ["a1"] * 6 + ["a2", "a3", "b1", "b2"],
                              "sentiment": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.3, 0.1, -0.4, -0.2]})
    s = textstat_sentiment(sentences, docs, by="source", min_n=2)
    ag = s[s.group == "Agence"].iloc[0]
    # a1's mean 0.35, a2 0.3, a3 0.1: the mean of the three documents
    assert (ag.n_docs, round(ag["mean"], 6)) == (3, 0.25)
    one = textstat_sentiment(sentences.iloc[:6], docs, by="source").iloc[0]
    assert one.n_docs == 1 and pd.isna(one.ci_low)


def test_over_time_uses_dated_documents_only(docs: pd.DataFrame, hits: pd.DataFrame) -> None:
    t = textstat_over_time(hits, docs, period="month")
    assert sorted(t.group.unique()) == ["2024-07", "2024-10"]
    jul = t[(t.group == "2024-07") & (t.frame == "contrepoids")].iloc[0]
    assert (jul.n_docs, jul.docs_with_frame) == (3, 2)
    # numeric ids on one side, text on the other: was 0 documents with the frame
    numeric = pd.DataFrame({"doc_id": [1, 2], "frame": ["bloc", "bloc"],
                            "negated": [False, False]})
    dated = pd.DataFrame({"doc_id": ["1", "2"], "date": ["2024-07-03", "2024-10-22"],
                          "n_tokens": [100, 100]})
    per = textstat_over_time(numeric, dated, period="month")
    assert per[["group", "docs_with_frame"]].values.tolist() == [["2024-07", 1], ["2024-10", 1]]


def test_every_textstat_handles_an_empty_corpus() -> None:
    docs = pd.DataFrame(columns=["doc_id", "source", "date", "n_tokens", "sentiment"])
    hits = pd.DataFrame(columns=["doc_id", "sent_id", "frame", "negated", "voice"])
    assert textstat_prevalence(hits, docs).empty
    assert textstat_association(textstat_prevalence(hits, docs)).empty
    assert textstat_pairwise(textstat_prevalence(hits, docs)).empty
    assert textstat_cooccurrence(hits).empty
    assert textstat_voice(hits, docs).empty
    assert textstat_sentiment(docs, docs).empty
    assert textstat_over_time(hits, docs).empty


def test_textstat_functions_accept_a_corpus_instead_of_a_documents_table(tmp_path) -> None:
    from framing.corpus import read_corpus

    (tmp_path / "a.txt").write_text("Titre\nLe bloc se veut un contrepoids.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,source\na.txt,Agence\n", encoding="utf-8")
    hits = pd.DataFrame({"doc_id": ["a.txt"], "sent_id": [1], "frame": ["cw"], "negated": [False]})
    prev = textstat_prevalence(hits, read_corpus(tmp_path), by="source")
    assert prev[["group", "docs_with_frame", "n_tokens"]].values.tolist() == [["Agence", 1, 7]]


def test_kappa_and_its_standard_error_by_hand() -> None:
    # po = 0.8, pa = pb = 0.5, pe = 0.5: kappa = 0.6; se = 0.08 (symmetric margins: the
    # Fleiss-Cohen-Everitt and the Cohen 1960 formulas agree)
    k, se = kappa_with_se(40, 10, 10, 40)
    assert (round(k, 6), round(se, 6)) == (0.6, 0.08)
    # unequal margins: FCE 1969 gives 0.0746 (was Cohen 1960's 0.0771)
    k, se = kappa_with_se(20, 5, 10, 200)
    assert (round(k, 4), round(se, 4)) == (0.6915, 0.0746)
    # neither method ever codes the frame: kappa is undefined (was 1.0 with no width)
    assert all(math.isnan(x) for x in kappa_with_se(5, 0, 0, 0))


def test_kappa_interval_resamples_documents_not_sentences() -> None:
    # 20 articles of 10 sentences: in 10 the two methods agree on every sentence
    # (3 coded by both, 7 by neither), in 10 they disagree on 3 (2 both, 1 lexicon
    # only, 2 classifier only, 5 neither). po = 0.85, pe = 0.3 x 0.35 + 0.7 x 0.65 = 0.56:
    # pooled kappa 0.29 / 0.44 = 0.6591 either way; the
    # asymptotic interval treats the 200 sentences as independent
    agree, split = (3, 0, 0, 7), (2, 1, 2, 5)
    tables = [agree] * 10 + [split] * 10
    pooled = [sum(col) for col in zip(*tables, strict=True)]
    k, se = kappa_with_se(*pooled)
    assert (pooled, round(k, 4)) == ([50, 10, 20, 120], 0.6591)
    lo, hi = kappa_cluster_ci(tables)
    assert lo < k < hi and (round(lo, 2), round(hi, 2)) == (0.53, 0.79)
    assert round(hi - lo, 2) == 0.26 and round(2 * 1.96 * se, 2) == 0.22  # wider
    assert kappa_cluster_ci(tables) == (lo, hi)  # seeded
    # the same sentences, each its own document: nearer the asymptotic interval
    one_each = [(1, 0, 0, 0)] * 50 + [(0, 1, 0, 0)] * 10 + [(0, 0, 1, 0)] * 20 + [
        (0, 0, 0, 1)] * 120
    lo1, hi1 = kappa_cluster_ci(one_each)
    assert abs((hi1 - lo1) - 2 * 1.96 * se) < 0.03
    # too few documents, or a frame neither method codes: no interval
    assert all(math.isnan(x) for x in kappa_cluster_ci(tables[:4]))
    assert all(math.isnan(x) for x in kappa_cluster_ci([(0, 0, 0, 9)] * 30))



@pytest.mark.parametrize(("group", "lacks"), [
    ("(none)", True), ("Agence / (none)", True), ("(none) / 2024-07", True),
    ("Agence / 2024-07", False), ("Agence", False), ("(all)", False),
])
def test_groups_lacking_a_value_are_told_apart(group: str, lacks: bool) -> None:
    # was: only "(none)" itself; crossed groups with a value missing were tested
    from framing.stats import lacks_value

    assert lacks_value(group) is lacks
