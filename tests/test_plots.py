"""textplot_* functions draw on Axes and return them; nothing is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from framing.plots import (
    group_label,
    textplot_cooccurrence,
    textplot_keyness,
    textplot_over_time,
    textplot_prevalence,
    textplot_sentiment,
)
from framing.stats import (
    textstat_cooccurrence,
    textstat_keyness,
    textstat_over_time,
    textstat_prevalence,
    textstat_sentiment,
)

DOCS = pd.DataFrame(
    {"doc_id": ["a", "b", "c"], "source": ["Agence", "Courrier", "Agence"],
     "date": ["2024-07-03", "2024-10-22", "2024-10-23"], "n_tokens": [100, 120, 80],
     "sentiment": [0.4, -0.3, 0.2]}
)
HITS = pd.DataFrame(
    {"doc_id": ["a", "a", "b", "c"], "sent_id": [0, 1, 0, 2],
     "frame": ["contrepoids", "partenariat", "bloc", "contrepoids"],
     "negated": [False, False, False, True], "voice": ["narrator"] * 4}
)


def new_ax() -> Axes:
    return Figure().subplots()


def test_prevalence_plot_has_one_series_per_group_and_frame_labels() -> None:
    ax = textplot_prevalence(textstat_prevalence(HITS, DOCS), ax=new_ax(),
                             labels={"contrepoids": "Contrepoids"}, lang="en")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["bloc", "Contrepoids", "partenariat"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Agence", "Courrier"]
    assert ax.get_xlabel().startswith("Share of documents")


@pytest.mark.parametrize(("lang", "none"), [
    ("fr", "(non renseigné)"),  # was "(none)", the identifier, in the French figures
    ("en", "(none)"),  # guard: the English name is the identifier
])
def test_documents_without_a_group_are_named_in_the_figure_language(lang: str,
                                                                     none: str) -> None:
    docs = DOCS.assign(source=["Agence", "", "Agence"])
    prev = textstat_prevalence(HITS, docs, by="source")
    assert set(prev["group"]) == {"(none)", "Agence"}  # the table keeps the identifier
    ax = textplot_prevalence(prev, ax=new_ax(), lang=lang)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [none, "Agence"]
    ax = textplot_sentiment(textstat_sentiment(docs, docs, by="source"), ax=new_ax(), lang=lang)
    assert [t.get_text() for t in ax.get_yticklabels()] == [none, "Agence"]
    k = textstat_keyness({"(none)": {"multipolaire": 9}, "Agence": {"sommet": 8}}, "(none)",
                         min_freq=2)
    assert textplot_keyness(k, ax=new_ax(), lang=lang).get_title() == none
    assert (group_label("(none)", lang), group_label("Agence", lang)) == (none, "Agence")
    # the one group of an ungrouped corpus: "all" in the French figures too, was; a
    # group really named "all" keeps its name (a code review)
    assert group_label("(all)", lang) == {"fr": "ensemble", "en": "all"}[lang]
    assert group_label("all", lang) == "all"
    # a crossed group with a value missing names it in the figure's language too
    assert group_label("Agence / (none)", lang) == f"Agence / {none}"


def _tick_texts(axis: Any) -> list[str]:
    """The tick labels of an ``XAxis``/``YAxis`` as drawn (the figure laid out first)."""
    axis.axes.figure.draw_without_rendering()
    return [t.get_text() for t in axis.get_ticklabels()]


@pytest.mark.parametrize(("plot", "tick_fr"), [
    # was "0.0", "−0.50"... under French axis labels. The ticks themselves are
    # matplotlib's choice (they may change with its version): the French ones must be
    # the English ones with a decimal comma, and hold the tick named here
    (lambda lang: textplot_prevalence(textstat_prevalence(HITS, DOCS), ax=new_ax(),
                                      lang=lang).xaxis, "0,2"),
    (lambda lang: textplot_sentiment(textstat_sentiment(DOCS, DOCS), ax=new_ax(),
                                     lang=lang).xaxis, "−0,50"),
    (lambda lang: textplot_over_time(textstat_over_time(HITS, DOCS), ax=new_ax(),
                                     lang=lang).yaxis, "0,2"),
    # the colour bar of the heatmap (the figure's second Axes)
    (lambda lang: textplot_cooccurrence(textstat_cooccurrence(HITS), ax=new_ax(),
                                        lang=lang).figure.axes[1].yaxis, "0,4"),
])
def test_french_figures_write_a_decimal_comma(plot: Callable[[str], Any], tick_fr: str) -> None:
    fr, en = _tick_texts(plot("fr")), _tick_texts(plot("en"))
    assert tick_fr in fr and tick_fr.replace(",", ".") in en
    assert fr == [t.replace(".", ",") for t in en]
    assert not any("." in t for t in fr)


def test_cooccurrence_heatmap_writes_counts() -> None:
    ax = textplot_cooccurrence(textstat_cooccurrence(HITS), ax=new_ax())
    assert "1" in [t.get_text() for t in ax.texts]


def test_sentiment_plot_in_french() -> None:
    ax = textplot_sentiment(textstat_sentiment(DOCS, DOCS), ax=new_ax())
    assert ax.get_xlabel() == "Tonalité moyenne (IC 95 % bootstrap)"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Agence", "Courrier"]


def test_a_mean_without_interval_is_an_open_marker_without_error_bar() -> None:
    # too few documents for a bootstrap interval (stats.BOOTSTRAP_MIN_N): no bar at all,
    # where a zero-width bar used to look like a very precise mean
    tone = pd.DataFrame({"group": ["Agence", "Courrier"], "key": ["", ""], "mean": [0.3, -0.3],
                         "ci_low": [0.1, float("nan")], "ci_high": [0.45, float("nan")]})
    ax = textplot_sentiment(tone, ax=new_ax())
    assert [c.has_xerr for c in ax.containers] == [True, False]
    line = ax.containers[1].lines[0]
    assert (line.get_xdata()[0], line.get_markerfacecolor()) == (-0.3, "none")


def test_keyness_plot_shows_counts_in_labels() -> None:
    k = textstat_keyness({"A": {"multipolaire": 9, "sommet": 3}, "B": {"sommet": 4, "guerre": 8}}, "A", min_freq=2)
    ax = textplot_keyness(k, ax=new_ax())
    assert ax.get_yticklabels()[0].get_text() == "multipolaire (9/0)"


def test_over_time_plot_has_one_line_per_frame() -> None:
    ax = textplot_over_time(textstat_over_time(HITS, DOCS), ax=new_ax())
    # three frames, and the dotted mark of August and September (no document)
    assert [ln.get_linestyle() for ln in ax.get_lines()] == [":", "-", "-", "-"]


def test_over_time_plot_draws_wilson_bars_and_states_n() -> None:
    # was: a bare line, intervals ignored, a period of 3 documents drawn like one of 12
    over_time = pd.DataFrame({
        "by": ["month"] * 4, "group": ["2024-07", "2025-08", "2024-07", "2025-08"],
        "frame": ["contrepoids", "contrepoids", "bloc", "bloc"], "n_docs": [12, 3, 12, 3],
        "docs_with_frame": [10, 0, 1, 3], "prevalence": [10 / 12, 0.0, 1 / 12, 1.0],
        "ci_low": [0.552, 0.0, 0.015, 0.439], "ci_high": [0.953, 0.561, 0.354, 1.0],
    })
    ax = textplot_over_time(over_time, ax=new_ax(), labels={"contrepoids": "Contrepoids"})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024-07\n(n = 12)",
                                                           "2025-08\n(n = 3)"]
    assert ax.get_ylabel() == "Part des documents (IC 95 % de Wilson)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["bloc", "Contrepoids"]
    # two frame lines, and the dotted mark of the eleven months between the periods
    assert len(ax.get_lines()) == 3 and len(ax.containers) == 2
    # frames sorted: bloc first, nudged left; contrepoids second, nudged right
    bloc, contrepoids = (c.lines[2][0].get_segments() for c in ax.containers)
    assert [y for s in contrepoids for y in s[:, 1]] == pytest.approx([0.552, 0.953, 0.0, 0.561])
    assert [y for s in bloc for y in s[:, 1]] == pytest.approx([0.015, 0.354, 0.439, 1.0])
    assert bloc[0][0][0] < 0 < contrepoids[0][0][0]


def test_over_time_plot_breaks_its_lines_where_periods_are_missing() -> None:
    # was: a line straight from October 2024 to August 2025, read as a trend
    over_time = pd.DataFrame({"group": ["2024-09", "2024-10", "2025-08"],
                              "frame": ["contrepoids"] * 3, "prevalence": [0.5, 0.75, 0.0]})
    ax = textplot_over_time(over_time, ax=new_ax())
    gap, line = ax.get_lines()  # the gap marks are drawn first, under the lines
    assert gap.get_linestyle() == ":" and list(gap.get_xdata()) == [1.5, 1.5]
    ys = list(line.get_ydata())
    assert ys[:2] == [0.5, 0.75] and np.isnan(ys[2]) and ys[3] == 0.0
    # consecutive weeks across a new year, and years, are not gaps
    weeks = pd.DataFrame({"group": ["2024-W52", "2025-W01"], "frame": ["bloc", "bloc"],
                          "prevalence": [0.2, 0.4]})
    assert len(textplot_over_time(weeks, ax=new_ax()).get_lines()) == 1


def test_over_time_plot_without_intervals_or_counts_draws_lines_only() -> None:
    bare = pd.DataFrame({"group": ["2024", "2025"], "frame": ["bloc", "bloc"],
                         "prevalence": [0.2, 0.5]})
    ax = textplot_over_time(bare, ax=new_ax(), lang="en")
    assert not ax.containers and len(ax.get_lines()) == 1
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024", "2025"]
    assert ax.get_ylabel() == "Share of documents"


def test_empty_inputs_give_an_empty_axes_not_a_crash() -> None:
    empty = pd.DataFrame(columns=["by", "group", "frame", "prevalence", "ci_low", "ci_high"])
    ax = textplot_prevalence(empty, ax=new_ax())
    assert ax.texts[0].get_text() == "Aucune donnée"


def test_a_plot_given_the_wrong_table_or_options_says_so() -> None:
    # was: KeyError 'group' (the hits table given to the prevalence plot), KeyError 'de',
    # AttributeError "'list' object has no attribute 'get'"
    prev = textstat_prevalence(HITS, DOCS)
    with pytest.raises(KeyError, match=r"the table \(textstat_prevalence\) has no column "
                                       r"'group', 'prevalence', 'ci_low', 'ci_high'"):
        textplot_prevalence(HITS, ax=new_ax())
    with pytest.raises(ValueError, match=r"^lang must be one of fr, en, not 'de'$"):
        textplot_prevalence(prev, ax=new_ax(), lang="de")
    with pytest.raises(ValueError, match=r"^lang must be one of fr, en, not 'de'$"):
        group_label("(none)", lang="de")
    with pytest.raises(TypeError, match=r"^labels must map frame ids to labels"):
        textplot_prevalence(prev, ax=new_ax(), labels=["a", "b"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^top must be a whole number >= 1, not -5$"):
        textplot_keyness(pd.DataFrame(), ax=new_ax(), top=-5)
    assert textplot_keyness(pd.DataFrame(), ax=new_ax()).texts[0].get_text() == "Aucune donnée"
