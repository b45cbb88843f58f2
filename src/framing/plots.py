"""``textplot_*``: matplotlib figures of the ``textstat_*`` tables.

Each function draws on the Axes it is given (or on a new one) and returns it; none
calls ``plt.show()`` or saves anything. Colours come from the Okabe–Ito palette
(Okabe & Ito 2008), which stays distinguishable for the common colour-vision
deficiencies; markers differ too, so figures also read in grey on a projector.
Axis labels follow ``lang`` ("fr" or "en"), and so do the numbers on the axes (a
decimal comma in French: ``0,2``) and the name of the documents without a group
(:func:`group_label`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "DECIMAL_MARK",
    "OKABE_ITO",
    "group_label",
    "textplot_cooccurrence",
    "textplot_keyness",
    "textplot_over_time",
    "textplot_prevalence",
    "textplot_sentiment",
]

#: Okabe & Ito (2008) colour-blind-safe palette (black last).
OKABE_ITO = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
)
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
#: The decimal mark of each language, in the figures' axes and the report's tables
#: (French writes ``0,05``; the CSV tables keep ``0.05``).
DECIMAL_MARK = {"fr": ",", "en": "."}

_TEXT = {
    "fr": {
        "prevalence": "Part des documents avec le cadre (IC 95 % de Wilson)",
        "sentiment": "Tonalité moyenne (IC 95 % bootstrap)",
        "g2": "G² (sur-emploi par rapport au reste du corpus)",
        "period": "Période",
        "share": "Part des documents",
        "share_ci": "Part des documents (IC 95 % de Wilson)",
        "empty": "Aucune donnée",
        "cooc": "Indice de Jaccard",
        # the documents without a value of the grouping column (stats.MISSING_GROUP):
        # "non renseigné" is how French statistical tables name a missing answer, and
        # it fits a source, an author and a date alike ("(aucun)" does not: "source" and
        # "date" are feminine)
        "missing_group": "(non renseigné)",
        # the one group when nothing is grouped (stats.ALL_GROUP): the "Ensemble" of
        # French statistical tables
        "all_group": "ensemble",
    },
    "en": {
        "prevalence": "Share of documents with the frame (Wilson 95% CI)",
        "sentiment": "Mean tone (bootstrap 95% CI)",
        "g2": "G² (over-use relative to the rest of the corpus)",
        "period": "Period",
        "share": "Share of documents",
        "share_ci": "Share of documents (Wilson 95% CI)",
        "empty": "No data",
        "cooc": "Jaccard index",
        "missing_group": "(none)",
        "all_group": "all",
    },
}


def _check_lang(lang: str) -> None:
    if lang not in _TEXT:
        raise ValueError(f"lang must be one of {', '.join(_TEXT)}, not {lang!r}")


def group_label(group: object, lang: str = "fr") -> str:
    """A group's name as figures and the report show it: its value, except the group
    of the documents without a value of the grouping column
    (:data:`framing.stats.MISSING_GROUP`, ``"(none)"``) and the one group of an
    ungrouped corpus (:data:`framing.stats.ALL_GROUP`, ``"(all)"``), named in
    ``lang``: ``(non renseigné)`` and ``ensemble`` in French, ``(none)`` and ``all``
    in English. The tables (DataFrames, CSV files) keep ``"(none)"`` and ``"(all)"``:
    they identify the group; only what is displayed is translated."""
    from .stats import ALL_GROUP, CROSSING, MISSING_GROUP

    _check_lang(lang)
    name = str(group)
    if name == ALL_GROUP:
        return _TEXT[lang]["all_group"]
    # a crossed group may name a missing value: "Le Courrier / (non renseigné)"
    return CROSSING.join(_TEXT[lang]["missing_group"] if part == MISSING_GROUP else part
                         for part in name.split(CROSSING))


def _decimal_formatter(lang: str) -> Any:
    """A tick formatter writing ``lang``'s decimal mark, ``0,2`` in French where
    matplotlib writes ``0.2`` (matplotlib's default labels otherwise); None for a
    language with a decimal point. The class is made here: importing this module does
    not import matplotlib."""
    mark = DECIMAL_MARK[lang]
    if mark == ".":
        return None
    from matplotlib.ticker import ScalarFormatter

    class DecimalMarkFormatter(ScalarFormatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return super().__call__(x, pos).replace(".", mark)

    return DecimalMarkFormatter()


def _decimal_ticks(axis: Any, lang: str) -> None:
    """Write the tick labels of ``axis`` (an ``XAxis``/``YAxis``) with ``lang``'s
    decimal mark (:func:`_decimal_formatter`)."""
    formatter = _decimal_formatter(lang)
    if formatter is not None:
        axis.set_major_formatter(formatter)


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size)
    return new


def _empty(ax: Axes, lang: str) -> Axes:
    ax.text(0.5, 0.5, _TEXT[lang]["empty"], ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return ax


def _check(table: pd.DataFrame, columns: tuple[str, ...], made_by: str, lang: str,
           labels: object = None) -> None:
    """Refuse, in one clear line, what a plot cannot draw: a table that is not the one
    it draws (``made_by`` names the function that makes it), an unknown ``lang``,
    ``labels`` that are not a mapping frame → label."""
    from .stats import require_columns

    _check_lang(lang)
    if labels is not None and not isinstance(labels, Mapping):
        raise TypeError(f"labels must map frame ids to labels (a dict), not "
                        f"{type(labels).__name__}")
    if len(table):
        require_columns(table, columns, f"table ({made_by})")


def _label(labels: Mapping[str, str] | None, key: str) -> str:
    return labels.get(key, key) if labels else key


def textplot_prevalence(
    prevalence: pd.DataFrame,
    *,
    ax: Axes | None = None,
    labels: Mapping[str, str] | None = None,
    lang: str = "fr",
) -> Axes:
    """Dot plot of frame prevalence per group with Wilson intervals (one row per frame,
    one colour and marker per group)."""
    _check(prevalence, ("group", "frame", "prevalence", "ci_low", "ci_high"),
           "textstat_prevalence", lang, labels)
    frames = list(dict.fromkeys(prevalence["frame"])) if len(prevalence) else []
    ax = _axes(ax, (9, 0.6 * max(len(frames), 3) + 1.5))
    if not frames:
        return _empty(ax, lang)
    groups = list(dict.fromkeys(prevalence["group"]))
    step = 0.8 / max(len(groups), 1)
    y = np.arange(len(frames))
    for gi, g in enumerate(groups):
        sub = prevalence[prevalence["group"] == g].set_index("frame").reindex(frames)
        yy = y - 0.4 + step * (gi + 0.5)
        p = sub["prevalence"].to_numpy(dtype=float)
        lo = sub["ci_low"].to_numpy(dtype=float)
        hi = sub["ci_high"].to_numpy(dtype=float)
        err = np.vstack([p - lo, hi - p])
        ax.errorbar(p, yy, xerr=err, fmt=MARKERS[gi % len(MARKERS)], color=OKABE_ITO[gi % 8],
                    capsize=3, label=group_label(g, lang), markersize=7, linewidth=1.5)
    ax.set_yticks(y, [_label(labels, f) for f in frames])
    ax.invert_yaxis()
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel(_TEXT[lang]["prevalence"])
    _decimal_ticks(ax.xaxis, lang)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="lower right", fontsize="small", frameon=True)
    return ax


def textplot_cooccurrence(
    cooccurrence: pd.DataFrame,
    *,
    ax: Axes | None = None,
    labels: Mapping[str, str] | None = None,
    lang: str = "fr",
) -> Axes:
    """Heatmap of frame co-occurrence (Jaccard index), with the counts written in."""
    _check(cooccurrence, ("frame_a", "frame_b", "jaccard", "n_both"), "textstat_cooccurrence",
           lang, labels)
    frames = list(dict.fromkeys(cooccurrence["frame_a"])) if len(cooccurrence) else []
    ax = _axes(ax, (0.7 * max(len(frames), 4) + 3, 0.6 * max(len(frames), 4) + 2))
    if not frames:
        return _empty(ax, lang)
    m = cooccurrence.pivot(index="frame_a", columns="frame_b", values="jaccard").reindex(
        index=frames, columns=frames)
    n = cooccurrence.pivot(index="frame_a", columns="frame_b", values="n_both").reindex(
        index=frames, columns=frames)
    im = ax.imshow(m.to_numpy(dtype=float), cmap="cividis", vmin=0, vmax=1)
    names = [_label(labels, f) for f in frames]
    ax.set_xticks(range(len(frames)), names, rotation=45, ha="right")
    ax.set_yticks(range(len(frames)), names)
    values = m.to_numpy(dtype=float)
    counts = n.to_numpy(dtype=float)
    for i in range(len(frames)):
        for j in range(len(frames)):
            ax.text(j, i, str(int(counts[i, j])), ha="center", va="center", fontsize="small",
                    color="white" if values[i, j] < 0.5 else "black")
    ax.figure.colorbar(im, ax=ax, label=_TEXT[lang]["cooc"], shrink=0.8,
                       format=_decimal_formatter(lang))
    return ax


def textplot_sentiment(
    sentiment: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = "fr",
) -> Axes:
    """Mean tone per group (and per actor when the ``key`` column is filled), with
    bootstrap intervals; a mean whose interval is NaN (fewer documents than
    ``stats.BOOTSTRAP_MIN_N``) is drawn as an open marker without error bar."""
    _check(sentiment, ("group", "key", "mean", "ci_low", "ci_high"), "textstat_sentiment", lang)
    ax = _axes(ax, (8, 0.45 * max(len(sentiment), 3) + 1.5))
    if not len(sentiment):
        return _empty(ax, lang)
    has_key = sentiment["key"].astype(str).str.len().gt(0).any()
    rows = sentiment.reset_index(drop=True)
    ylabels = [
        f"{k} — {group_label(g, lang)}" if has_key else group_label(g, lang)
        for g, k in zip(rows["group"], rows["key"], strict=True)
    ]
    groups = list(dict.fromkeys(rows["group"]))
    for i, r in enumerate(rows.to_dict("records")):
        gi = groups.index(r["group"])
        # a mean without an interval (too few documents: stats.BOOTSTRAP_MIN_N) is an
        # open marker with no error bar, never a zero-width bar
        colour = OKABE_ITO[gi % 8]
        no_ci = pd.isna(r["ci_low"]) or pd.isna(r["ci_high"])
        ax.errorbar(r["mean"], i,
                    xerr=None if no_ci else [[r["mean"] - r["ci_low"]], [r["ci_high"] - r["mean"]]],
                    fmt=MARKERS[gi % len(MARKERS)], color=colour, capsize=3,
                    markerfacecolor="none" if no_ci else colour)
    ax.axvline(0, color="#777", linewidth=1)
    ax.set_yticks(range(len(rows)), ylabels)
    ax.invert_yaxis()
    ax.set_xlim(-1, 1)
    ax.set_xlabel(_TEXT[lang]["sentiment"])
    _decimal_ticks(ax.xaxis, lang)
    ax.grid(axis="x", alpha=0.3)
    return ax


def textplot_keyness(
    keyness: pd.DataFrame, *, ax: Axes | None = None, top: int = 15, lang: str = "fr"
) -> Axes:
    """Horizontal bars of the ``top`` most over-used lemmas of a group (signed G²)."""
    _check(keyness, ("target", "lemma", "g2", "count_target", "count_reference"),
           "textstat_keyness", lang)
    from .stats import check_whole_number

    check_whole_number("top", top, 1)
    sub = keyness[keyness["g2"] > 0].head(top) if len(keyness) else keyness
    ax = _axes(ax, (7, 0.35 * max(len(sub), 4) + 1.5))
    if not len(sub):
        return _empty(ax, lang)
    ax.barh(range(len(sub)), sub["g2"], color=OKABE_ITO[0])
    ax.set_yticks(range(len(sub)), [f"{w} ({a}/{b})" for w, a, b in zip(
        sub["lemma"], sub["count_target"], sub["count_reference"], strict=True)])
    ax.invert_yaxis()
    ax.set_xlabel(_TEXT[lang]["g2"])
    _decimal_ticks(ax.xaxis, lang)
    ax.set_title(group_label(sub["target"].iloc[0], lang))
    return ax


def _next_period(label: str) -> str | None:
    """The period after a :func:`framing.stats.period_of` label (``2024-07-03`` day,
    ``2024-W27`` ISO week, ``2024-07`` month, ``2024`` year), or None for a label of
    another shape (then no gap is drawn)."""
    import datetime

    try:
        if len(label) == 10:
            return (datetime.date.fromisoformat(label) + datetime.timedelta(days=1)).isoformat()
        if len(label) == 8 and label[4:6] == "-W":
            monday = datetime.date.fromisocalendar(int(label[:4]), int(label[6:]), 1)
            year, week, _ = (monday + datetime.timedelta(days=7)).isocalendar()
            return f"{year}-W{week:02d}"
        if len(label) == 7 and label[4] == "-":
            year, month = int(label[:4]), int(label[5:])
            return f"{year + month // 12}-{month % 12 + 1:02d}"
        if len(label) == 4:
            return str(int(label) + 1)
    except ValueError:
        return None
    return None


def textplot_over_time(
    over_time: pd.DataFrame,
    *,
    ax: Axes | None = None,
    labels: Mapping[str, str] | None = None,
    lang: str = "fr",
    **kwargs: Any,
) -> Axes:
    """Frame prevalence per period, one line (colour and marker) per frame.

    When the table has ``ci_low`` and ``ci_high`` (as ``textstat_over_time`` gives),
    each point carries its Wilson interval as a vertical error bar, the frames nudged
    sideways so that their bars do not hide one another; a point without an interval
    gets no bar (never a zero-width one). When it has ``n_docs``, each period's tick
    says how many documents it holds (``n = …``). Periods are drawn evenly spaced, in
    order, whatever the time between them; where periods without documents lie between
    two drawn ones, the lines are broken and a dotted vertical line marks the gap (was:
    a line from October 2024 straight to August 2025, read as a trend).
    """
    _check(over_time, ("group", "frame", "prevalence"), "textstat_over_time", lang, labels)
    ax = _axes(ax, (9, 5))
    if not len(over_time):
        return _empty(ax, lang)
    periods = sorted(over_time["group"].unique())
    x = np.arange(len(periods))
    has_ci = {"ci_low", "ci_high"} <= set(over_time.columns)
    frames = over_time.groupby("frame", sort=True)
    # side shift of each frame's points, so that error bars of one period do not overlap
    step = min(0.08, 0.6 / max(frames.ngroups, 1)) if has_ci else 0.0
    gaps = [i for i in range(len(periods) - 1)
            if _next_period(str(periods[i])) not in (None, str(periods[i + 1]))]
    for i in gaps:
        ax.axvline(i + 0.5, color="0.6", linestyle=":", linewidth=1)
    for fi, (frame, sub) in enumerate(frames):
        s = sub.set_index("group").reindex(periods)
        xx = x + step * (fi - (frames.ngroups - 1) / 2)
        colour = OKABE_ITO[fi % 8]
        p = s["prevalence"].to_numpy(dtype=float)
        # a NaN point between two periods that are not consecutive breaks the line
        lx = np.insert(xx, [i + 1 for i in gaps], np.nan)
        ly = np.insert(p, [i + 1 for i in gaps], np.nan)
        ax.plot(lx, ly, marker=MARKERS[fi % len(MARKERS)], color=colour,
                label=_label(labels, str(frame)), linestyle="-" if fi < 8 else "--", **kwargs)
        if has_ci:
            lo = s["ci_low"].to_numpy(dtype=float)
            hi = s["ci_high"].to_numpy(dtype=float)
            ok = np.isfinite(p) & np.isfinite(lo) & np.isfinite(hi)
            if ok.any():
                ax.errorbar(xx[ok], p[ok], yerr=np.vstack([p[ok] - lo[ok], hi[ok] - p[ok]]),
                            fmt="none", ecolor=colour, elinewidth=1.5, capsize=0)
    ticks = [group_label(g, lang) for g in periods]
    if "n_docs" in over_time.columns:
        n = over_time.groupby("group")["n_docs"].max().reindex(periods)
        ticks = [f"{g}\n(n = {int(k)})" if pd.notna(k) else g
                 for g, k in zip(ticks, n, strict=True)]
    ax.set_xticks(x, ticks, rotation=30 if len(periods) > 6 else 0)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(_TEXT[lang]["period"])
    ax.set_ylabel(_TEXT[lang]["share_ci" if has_ci else "share"])
    _decimal_ticks(ax.yaxis, lang)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small")
    ax.grid(alpha=0.3)
    return ax
