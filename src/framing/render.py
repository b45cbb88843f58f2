"""Render a report's sections to Markdown and to self-contained HTML.

The report is assembled as a list of :class:`Section` (title, paragraphs, tables,
figures). The same list is rendered to ``report.md`` and ``index.html``, so both
always hold the same content. Statistics come from the public ``textstat_*``
functions and figures from ``textplot_*``: this module only assembles them.
Every piece of text from articles, metadata or lexicons is escaped in HTML
(Jinja2 autoescaping, :func:`markupsafe.escape`) and in Markdown tables. The HTML
pages also carry a Content-Security-Policy: only the report's own inline script (by
its hash) runs, and nothing is loaded from the network.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .corpus import Skipped
from .output import StagedOutput
from .plots import DECIMAL_MARK, group_label

__all__ = [
    "FIGURE_MAX_FRAMES",
    "LABELS",
    "Figure",
    "ReportData",
    "Section",
    "Table",
    "render_report",
    "to_html",
    "to_markdown",
]

#: Per-document pages written by default; larger corpora get pages for the first
#: ones in reading order and the rest is in the CSV tables (a 100,000-document
#: corpus must not produce 100,000 HTML files).
MAX_DOCUMENT_PAGES = 300
#: Rows of the documents table in the report; all documents are in documents.csv
#: (listing 100,000 documents would make a 30 MB page that browsers open slowly).
MAX_DOCUMENT_ROWS = 1000
#: Keyword-in-context lines shown per frame, from distinct documents first.
EXAMPLES_PER_FRAME = 6
#: Frames drawn in the prevalence, co-occurrence and over-time figures: the most
#: frequent ones (in documents). An imported dictionary can have hundreds of
#: categories: the heatmap's cells grow with the square of the frames (200 made a
#: 1 GB image, 1,000 ran out of memory), the other figures' height or legend with
#: their number; 30 is the most whose labels stay readable. The tables list them all.
FIGURE_MAX_FRAMES = 30
#: Speakers listed in the "who speaks" table (the most quoted; quotes.csv has them all).
WHO_SPEAKS_TOP = 25
#: Actors in the tone-toward-actors table and figure: the most mentioned (actors.csv
#: has them all); more rows make the figure unreadable.
TONE_ACTORS_TOP = 8
#: Lemmas listed per group in the keyness tables.
KEYNESS_TOP = 15
#: A lemma must occur this many times (target + reference) to enter keyness.
KEYNESS_MIN_FREQ = 5


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    caption: str = ""
    note: str = ""  # shown under the table: what it leaves out, how to read it


@dataclass(frozen=True)
class Figure:
    path: str  # relative to the report folder
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    paragraphs: tuple[str, ...] = ()
    blocks: tuple[Table | Figure, ...] = ()


@dataclass(frozen=True)
class ReportDoc:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    lang: str = "fr"
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentPage:
    """What a per-document page shows."""

    doc_id: str
    title: str
    text: str
    meta: Mapping[str, str]
    sentiment: float | None
    sentiment_label: str
    hits: tuple[Mapping[str, Any], ...]
    quotes: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, as tidy tables (the CSV contract) plus pages."""

    corpus_name: str
    docs: pd.DataFrame
    hits: pd.DataFrame
    examples: pd.DataFrame
    quotes: pd.DataFrame
    actors: pd.DataFrame
    lemma_counts: Mapping[str, Mapping[str, int]]
    pages: tuple[DocumentPage, ...]
    skipped: tuple[Skipped, ...]
    frame_labels: Mapping[str, Mapping[str, str]]  # frame -> {"fr": …, "en": …}
    lexicons: tuple[Mapping[str, Any], ...]
    run: Mapping[str, Any]
    by: str | None
    period: str = "month"
    by_label: str = ""  # how the grouping is named ("source / section" for a crossed --by)
    #: the classifier's frames, training texts and digest prefix, for the report's words
    model_info: tuple[int, int, str] | None = None
    lang: str = "fr"
    classifier: pd.DataFrame | None = None  # sentence-level classifier frames
    agreement: Mapping[str, tuple[int, int, int, int]] = field(default_factory=dict)
    #: per frame, one (both, lexicon only, classifier only, neither) row per document:
    #: the κ intervals resample documents
    agreement_by_doc: Mapping[str, np.ndarray] = field(default_factory=dict)
    max_rows: int = MAX_DOCUMENT_ROWS  # rows of the documents table


LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Rapport de cadrage",
        "subtitle": "Corpus « {name} » — {n} documents, analysés par framing {version}",
        "nav": "Sommaire",
        "overview": "1. Vue d'ensemble du corpus",
        "overview_intro": "Documents, phrases et mots par groupe et par période. Les fichiers "
        "ignorés sont listés avec la raison.",
        "by_group": "Par {by}",
        "by_period": "Par période ({period})",
        "day": "jour", "week": "semaine", "month": "mois", "year": "année",
        "skipped": "Fichiers ignorés",
        "warnings": "Avertissements (documents analysés malgré tout)",
        "warning": "avertissement",
        "duplicates": "Doublons (dépêches reprises) — écartés avec --dedupe",
        "duplicate_of": "doublon de", "dup_kind": "type", "dropped": "écarté",
        "no_skipped": "Aucun fichier ignoré.",
        "prevalence": "2. Présence des cadres par groupe",
        "prevalence_intro": "Part des documents contenant au moins une occurrence non niée du "
        "cadre, avec l'intervalle de confiance à 95 % de Wilson, et occurrences pour 1 000 mots. "
        "Le test du χ² d'indépendance compare les groupes (V de Cramér : taille d'effet) ; les "
        "comparaisons deux à deux (test exact de Fisher) sont corrigées par la méthode de Holm.",
        "missing_note": "Les documents sans valeur de « {by} » (groupe « {none} ») figurent dans "
        "les tableaux mais pas dans le test du χ² ni dans les comparaisons deux à deux, et "
        "n'ont pas de vocabulaire distinctif à eux : ce n'est pas un groupe.",
        "missing_crossed": "Les groupes croisés où manque l'une des valeurs (« … / {none} ») "
        "figurent dans les tableaux mais pas dans les tests, et n'ont pas de vocabulaire "
        "distinctif à eux.",
        "prev_table": "Documents avec le cadre : k/n (part) [IC 95 %]",
        "per1000_table": "Occurrences non niées pour 1 000 mots",
        "assoc_table": "Test du χ² par cadre",
        "assoc_note": "Un test par cadre, p non corrigée pour le nombre de cadres. min E : le "
        "plus petit effectif attendu du tableau ; en dessous de {min_e}, la p du χ² n'est "
        "qu'approximative (Cochran 1954) : lire p MC, la p de Monte-Carlo ({tables} tableaux "
        "tirés au hasard avec les mêmes marges), qui ne demande pas de grands effectifs. "
        "Cadres concernés ici : {n_low} sur {n}.",
        "pairwise_table": "Comparaisons deux à deux (Fisher, Holm), p ajustée < 0,05",
        "pairwise_note": "La correction de Holm porte sur les comparaisons deux à deux d'un même "
        "cadre (chaque cadre est une famille de tests) ; seules les paires avec p ajustée < 0,05 "
        "sont listées. A − B : écart des deux parts, avec son IC 95 % (Newcombe 1998) ; "
        "textstat_pairwise donne toutes les paires.",
        "diff_ci": "A − B [IC 95 %]",
        "no_pairwise": "Aucune différence deux à deux significative après correction de Holm.",
        "prev_fig": "Part des documents avec chaque cadre, par groupe, avec IC 95 % de Wilson",
        "voice": "3. Qui porte quel cadre ?",
        "voice_intro": "Occurrences non niées selon la voix : le narrateur (le journaliste), une "
        "citation attribuée à un locuteur, ou un guillemet de distance. Puis les locuteurs "
        "(acteurs) qui portent chaque cadre dans les citations.",
        "voice_table": "Occurrences par voix (narrateur / citation / guillemets de distance)",
        "speaker_table": "Cadres dans les citations, par acteur",
        "speaker_note": "Seuls les locuteurs que la table des acteurs reconnaît (un acteur "
        "canonique) sont comptés ; {n} occurrence(s) non niée(s) dans les citations d'autres "
        "locuteurs ou de locuteurs non trouvés n'y figurent pas (hits.csv les donne toutes).",
        "speaker_note_all": "Seuls les locuteurs que la table des acteurs reconnaît (un "
        "acteur canonique) sont comptés ; toutes les occurrences non niées des citations sont "
        "de tels locuteurs.",
        "keyness_one_group": "Un seul groupe : pas de vocabulaire distinctif à comparer.",
        "who_speaks": "Qui parle ? Citations par acteur et par groupe",
        "who_speaks_top": "Les {k} locuteurs les plus cités ; {m} autre(s) locuteur(s) "
        "({q} citation(s)) ne sont pas montrés (quotes.csv les liste tous).",
        "who_speaks_none": "La ligne « — » compte les citations dont le locuteur n'a pas été "
        "trouvé.",
        "cooc": "4. Cooccurrence des cadres",
        "cooc_intro": "Nombre de documents où deux cadres apparaissent ensemble (indice de "
        "Jaccard en couleur), puis les paires les plus fréquentes au niveau de la phrase.",
        "cooc_fig": "Cooccurrence des cadres dans les documents (nombre de documents ; couleur : "
        "indice de Jaccard)",
        "cooc_table": "Paires de cadres dans une même phrase",
        "fig_top": "La figure montre les {k} cadres les plus fréquents sur {n} (en documents) ; "
        "le tableau les donne tous.",
        "cooc_top": "La figure montre les {k} cadres les plus fréquents sur {n} (en documents) ; "
        "framing.stats.textstat_cooccurrence donne toutes les paires à partir de hits.csv.",
        "tone": "5. Tonalité",
        "tone_intro": "Tonalité moyenne des documents par groupe (de -1 à +1), puis la tonalité "
        "des phrases qui mentionnent chaque acteur, avec des intervalles bootstrap à 95 %.",
        "tone_table": "Tonalité moyenne par groupe",
        "actor_table": "Tonalité envers les acteurs, par groupe",
        "actor_top": "Les {k} acteurs les plus mentionnés ; {m} autre(s) acteur(s) ne sont pas "
        "montrés (actors.csv les donne tous).",
        "no_ci": "« — » : pas d'intervalle pour une moyenne sur moins de {min_n} documents (un "
        "bootstrap sur un ou deux documents donnerait un intervalle de largeur nulle ou bien "
        "trop étroit).",
        "tone_fig": "Tonalité moyenne par groupe, avec IC 95 % bootstrap",
        "actor_fig": "Tonalité envers les acteurs, par groupe, avec IC 95 % bootstrap",
        "keyness": "6. Vocabulaire distinctif",
        "keyness_intro": "Pour chaque groupe comparé au reste du corpus : lemmes classés par G² "
        "(log-vraisemblance), avec le log ratio (taille d'effet) et les effectifs bruts des deux "
        "côtés ; fréquence minimale {min_freq}. L'unité est l'occurrence d'un lemme de mot plein "
        "(mots vides exclus). p : la p du G² pour le lemme seul, non corrigée ; q (BH) : la p "
        "ajustée par la méthode de Benjamini et Hochberg (1995) sur tous les lemmes testés pour "
        "le groupe, qui contrôle le taux de fausses découvertes (parmi les lemmes de q ≤ 0,05, "
        "au plus 5 % de faux positifs attendus). Les tableaux sont triés par G², non par p ou q. "
        "Les deux traitent les occurrences comme indépendantes (les mots d'un même article ne "
        "le sont pas) : elles sont optimistes, et classent les lemmes plus qu'elles ne les "
        "testent.",
        "keyness_table": "{group} contre le reste",
        "keyness_note": "q (BH) : ajustée sur les {n} lemmes testés pour ce groupe.",
        "q_fdr": "q (BH)",
        "keyness_fig": "Lemmes sur-employés par {group} (G² ; effectifs groupe/reste)",
        "time": "7. Évolution dans le temps",
        "time_intro": "Part des documents avec chaque cadre, par période ({period}), avec "
        "l'intervalle de confiance à 95 % de Wilson (documents datés seulement).",
        "time_fig": "Part des documents avec chaque cadre par période",
        "no_dates": "Pas de dates exploitables dans ce corpus.",
        "examples": "8. Exemples en contexte",
        "examples_intro": "Pour chaque cadre, jusqu'à {k} occurrences non niées en contexte, de "
        "documents différents, avec la voix et le locuteur, prises à tour de rôle dans chaque "
        "groupe (la première de chaque groupe, par ordre alphabétique, puis la deuxième…), "
        "dans l'ordre de lecture du corpus au sein d'un groupe.",
        "method_rules": "Négation : une occurrence est niée quand un marqueur de négation "
        "(ne … pas/plus/jamais/rien/guère, aucun, nullement, en rien, sans, ni, non, tout sauf, "
        "loin de ; personne, rien, nul devant ne) la "
        "précède dans la même proposition, à {window} mots au plus, ou se trouve, après ne, "
        "dans l'intervalle (...) d'un motif ; un mot de négation écrit dans le motif lui "
        "appartient. Chevauchements : dans un même cadre, la correspondance la plus "
        "longue l'emporte et rien n'est compté deux fois ; entre cadres, les deux comptent. "
        "Voix : le texte d'une citation attribuée est « citation », un court terme entre "
        "guillemets sans verbe de parole est « guillemets » (de distance), le reste "
        "« narrateur ». Intervalles : Wilson à 95 % pour les parts, bootstrap percentile (2 000 "
        "rééchantillonnages, graine fixe) pour les moyennes, sur {min_n} documents au moins.",
        "negation_window": "fenêtre de négation (mots)", "sentiment_lexicon": "lexique de tonalité",
        "param_by": "regroupement (--by)", "param_period": "période (--period)",
        "param_overlap": "chevauchements (--overlap)", "version_of": "version de {}",
        "command": "commande",
        "documents": "9. Documents",
        "documents_intro": "Un document par ligne ; cliquez un en-tête pour trier. Chaque page "
        "de document surligne les occurrences par cadre (les occurrences niées sont barrées) et "
        "marque les citations avec leur locuteur.",
        "pages_limited": "Pages individuelles générées pour les {n} premiers documents ; le reste "
        "figure dans les fichiers CSV.",
        "rows_limited": "Le tableau liste les {n} premiers des {total} documents ; tous figurent "
        "dans documents.csv.",
        "method": "10. Méthode",
        "clf_section": "2 bis. Lexique et classifieur",
        "model_desc": "FrameClassifier : {k} cadres, entraîné sur {n} textes, sha256:{sha}",
        "clf_intro": "Le classifieur ({model}) prédit les cadres phrase par phrase ; le lexique "
        "compte une phrase quand elle contient une occurrence non niée. Accord par cadre au "
        "niveau de la phrase (κ de Cohen ; IC 95 % par bootstrap des documents, car les "
        "phrases d'un même article ne sont pas indépendantes ; « — » sous {min_n} documents "
        "ou quand κ n'est pas défini), puis la part des documents "
        "avec chaque cadre selon l'une et l'autre méthode. Si le modèle a été entraîné sur des "
        "phrases de ce corpus (c'est le cas du modèle par défaut sur le corpus de "
        "démonstration), l'accord est optimiste.",
        "agreement_table": "Accord lexique–classifieur par cadre (phrases)",
        "clf_prev_table": "Documents avec le cadre : lexique et classifieur [IC 95 % de Wilson]",
        "lex_sents": "phrases (lexique)", "clf_sents": "phrases (classifieur)",
        "both": "les deux", "classifier": "classifieur",
        "method_intro": "De quoi reproduire l'analyse.",
        "no_frames": "Aucune occurrence de cadre dans ce corpus.",
        "group": "groupe", "period": "période", "frame": "cadre", "voice_col": "voix",
        "dof": "ddl", "lemma": "lemme", "n_rest": "n (reste)",
        "n_documents": "documents", "n_sentences": "phrases", "n_tokens": "mots",
        "file": "fichier", "reason": "raison", "speaker": "locuteur", "actor": "acteur",
        "quotes": "citations", "left": "contexte gauche", "match": "occurrence",
        "right": "contexte droit", "negated": "niée", "negated_hit": "occurrence niée",
        "document": "document", "yes": "oui",
        "no": "non", "narrator": "narrateur", "quote": "citation", "scare_quote": "guillemets",
        "mean": "moyenne", "ci": "IC 95 %", "hits": "occurrences", "sentiment": "tonalité",
        "positive": "positive", "negative": "négative", "neutral": "neutre",
        "pct": "{} %",
        # the comma is the decimal mark: the bounds are separated by a semicolon
        "interval": "[{lo} ; {hi}]",
        "title_col": "titre", "source": "source", "date": "date", "author": "auteur",
        "back": "← retour au rapport", "legend": "Légende des cadres",
        "parameter": "paramètre", "value": "valeur", "lexicon": "lexique", "version": "version",
        "n_frames": "cadres", "n_patterns": "motifs", "description": "description",
        "cite": "Citer : framing (version {version}), logiciel d'analyse du cadrage de la "
        "presse francophone.",
    },
    "en": {
        "title": "Framing report",
        "subtitle": "Corpus “{name}” — {n} documents, analysed by framing {version}",
        "nav": "Contents",
        "overview": "1. Corpus overview",
        "overview_intro": "Documents, sentences and words per group and per period. Skipped "
        "files are listed with the reason.",
        "by_group": "By {by}",
        "by_period": "By period ({period})",
        "day": "day", "week": "week", "month": "month", "year": "year",
        "skipped": "Skipped files",
        "warnings": "Warnings (documents analysed anyway)",
        "warning": "warning",
        "duplicates": "Duplicates (repeated wire copies) — dropped with --dedupe",
        "duplicate_of": "duplicate of", "dup_kind": "kind", "dropped": "dropped",
        "no_skipped": "No file was skipped.",
        "prevalence": "2. Frame prevalence per group",
        "prevalence_intro": "Share of documents with at least one un-negated hit of the frame, "
        "with Wilson 95% intervals, and hits per 1,000 words. A χ² test of independence compares "
        "the groups (Cramér's V: effect size); pairwise comparisons (Fisher's exact test) are "
        "Holm-corrected.",
        "missing_note": "Documents without a value of “{by}” (group “{none}”) are shown in the "
        "tables but left out of the χ² test and the pairwise comparisons, and get no "
        "distinctive vocabulary of their own: they are not a group.",
        "missing_crossed": "The crossed groups that lack one of the values (“… / {none}”) are "
        "shown in the tables but left out of the tests, and get no distinctive vocabulary of "
        "their own.",
        "prev_table": "Documents with the frame: k/n (share) [95% CI]",
        "per1000_table": "Un-negated hits per 1,000 words",
        "assoc_table": "χ² test per frame",
        "assoc_note": "One test per frame, p not corrected for the number of frames. min E: "
        "the smallest expected count of the table; below {min_e} the χ² p-value is only "
        "approximate (Cochran 1954): read p MC, the Monte Carlo p-value ({tables} random "
        "tables with the same margins), which needs no large counts. Frames concerned "
        "here: {n_low} of {n}.",
        "pairwise_table": "Pairwise comparisons (Fisher, Holm), adjusted p < 0.05",
        "pairwise_note": "The Holm correction applies to the pairwise comparisons of one frame "
        "(each frame is a family of tests); only pairs with adjusted p < 0.05 are listed. "
        "A − B: the difference of the two shares, with its 95% CI (Newcombe 1998); "
        "textstat_pairwise gives every pair.",
        "diff_ci": "A − B [95% CI]",
        "no_pairwise": "No pairwise difference is significant after Holm correction.",
        "prev_fig": "Share of documents with each frame, per group, with Wilson 95% CIs",
        "voice": "3. Who carries which frame?",
        "voice_intro": "Un-negated hits by voice: the narrator (the journalist), a quotation "
        "attributed to a speaker, or a scare quote. Then the speakers (actors) who carry each "
        "frame in quotations.",
        "voice_table": "Hits by voice (narrator / quote / scare quote)",
        "speaker_table": "Frames in quotations, by actor",
        "speaker_note": "Only speakers the actor table recognises (a canonical actor) are "
        "counted; {n} un-negated hit(s) in quotations of other speakers or of speakers not "
        "found are left out here (hits.csv has them all).",
        "speaker_note_all": "Only speakers the actor table recognises (a canonical actor) "
        "are counted; every un-negated hit in quotations is of such a speaker.",
        "keyness_one_group": "One group only: no distinctive vocabulary to compare.",
        "who_speaks": "Who speaks? Quotations per actor and group",
        "who_speaks_top": "The {k} most quoted speakers; {m} other speaker(s) ({q} "
        "quotation(s)) are not shown (quotes.csv lists them all).",
        "who_speaks_none": "The “—” row counts the quotations whose speaker was not found.",
        "cooc": "4. Frame co-occurrence",
        "cooc_intro": "Documents in which two frames appear together (Jaccard index in colour), "
        "then the most frequent pairs within a sentence.",
        "cooc_fig": "Frame co-occurrence in documents (number of documents; colour: Jaccard "
        "index)",
        "cooc_table": "Pairs of frames in the same sentence",
        "fig_top": "The figure shows the {k} most frequent of {n} frames (in documents); the "
        "table lists them all.",
        "cooc_top": "The figure shows the {k} most frequent of {n} frames (in documents); "
        "framing.stats.textstat_cooccurrence gives every pair from hits.csv.",
        "tone": "5. Tone",
        "tone_intro": "Mean document tone per group (-1 to +1), then the tone of sentences "
        "that mention each actor, with bootstrap 95% intervals.",
        "tone_table": "Mean tone per group",
        "actor_table": "Tone toward actors, per group",
        "actor_top": "The {k} most mentioned actors; {m} other actor(s) are not shown "
        "(actors.csv has them all).",
        "no_ci": "“—”: no interval for a mean over fewer than {min_n} documents (a bootstrap of "
        "one or two documents gives a zero-width or far too narrow interval).",
        "tone_fig": "Mean tone per group, with bootstrap 95% CIs",
        "actor_fig": "Tone toward actors, per group, with bootstrap 95% CIs",
        "keyness": "6. Distinctive vocabulary (keyness)",
        "keyness_intro": "For each group against the rest of the corpus: lemmas ranked by G² "
        "(log-likelihood), with the log ratio (effect size) and the raw counts on both sides; "
        "minimum frequency {min_freq}. The unit is the occurrence of a content-word lemma (stop "
        "words excluded). p: the G² p-value of the lemma alone, uncorrected; q (BH): the "
        "p-value adjusted by the Benjamini–Hochberg method (1995) over every lemma tested for "
        "the group, which controls the false discovery rate (among the lemmas with q ≤ 0.05, "
        "at most 5% false positives are expected). The tables are sorted by G², not by p or "
        "q. Both treat occurrences as independent (the words of one article are not): they "
        "are optimistic, and rank lemmas more than they test them.",
        "keyness_table": "{group} vs the rest",
        "keyness_note": "q (BH): adjusted over the {n} lemmas tested for this group.",
        "q_fdr": "q (BH)",
        "keyness_fig": "Lemmas over-used by {group} (G²; counts group/rest)",
        "time": "7. Over time",
        "time_intro": "Share of documents with each frame, per period ({period}), with Wilson "
        "95% intervals (dated documents only).",
        "time_fig": "Share of documents with each frame per period",
        "no_dates": "No usable dates in this corpus.",
        "examples": "8. Examples in context",
        "examples_intro": "For each frame, up to {k} un-negated hits in context, from different "
        "documents, with voice and speaker, taken from each group in turn (the first of every "
        "group, in alphabetical order, then the second…), in the corpus's reading order "
        "within a group.",
        "method_rules": "Negation: a hit is negated when a French negation cue (ne … "
        "pas/plus/jamais/rien/guère, aucun, nullement, en rien, sans, ni, non, tout sauf, loin "
        "de; personne, rien, nul before ne) stands before "
        "it in the same clause, within {window} tokens, or stands after ne in a pattern's "
        "gap (...); "
        "a negation word written in the pattern belongs to it. "
        "Overlaps: within a frame the longest match wins and nothing is counted twice; across "
        "frames both count. Voice: text inside an attributed quotation is “quote”, a short "
        "quoted term without a speech verb is “scare quote”, the rest “narrator”. Intervals: "
        "Wilson 95% for shares, percentile bootstrap (2,000 resamples, fixed seed) for means, "
        "over {min_n} documents at least.",
        "negation_window": "negation window (tokens)", "sentiment_lexicon": "sentiment lexicon",
        "param_by": "grouping (--by)", "param_period": "period (--period)",
        "param_overlap": "overlaps (--overlap)", "version_of": "{} version",
        "command": "command",
        "documents": "9. Documents",
        "documents_intro": "One document per row; click a header to sort. Each document page "
        "highlights hits by frame (negated hits are struck through) and marks quotations with "
        "their speaker.",
        "pages_limited": "Individual pages generated for the first {n} documents; the rest is in "
        "the CSV files.",
        "rows_limited": "The table lists the first {n} of {total} documents; all of them are in "
        "documents.csv.",
        "method": "10. Method",
        "clf_section": "2b. Lexicon and classifier",
        "model_desc": "FrameClassifier: {k} frames, trained on {n} texts, sha256:{sha}",
        "clf_intro": "The classifier ({model}) predicts frames sentence by sentence; the lexicon "
        "counts a sentence when it has an un-negated hit. Agreement per frame at sentence "
        "level (Cohen's κ; 95% CI from a bootstrap of documents, since the sentences of "
        "one article are not independent; “—” under {min_n} documents or where κ is "
        "undefined), then the share of documents with each frame "
        "by either method. If the model was trained on sentences of this corpus (the default "
        "model was, on the demonstration corpus), agreement is optimistic.",
        "agreement_table": "Lexicon–classifier agreement per frame (sentences)",
        "clf_prev_table": "Documents with the frame: lexicon and classifier [Wilson 95% CI]",
        "lex_sents": "sentences (lexicon)", "clf_sents": "sentences (classifier)",
        "both": "both", "classifier": "classifier",
        "method_intro": "What you need to reproduce the analysis.",
        "no_frames": "No frame hit in this corpus.",
        "group": "group", "period": "period", "frame": "frame", "voice_col": "voice",
        "dof": "dof", "lemma": "lemma", "n_rest": "n (rest)",
        "n_documents": "documents", "n_sentences": "sentences", "n_tokens": "words",
        "file": "file", "reason": "reason", "speaker": "speaker", "actor": "actor",
        "quotes": "quotes", "left": "left context", "match": "hit", "right": "right context",
        "negated": "negated", "negated_hit": "negated hit", "document": "document",
        "yes": "yes", "no": "no",
        "narrator": "narrator", "quote": "quote", "scare_quote": "scare quote",
        "mean": "mean", "ci": "95% CI", "hits": "hits", "sentiment": "tone",
        "positive": "positive", "negative": "negative", "neutral": "neutral",
        "pct": "{}%", "interval": "[{lo}, {hi}]",
        "title_col": "title", "source": "source", "date": "date", "author": "author",
        "back": "← back to the report", "legend": "Frame legend",
        "parameter": "parameter", "value": "value", "lexicon": "lexicon", "version": "version",
        "n_frames": "frames", "n_patterns": "patterns", "description": "description",
        "cite": "Cite: framing (version {version}), software for the analysis of framing in "
        "French-language news.",
    },
}


# ---------------------------------------------------------------------------
# formatting helpers


def _pct(x: float, L: Mapping[str, str]) -> str:
    """A share as a whole percentage, rounded half up (3/8 → 38, 1/8 → 13: Python's
    ``round`` and ``format`` round half to even, which gave 12 for 1/8 beside 38 for
    3/8), written as the language writes it: ``38 %`` in French, ``38%`` in English."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    # rounded to 9 places first: 0.145 * 100 is 14.499999999999998, a half all the same
    pct = round(100 * float(x), 9)
    whole = math.floor(abs(pct) + 0.5)
    return L["pct"].format(-whole if pct < 0 else whole)


def _share(k: int, n: int, p: float, lo: float, hi: float, L: Mapping[str, str]) -> str:
    """A prevalence cell: ``k/n (share) [Wilson 95% interval]``."""
    return f"{k}/{n} ({_pct(p, L)}) [{_pct(lo, L)}–{_pct(hi, L)}]"


def _shares(t: pd.DataFrame, L: Mapping[str, str], suffix: str = "") -> list[str]:
    """:func:`_share` of each row of a ``textstat_prevalence`` table (its columns
    carrying ``suffix`` after a merge)."""
    cols = [f"{c}{suffix}" for c in ("docs_with_frame", "n_docs", "prevalence", "ci_low",
                                     "ci_high")]
    return [_share(k, n, p, lo, hi, L) for k, n, p, lo, hi in zip(*(t[c] for c in cols),
                                                                   strict=True)]


def _decimal(text: str, lang: str) -> str:
    """``text``, a number Python wrote, with ``lang``'s decimal mark: ``0,05`` in
    French, ``0.05`` in English (the CSV tables keep the point)."""
    return text.replace(".", DECIMAL_MARK[lang])


def _fixed(x: float, digits: int, lang: str) -> str:
    """``x`` with ``digits`` decimals in ``lang``'s writing, without the sign of a value
    that rounds to zero ("0,00", not "-0,00")."""
    text = f"{x:.{digits}f}"
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]
    return _decimal(text, lang)


def _num(x: float, lang: str, digits: int = 2) -> str:
    """``x`` with ``digits`` decimals in ``lang``'s writing, or ``—`` for no value."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return _fixed(x, digits, lang)


def _int(n: int, lang: str) -> str:
    """A count with thousands separated: ``32 895`` in French (narrow no-break
    space, as French typography has it), ``32,895`` in English."""
    return f"{n:,}".replace(",", "\u202f") if lang == "fr" else f"{n:,}"


#: Decimals of a p-value in the report; below the smallest one written out it
#: writes ``< 0.001`` (the APA style's convention: exact p-values to three decimals,
#: "p < .001" below).
P_DECIMALS = 3


def _p(x: float, lang: str) -> str:
    """A p-value with :data:`P_DECIMALS` decimals in ``lang``'s writing, ``< 0,001``
    (French) or ``< 0.001`` (English) below the smallest written out, ``—`` for no
    value."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    floor = 10.0 ** -P_DECIMALS
    return f"< {_fixed(floor, P_DECIMALS, lang)}" if x < floor else _fixed(
        x, P_DECIMALS, lang)


def _shown_groups(values: pd.Series, lang: str) -> pd.Series:
    """Group names as the report shows them (:func:`framing.plots.group_label`: the
    documents without a value are ``(non renseigné)`` in French). Applied to the
    tables once computed: the statistics group by the identifier ``(none)``."""
    return values.map(lambda g: group_label(g, lang))


def _group_columns(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``table`` with its group columns (a pivot's) named as the report shows them."""
    return table.rename(columns=lambda c: group_label(c, lang))


#: How a list of groups' ``k/n`` is punctuated: French sets a space before ``:`` and
#: ``;`` (a narrow no-break space, as ``_int`` does for thousands).
_COUNTS_PUNCTUATION = {"fr": ("\u202f: ", "\u202f; "), "en": (": ", "; ")}


def _group_counts(prev: pd.DataFrame, lang: str) -> dict[str, str]:
    """Frame → ``group: k/n`` of each group the tests compare, as the χ² table shows
    them (the ``counts`` of :func:`framing.stats.textstat_association`, with the group
    names and punctuation of ``lang``)."""
    from .stats import group_counts, lacks_value

    colon, semicolon = _COUNTS_PUNCTUATION[lang]
    tested = prev[~prev["group"].map(lacks_value).astype(bool)]
    return {str(frame): group_counts(sub["group"], sub["docs_with_frame"], sub["n_docs"],
                                     name=partial(group_label, lang=lang), colon=colon,
                                     separator=semicolon)
            for frame, sub in tested.groupby("frame", sort=True)}


def _label_key(label: object) -> str:
    """A sort key that reads accented letters as the dictionary does ("Sécurité" before
    "Souveraineté", "États-Unis" among the E; code-point order put every accented
    capital after Z), case aside; ties by the label itself."""
    from .tokenizer import fold_accents

    text = str(label)
    return f"{fold_accents(text).casefold()}\0{text}"


def _by_label(table: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``table`` with its rows in the dictionary order of ``columns``
    (:func:`_label_key`): the tables of one section list the frames in one order."""
    return table.sort_values(list(columns), key=lambda s: s.map(_label_key),
                             kind="stable").reset_index(drop=True)


def _ratios(k: pd.Series, n: pd.Series) -> list[str]:
    return [f"{a}/{b}" for a, b in zip(k, n, strict=True)]


def _interval(lo: float, hi: float, lang: str) -> str:
    """``[low, high]`` (``[low ; high]`` in French, whose decimal mark is the comma),
    or ``—`` where there is no interval (NaN)."""
    if pd.isna(lo) or pd.isna(hi):
        return "—"
    return LABELS[lang]["interval"].format(lo=_num(lo, lang), hi=_num(hi, lang))


def _intervals(lo: pd.Series, hi: pd.Series, lang: str) -> list[str]:
    """:func:`_interval` per row."""
    return [_interval(a, b, lang) for a, b in zip(lo, hi, strict=True)]


class _Figures:
    """Saves figures into the staging folder with stable names."""

    def __init__(self, staged: StagedOutput) -> None:
        self.staged = staged
        self.n = 0
        self.missing_glyphs = False

    def draw(
        self, name: str, plot: Callable[..., Any], alt: str, caption: str = "",
        size: tuple[float, float] = (9, 5),
    ) -> Figure:
        import warnings

        from matplotlib.figure import Figure as MplFigure

        fig = MplFigure(figsize=size, layout="constrained")
        ax = fig.subplots()
        rel = f"figures/{name}.png"
        with warnings.catch_warnings(record=True) as caught:
            # matplotlib warns once per character its font lacks (an outlet named in
            # Chinese: dozens of lines); one warning for the whole report instead
            warnings.filterwarnings("always", message=_GLYPH_WARNING)
            plot(ax)
            fig.savefig(self.staged.path(rel), dpi=110, metadata={"Software": None})
        for w in caught:
            if re.match(_GLYPH_WARNING, str(w.message)):
                if not self.missing_glyphs:
                    warnings.warn(MISSING_GLYPHS, UserWarning, stacklevel=2)
                self.missing_glyphs = True
            else:
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        fig.clear()  # the artists hold reference cycles: free them now, not at some later gc
        return Figure(rel, alt, caption)


#: matplotlib's warning for a character its font has no glyph for.
_GLYPH_WARNING = r"Glyph \d+ .*missing from (?:current )?font"
#: The one warning a report gives instead (the figures show boxes for those characters).
MISSING_GLYPHS = ("some labels in the figures use characters the figure font lacks (e.g. "
                  "Chinese or Arabic names): they show as empty boxes; the tables and HTML "
                  "text are unaffected")


def _frame_label(data: ReportData, frame: str) -> str:
    lab = data.frame_labels.get(frame)
    return lab.get(data.lang, frame) if lab else frame


def _top_frames(table: pd.DataFrame, count: str) -> set[str] | None:
    """The ``FIGURE_MAX_FRAMES`` frames with the largest sum of ``count`` (then by
    id), or None when there are not more than that."""
    totals = table.groupby("frame")[count].sum()
    if len(totals) <= FIGURE_MAX_FRAMES:
        return None
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return {str(f) for f, _ in ranked[:FIGURE_MAX_FRAMES]}


# ---------------------------------------------------------------------------
# sections


def _overview(data: ReportData, L: Mapping[str, str]) -> Section:
    from .stats import named_groups, period_of

    docs = data.docs
    blocks: list[Table | Figure] = []

    def agg(key: pd.Series, name: str) -> pd.DataFrame:
        g = docs.assign(_k=named_groups(key)).groupby("_k", sort=True)
        t = g.agg(n=("doc_id", "count"), s=("n_sentences", "sum"), w=("n_tokens", "sum"))
        t = t.reset_index()
        t["_k"] = _shown_groups(t["_k"], data.lang)
        return t.rename(columns={"_k": name, "n": L["n_documents"], "s": L["n_sentences"],
                                 "w": L["n_tokens"]})

    if data.by and data.by in docs.columns:
        by_name = data.by_label or data.by
        blocks.append(Table(agg(docs[data.by], by_name),
                            L["by_group"].format(by=by_name)))
    if "date" in docs.columns:
        per = docs["date"].fillna("").astype(str).map(lambda d: period_of(d, data.period))
        if per.str.len().gt(0).any():
            blocks.append(Table(agg(per, L["period"]),
                                L["by_period"].format(period=L[data.period])))
    if data.skipped:
        blocks.append(Table(pd.DataFrame(
            [{L["file"]: s.path if s.line is None else f"{s.path}:{s.line}",
              L["reason"]: s.reason} for s in data.skipped]), L["skipped"]))
    dups = data.run.get("duplicates", [])
    if dups:
        blocks.append(Table(pd.DataFrame([{
            L["document"]: d["doc_id"], L["duplicate_of"]: d["duplicate_of"],
            L["dup_kind"]: d["kind"], "Jaccard": d["similarity"],
            L["dropped"]: L["yes"] if d["dropped"] else L["no"]} for d in dups]),
            L["duplicates"]))
    warnings = data.run.get("warnings", [])
    if warnings:
        blocks.append(Table(pd.DataFrame(
            [{L["document"]: w["doc_id"], L["warning"]: w["warning"]} for w in warnings]),
            L["warnings"]))
    paragraphs = [L["overview_intro"]]
    if not data.skipped:
        paragraphs.append(L["no_skipped"])
    return Section("overview", L["overview"], tuple(paragraphs), tuple(blocks))


def _prevalence(data: ReportData, L: Mapping[str, str], figs: _Figures) -> Section:
    from .plots import textplot_prevalence
    from .stats import (
        CHI2_MIN_EXPECTED,
        MISSING_GROUP,
        MONTE_CARLO_TABLES,
        lacks_value,
        textstat_association,
        textstat_pairwise,
        textstat_prevalence,
    )

    if not len(data.hits):
        return Section("prevalence", L["prevalence"], (L["no_frames"],))
    lang = data.lang
    num, p_value = partial(_num, lang=lang), partial(_p, lang=lang)
    prev = textstat_prevalence(data.hits, data.docs, by=data.by)
    prev = prev.assign(label=prev["frame"].map(lambda f: _frame_label(data, f)))
    wide = prev.assign(cell=_shares(prev, L)).pivot(
        index="label", columns="group", values="cell").reset_index()
    wide = _by_label(_group_columns(wide.rename(columns={"label": L["frame"]}), lang),
                     L["frame"])
    rate = prev.assign(cell=prev["per_1000_tokens"].map(num)).pivot(
        index="label", columns="group", values="cell").reset_index().rename(
        columns={"label": L["frame"]})
    rate = _by_label(_group_columns(rate, lang), L["frame"])
    assoc = textstat_association(prev)
    assoc_t = _by_label(pd.DataFrame({
        L["frame"]: assoc["frame"].map(lambda f: _frame_label(data, f)),
        "k/n": assoc["frame"].map(_group_counts(prev, lang)), "χ²": assoc["chi2"].map(num),
        L["dof"]: assoc["dof"],
        "p": assoc["p_value"].map(p_value), "p MC": assoc["p_monte_carlo"].map(p_value),
        "V": assoc["cramers_v"].map(num),
        "min E": assoc["min_expected"].map(lambda x: _num(x, lang, 1)),
    }), L["frame"])
    pw = textstat_pairwise(prev)
    sig = pw[pw["p_holm"] < 0.05] if len(pw) else pw
    tested = assoc["min_expected"].notna()
    n_low = int((assoc["min_expected"][tested] < CHI2_MIN_EXPECTED).sum())
    assoc_note = L["assoc_note"].format(
        min_e=CHI2_MIN_EXPECTED, n_low=n_low, n=int(tested.sum()),
        tables=_int(MONTE_CARLO_TABLES, data.lang)) if tested.any() else ""
    blocks: list[Table | Figure] = [Table(wide, L["prev_table"]),
                                    Table(rate, L["per1000_table"]),
                                    Table(assoc_t, L["assoc_table"], assoc_note)]
    paragraphs = [L["prevalence_intro"]]
    none = group_label(MISSING_GROUP, lang)
    if (prev["group"] == MISSING_GROUP).any():
        # the crossed columns' names, not the "group" column that crosses them
        paragraphs.append(L["missing_note"].format(by=data.by_label or data.by, none=none))
    if prev["group"].map(lambda g: g != MISSING_GROUP and lacks_value(g)).any():
        paragraphs.append(L["missing_crossed"].format(none=none))
    if len(sig):
        blocks.append(Table(pd.DataFrame({
            L["frame"]: sig["frame"].map(lambda f: _frame_label(data, f)),
            "A": _shown_groups(sig["group_a"], lang), "k/n A": _ratios(sig.k_a, sig.n_a),
            "B": _shown_groups(sig["group_b"], lang), "k/n B": _ratios(sig.k_b, sig.n_b),
            L["diff_ci"]: [f"{_num(d, lang)} {_interval(lo, hi, lang)}" for d, lo, hi in
                           zip(sig["difference"], sig["diff_low"], sig["diff_high"], strict=True)],
            "p": sig["p_value"].map(p_value), "p Holm": sig["p_holm"].map(p_value),
        }), L["pairwise_table"], L["pairwise_note"]))
    elif data.by:
        paragraphs.append(L["no_pairwise"])
    top = _top_frames(prev, "docs_with_frame")
    drawn = prev if top is None else prev[prev["frame"].isin(top)]
    if top is not None:
        paragraphs.append(L["fig_top"].format(k=FIGURE_MAX_FRAMES, n=prev["frame"].nunique()))
    labels = {f: _frame_label(data, f) for f in drawn["frame"].unique()}
    n_frames = drawn["frame"].nunique()
    blocks.append(figs.draw(
        "prevalence", lambda ax: textplot_prevalence(drawn, ax=ax, labels=labels, lang=data.lang),
        L["prev_fig"], L["prev_fig"], size=(10, 0.7 * n_frames + 2)))
    return Section("prevalence", L["prevalence"], tuple(paragraphs), tuple(blocks))


def _voice(data: ReportData, L: Mapping[str, str]) -> Section:
    from .stats import ALL_GROUP, named_groups, negated_mask, textstat_voice

    blocks: list[Table | Figure] = []
    if len(data.hits):
        v = textstat_voice(data.hits, data.docs, by=data.by)
        if len(v):
            v = v.assign(frame=v["frame"].map(lambda f: _frame_label(data, f)),
                         voice=v["voice"].map(lambda x: L.get(x, x)))
            wide = v.pivot_table(index=["group", "frame"], columns="voice", values="hits",
                                 aggfunc="sum", fill_value=0)
            # the voices in the order the caption names them (was alphabetical: in French
            # "citation | guillemets | narrateur" under "narrateur / citation / …")
            order = [L[x] for x in ("narrator", "quote", "scare_quote") if L[x] in wide.columns]
            wide = wide[order + [c for c in wide.columns if c not in order]].reset_index()
            wide.columns.name = None
            wide["group"] = _shown_groups(wide["group"], data.lang)
            wide = _by_label(wide, "group", "frame")
            blocks.append(Table(wide.rename(columns={"group": L["group"], "frame": L["frame"]}),
                                L["voice_table"]))
        pos = data.hits[~negated_mask(data.hits["negated"])]
        quoted = pos[(pos["voice"] == "quote") & (pos["actor"].astype(str) != "")] \
            if "actor" in pos.columns else pos.iloc[0:0]
        if len(quoted):
            sp = quoted.groupby(["actor", "frame"]).agg(
                hits=("doc_id", "size"), docs=("doc_id", "nunique")).reset_index()
            sp = sp.sort_values(["frame", "hits", "actor"], ascending=[True, False, True])
            sp["frame"] = sp["frame"].map(lambda f: _frame_label(data, f))
            left_out = int(((pos["voice"] == "quote") & (pos["actor"].astype(str) == "")).sum())
            blocks.append(Table(sp.rename(columns={"actor": L["actor"], "frame": L["frame"],
                                                   "hits": L["hits"],
                                                   "docs": L["n_documents"]}),
                                L["speaker_table"], L["speaker_note"].format(n=left_out)
                                if left_out else L["speaker_note_all"]))
    if len(data.quotes):
        q = data.quotes[data.quotes["kind"] == "speech"].copy()
        if len(q):
            # the canonical actor when the actor table knows the speaker, else the
            # mention as written; unattributed quotes are counted as "—"
            q["actor"] = _speaker_names(q).replace("", "—")
            groups = data.docs.set_index("doc_id")[data.by] if data.by else None
            q["group"] = (named_groups(q["doc_id"].map(groups)) if groups is not None
                          else ALL_GROUP)
            t = q.pivot_table(index="actor", columns="group", values="quote_id", aggfunc="count",
                              fill_value=0)
            t["total"] = t.sum(axis=1)
            # most quoted first, ties in alphabetical order (was: any order within a tie,
            # so which of the tied speakers made the top list was arbitrary)
            t = t.reset_index().sort_values(["total", "actor"], ascending=[False, True],
                                            kind="stable").set_index("actor")
            rest = t.iloc[WHO_SPEAKS_TOP:]
            t = _group_columns(t.head(WHO_SPEAKS_TOP).reset_index(), data.lang)
            t.columns.name = None
            notes = []
            if len(rest):
                notes.append(L["who_speaks_top"].format(k=WHO_SPEAKS_TOP, m=len(rest),
                                                        q=int(rest["total"].sum())))
            if (t["actor"] == "—").any():
                notes.append(L["who_speaks_none"])
            blocks.append(Table(t.rename(columns={"actor": L["actor"]}), L["who_speaks"],
                                " ".join(notes)))
    return Section("voice", L["voice"], (L["voice_intro"],), tuple(blocks))


def _cooccurrence(data: ReportData, L: Mapping[str, str], figs: _Figures) -> Section:
    from .plots import textplot_cooccurrence
    from .stats import textstat_cooccurrence

    if not len(data.hits):
        return Section("cooccurrence", L["cooc"], (L["no_frames"],))
    doc = textstat_cooccurrence(data.hits, level="document")
    paragraphs = [L["cooc_intro"]]
    diagonal = doc[doc.frame_a == doc.frame_b].rename(columns={"frame_a": "frame"})
    top = _top_frames(diagonal, "n_both")
    if top is not None:
        doc = doc[doc.frame_a.isin(top) & doc.frame_b.isin(top)]
        paragraphs.append(L["cooc_top"].format(k=FIGURE_MAX_FRAMES, n=len(diagonal)))
    labels = {f: _frame_label(data, f) for f in doc["frame_a"].unique()}
    n = len(labels)
    fig = figs.draw("cooccurrence",
                    lambda ax: textplot_cooccurrence(doc, ax=ax, labels=labels, lang=data.lang),
                    L["cooc_fig"], L["cooc_fig"], size=(0.8 * n + 4, 0.7 * n + 3))
    sent = textstat_cooccurrence(data.hits, level="sentence")
    pairs = sent[(sent.frame_a < sent.frame_b) & (sent.n_both > 0)].sort_values(
        ["n_both", "frame_a", "frame_b"], ascending=[False, True, True]).head(15)
    table = pd.DataFrame({
        "A": pairs["frame_a"].map(lambda f: _frame_label(data, f)),
        "B": pairs["frame_b"].map(lambda f: _frame_label(data, f)),
        L["n_sentences"]: pairs["n_both"],
        "Jaccard": pairs["jaccard"].map(partial(_num, lang=data.lang)),
    })
    return Section("cooccurrence", L["cooc"], tuple(paragraphs),
                   (fig, Table(table, L["cooc_table"])))


def _tone(data: ReportData, L: Mapping[str, str], figs: _Figures) -> Section:
    from .plots import textplot_sentiment
    from .stats import BOOTSTRAP_MIN_N, textstat_sentiment

    no_ci = L["no_ci"].format(min_n=BOOTSTRAP_MIN_N)
    blocks: list[Table | Figure] = []
    docs = data.docs
    scores = pd.to_numeric(docs["sentiment"], errors="coerce") if "sentiment" in docs else None
    if scores is not None and scores.notna().any():
        s = textstat_sentiment(docs, docs, by=data.by)
        blocks.append(Table(pd.DataFrame({
            L["group"]: _shown_groups(s["group"], data.lang), "n": s["n_docs"],
            L["mean"]: s["mean"].map(partial(_num, lang=data.lang)),
            L["ci"]: _intervals(s.ci_low, s.ci_high, data.lang),
        }), L["tone_table"], no_ci if s["ci_low"].isna().any() else ""))
        blocks.append(figs.draw("tone", lambda ax: textplot_sentiment(s, ax=ax, lang=data.lang),
                                L["tone_fig"], L["tone_fig"], size=(9, 0.5 * len(s) + 2)))
    if len(data.actors):
        a = textstat_sentiment(data.actors, docs, by=data.by, key="actor")
        counts = data.actors.groupby("actor")["mentions"].sum()
        # the most mentioned first, ties by name: the same actors on every run
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        keep = [k for k, _ in ranked[:TONE_ACTORS_TOP]]
        a = a[a["key"].isin(keep)].sort_values(["key", "group"]).reset_index(drop=True)
        if len(a):
            notes = []
            if len(ranked) > TONE_ACTORS_TOP:
                notes.append(L["actor_top"].format(k=TONE_ACTORS_TOP,
                                                   m=len(ranked) - TONE_ACTORS_TOP))
            if a["ci_low"].isna().any():
                notes.append(no_ci)
            blocks.append(Table(pd.DataFrame({
                L["actor"]: a["key"], L["group"]: _shown_groups(a["group"], data.lang),
                "n": a["n_docs"], L["mean"]: a["mean"].map(partial(_num, lang=data.lang)),
                L["ci"]: _intervals(a.ci_low, a.ci_high, data.lang),
            }), L["actor_table"], " ".join(notes)))
            blocks.append(figs.draw("tone_actors",
                                    lambda ax: textplot_sentiment(a, ax=ax, lang=data.lang),
                                    L["actor_fig"], L["actor_fig"], size=(9, 0.4 * len(a) + 2)))
    return Section("tone", L["tone"], (L["tone_intro"],), tuple(blocks))


def _keyness(data: ReportData, L: Mapping[str, str], figs: _Figures) -> Section:
    from .plots import textplot_keyness
    from .stats import lacks_value, textstat_keyness

    intro = L["keyness_intro"].format(min_freq=KEYNESS_MIN_FREQ)
    num, p_value = partial(_num, lang=data.lang), partial(_p, lang=data.lang)
    blocks: list[Table | Figure] = []
    if len(data.lemma_counts) >= 2:
        # the documents without a group are in the others' "rest", not a target
        targets = sorted(g for g in data.lemma_counts if not lacks_value(g))
        for i, group in enumerate(targets):
            k = textstat_keyness(data.lemma_counts, group, min_freq=KEYNESS_MIN_FREQ)
            # the most over-used by G² (not by p): q is over all len(k) lemmas tested
            top = k[k["g2"] > 0].head(KEYNESS_TOP)
            blocks.append(Table(pd.DataFrame({
                L["lemma"]: top["lemma"], "G²": top["g2"].map(num),
                "log ratio": top["log_ratio"].map(num), "n": top["count_target"],
                L["n_rest"]: top["count_reference"], "p": top["p_value"].map(p_value),
                L["q_fdr"]: top["p_fdr"].map(p_value),
            }), L["keyness_table"].format(group=group),
                L["keyness_note"].format(n=_int(len(k), data.lang)) if len(top) else ""))
            if len(top):
                blocks.append(figs.draw(
                    f"keyness_{i + 1}",
                    lambda ax, k=k: textplot_keyness(k, ax=ax, top=KEYNESS_TOP, lang=data.lang),
                    L["keyness_fig"].format(group=group), L["keyness_fig"].format(group=group),
                    size=(8, 0.35 * len(top) + 1.8)))
    paragraphs = (intro,) if blocks else (intro, L["keyness_one_group"])
    return Section("keyness", L["keyness"], paragraphs, tuple(blocks))


def _over_time(data: ReportData, L: Mapping[str, str], figs: _Figures) -> Section:
    from .plots import textplot_over_time
    from .stats import textstat_over_time

    if not len(data.hits):
        return Section("time", L["time"], (L["no_frames"],))
    t = textstat_over_time(data.hits, data.docs, period=data.period)
    if not len(t):
        return Section("time", L["time"], (L["no_dates"],))
    intro = [L["time_intro"].format(period=L[data.period])]
    top = _top_frames(t, "docs_with_frame")
    drawn = t if top is None else t[t["frame"].isin(top)]
    if top is not None:
        intro.append(L["fig_top"].format(k=FIGURE_MAX_FRAMES, n=t["frame"].nunique()))
    labels = {f: _frame_label(data, f) for f in t["frame"].unique()}
    wide = t.assign(cell=_shares(t, L), label=t["frame"].map(labels)).pivot(
        index="label", columns="group", values="cell")
    wide = wide.reset_index().rename(columns={"label": L["frame"]})
    wide.columns.name = None
    fig = figs.draw("over_time",
                    lambda ax: textplot_over_time(drawn, ax=ax, labels=labels, lang=data.lang),
                    L["time_fig"], L["time_fig"], size=(11, 5))
    return Section("time", L["time"], tuple(intro), (Table(wide, L["prev_table"]), fig))


def spread_examples(examples: pd.DataFrame, k: int = EXAMPLES_PER_FRAME) -> pd.DataFrame:
    """At most ``k`` of one frame's examples, from distinct documents, taken from the
    groups in turn (round robin, groups in alphabetical order, each group's in reading
    order): the first of every group, then the second of every group, … Without a
    ``group`` column, the first ``k`` in reading order."""
    ex = examples.drop_duplicates("doc_id")
    if "group" not in ex.columns:
        return ex.head(k)
    rank = ex.groupby("group", sort=False).cumcount()
    order = pd.DataFrame({"rank": rank, "group": ex["group"].astype(str),
                          "pos": range(len(ex))}, index=ex.index)
    order = order.sort_values(["rank", "group", "pos"], kind="mergesort")
    return ex.loc[order.index].head(k)


def _speaker_names(rows: pd.DataFrame) -> pd.Series:
    """Each row's speaker as the actor table names it, else as the text wrote it."""
    speaker = rows["speaker"].fillna("").astype(str)
    if "actor" not in rows.columns:
        return speaker
    actor = rows["actor"].fillna("").astype(str)
    return actor.where(actor != "", speaker)


def _examples(data: ReportData, L: Mapping[str, str]) -> Section:
    if not len(data.examples):
        return Section("examples", L["examples"], (L["no_frames"],))
    blocks: list[Table | Figure] = []
    for frame, sub in data.examples.groupby("frame", sort=True):
        sub = spread_examples(sub)
        group = ({L["group"]: _shown_groups(sub["group"], data.lang)}
                 if "group" in sub.columns and data.by else {})
        blocks.append(Table(pd.DataFrame({
            **group,
            L["document"]: sub["doc_id"], L["left"]: sub["left"], L["match"]: sub["matched"],
            L["right"]: sub["right"],
            L["voice_col"]: sub["voice"].map(lambda x: L.get(x, x)),
            # the actor the speaker is, as the "who speaks" tables name it ("Borrell",
            # "le chef du Kremlin" were shown as written); the hits are un-negated ones
            # only (a column of "non" was dropped)
            L["speaker"]: _speaker_names(sub),
        }), _frame_label(data, str(frame))))
    return Section("examples", L["examples"],
                   (L["examples_intro"].format(k=EXAMPLES_PER_FRAME),), tuple(blocks))


def _documents(data: ReportData, L: Mapping[str, str]) -> Section:
    docs = data.docs
    cols = [c for c in ("doc_id", "title", "source", "date", "author", "n_sentences", "n_tokens",
                        "sentiment") if c in docs.columns]
    table = docs[cols].head(data.max_rows).rename(columns={
        "doc_id": L["document"], "title": L["title_col"], "source": L["source"],
        "date": L["date"], "author": L["author"], "n_sentences": L["n_sentences"],
        "n_tokens": L["n_tokens"], "sentiment": L["sentiment"]})
    paragraphs = [L["documents_intro"]]
    if len(data.pages) < len(docs):
        paragraphs.append(L["pages_limited"].format(n=len(data.pages)))
    if len(table) < len(docs):
        paragraphs.append(L["rows_limited"].format(n=_int(len(table), data.lang),
                                                   total=_int(len(docs), data.lang)))
    return Section("documents", L["documents"], tuple(paragraphs), (Table(table, ""),))


def _classifier(data: ReportData, L: Mapping[str, str]) -> Section | None:
    from .stats import BOOTSTRAP_MIN_N, kappa_cluster_ci, kappa_with_se, textstat_prevalence

    if data.classifier is None:
        return None
    rows = []
    for f, (a, b, c, d) in sorted(data.agreement.items()):
        k, _ = kappa_with_se(a, b, c, d)
        per_doc = data.agreement_by_doc.get(f)
        lo, hi = (math.nan, math.nan) if per_doc is None else kappa_cluster_ci(per_doc)
        rows.append({L["frame"]: _frame_label(data, f), L["lex_sents"]: a + b,
                     L["clf_sents"]: a + c, L["both"]: a, "κ": _num(k, data.lang),
                     L["ci"]: _interval(lo, hi, data.lang)})
    blocks: list[Table | Figure] = [Table(pd.DataFrame(rows), L["agreement_table"])]
    prev_c = textstat_prevalence(data.classifier, data.docs, by=data.by,
                                 frames=sorted(data.agreement))
    prev_l = textstat_prevalence(data.hits, data.docs, by=data.by, frames=sorted(data.agreement))
    both = prev_l.merge(prev_c, on=["group", "frame"], suffixes=("_l", "_c"))
    blocks.append(Table(pd.DataFrame({
        L["frame"]: both["frame"].map(lambda f: _frame_label(data, f)),
        L["group"]: _shown_groups(both["group"], data.lang),
        L["lexicon"]: _shares(both, L, "_l"),
        L["classifier"]: _shares(both, L, "_c"),
    }), L["clf_prev_table"]))
    model = (L["model_desc"].format(k=data.model_info[0],
                                    n=_int(data.model_info[1], data.lang),
                                    sha=data.model_info[2])
             if data.model_info else data.run.get("model", ""))
    return Section("classifier", L["clf_section"],
                   (L["clf_intro"].format(model=model, min_n=BOOTSTRAP_MIN_N),),
                   tuple(blocks))


def _method(data: ReportData, L: Mapping[str, str]) -> Section:
    from .negation import NEGATION_WINDOW
    from .stats import BOOTSTRAP_MIN_N

    lex = pd.DataFrame([{
        L["lexicon"]: x.get("name", ""), L["version"]: x.get("version", ""),
        L["n_frames"]: x.get("n_frames", ""), L["n_patterns"]: x.get("n_patterns", ""),
        L["description"]: x.get("description", ""),
    } for x in data.lexicons])
    run = data.run
    params = pd.DataFrame([
        {L["parameter"]: k, L["value"]: str(v)} for k, v in [
            ("framing", run.get("framing_version", "")),
            ("python", run.get("python", "")),
            ("corpus", run.get("corpus", "")),
            # the option names stay beside their labels: the command line below uses them
            (L["param_by"], data.by_label or data.by or "—"),
            (L["param_period"], L.get(data.period, data.period)),
            (L["param_overlap"], run.get("overlap", "frame")),
            (L["negation_window"], NEGATION_WINDOW),
            (L["sentiment_lexicon"], run.get("sentiment_lexicon", "")),
            (L["command"], " ".join(["python -m framing.report", *run.get("argv", [])])),
            *[(L["version_of"].format(k), v) for k, v in sorted(run.get("versions", {}).items())],
        ]
    ])
    paragraphs = (
        L["method_intro"],
        L["method_rules"].format(window=NEGATION_WINDOW, min_n=BOOTSTRAP_MIN_N),
        L["cite"].format(version=run.get("framing_version", "")),
    )
    blocks: list[Table | Figure] = []
    if len(lex):
        blocks.append(Table(lex, ""))
    blocks.append(Table(params, ""))
    return Section("method", L["method"], paragraphs, tuple(blocks))


#: Matplotlib settings of the report's figures. Labels come from the corpus and the
#: lexicons, so a ``$`` must stay a dollar sign and never start mathtext (two of them
#: in an outlet's name would otherwise stop the report).
FIGURE_RC: dict[str, Any] = {"font.size": 12, "svg.hashsalt": "framing",
                             "text.parse_math": False}


def render_report(staged: StagedOutput, data: ReportData) -> None:
    """Assemble the report's sections and write ``report.md``, ``index.html``,
    ``figures/*.png`` and ``documents/*.html`` into the staging folder. Matplotlib's
    global settings are left as they were (``FIGURE_RC`` applies inside only)."""
    import matplotlib

    with matplotlib.rc_context(FIGURE_RC):  # type: ignore[arg-type]
        _render_report(staged, data)


def _render_report(staged: StagedOutput, data: ReportData) -> None:
    from . import __version__

    L = LABELS[data.lang]
    figs = _Figures(staged)
    sections = [
        _overview(data, L),
        _prevalence(data, L, figs),
        _voice(data, L),
        _cooccurrence(data, L, figs),
        _tone(data, L, figs),
        _keyness(data, L, figs),
        _over_time(data, L, figs),
        _examples(data, L),
        _documents(data, L),
        _method(data, L),
    ]
    clf = _classifier(data, L)
    if clf is not None:
        sections.insert(2, clf)
    report = ReportDoc(
        title=L["title"],
        subtitle=L["subtitle"].format(name=data.corpus_name, n=len(data.docs), version=__version__),
        sections=tuple(sections),
        lang=data.lang,
        meta=dict(data.run),
    )
    staged.path("report.md").write_text(to_markdown(report), encoding="utf-8")
    pages = {p.doc_id: f"documents/{i + 1:05d}.html" for i, p in enumerate(data.pages)}
    staged.path("index.html").write_text(to_html(report, pages), encoding="utf-8")
    _write_pages(staged, data, pages, L)


# ---------------------------------------------------------------------------
# Markdown


#: A ``<`` that Markdown would read as the start of HTML or an autolink (CommonMark
#: 0.31, sections 6.5-6.6: a tag name, ``/``, ``!`` or ``?`` right after it); a ``<``
#: before a space or a digit, as in ``p < 0.001``, is plain text and stays readable.
_MD_HTML_START_RE = re.compile(r"<(?=[A-Za-z/!?])")


def _md_cell(v: Any, lang: str) -> str:
    s = _fmt(v, lang).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return _MD_HTML_START_RE.sub("&lt;", s)


def _md_table(t: Table, lang: str) -> str:
    df = t.frame
    lines = []
    if t.caption:
        lines.append(f"**{_md_cell(t.caption, lang)}**\n")
    header = [str(c) for c in df.columns]
    lines.append("| " + " | ".join(_md_cell(h, lang) for h in header) + " |")
    lines.append("|" + "|".join("---" for _ in header) + "|")
    for row in df.itertuples(index=False):
        lines.append("| " + " | ".join(_md_cell(v, lang) for v in row) + " |")
    return "\n".join(lines)


def to_markdown(report: ReportDoc) -> str:
    parts = [f"# {report.title}", "", report.subtitle, ""]
    for s in report.sections:
        parts += [f"## {s.title}", ""]
        for p in s.paragraphs:
            parts += [_md_cell(p, report.lang), ""]
        for b in s.blocks:
            if isinstance(b, Table):
                if len(b.frame):
                    parts += [_md_table(b, report.lang), ""]
                    if b.note:
                        parts += [f"*{_md_cell(b.note, report.lang)}*", ""]
            else:
                parts += [f"![{_md_cell(b.alt, report.lang)}]({b.path})", ""]
                if b.caption:
                    parts += [f"*{_md_cell(b.caption, report.lang)}*", ""]
    return "\n".join(parts).rstrip() + "\n"


# ---------------------------------------------------------------------------
# HTML


def _sha256_base64(text: str) -> str:
    """The base64 SHA-256 of ``text`` (UTF-8): a Content-Security-Policy ``'sha256-…'``
    source that lets exactly this inline script run, and no other."""
    import base64
    import hashlib

    return base64.b64encode(hashlib.sha256(str(text).encode("utf-8")).digest()).decode("ascii")


def _env():  # type: ignore[no-untyped-def]
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("framing", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["sha256_base64"] = _sha256_base64
    env.tests["numeric_cell"] = _numeric_cell
    return env


#: A table cell that is one number written as text ("0,003", "-0.08", "12 %", "< 0,001"):
#: right-aligned like the numbers, and sorted as one by the page's script (its NUMBER is
#: this pattern: groups 1, 2, 3 are the "<", the sign and the digits; a pattern both
#: Python and JavaScript read alike).
_NUMERIC_CELL = re.compile(r"\s*(<\s*)?([+\-\u2212]?)(\d+(?:[.,]\d*)?|[.,]\d+)\s*%?\s*")


def _numeric_cell(value: Any) -> bool:
    return isinstance(value, str) and _NUMERIC_CELL.fullmatch(value) is not None


def _fmt(v: Any, lang: str) -> str:
    """A table cell's text: a float with 3 decimals in ``lang``'s writing (``0,250``
    in French), no value empty, anything else as it is."""
    if v is None or (isinstance(v, float | np.floating) and math.isnan(v)):
        return ""
    if isinstance(v, float | np.floating):  # numpy's float32 prints as "1e-05" with str()
        return _fixed(float(v), 3, lang)
    return str(v)


def to_html(report: ReportDoc, pages: Mapping[str, str] | None = None) -> str:
    tpl = _env().get_template("report.html.j2")
    return tpl.render(report=report, fmt=partial(_fmt, lang=report.lang),
                      L=LABELS[report.lang], pages=pages or {},
                      numeric_pattern=f"^(?:{_NUMERIC_CELL.pattern})$")


#: Okabe–Ito colours, lightened for highlighting text (readable black text on top).
HIGHLIGHTS = ("#cce3f0", "#fbe3b3", "#b8e6d6", "#f0d4e6", "#d4ecf9", "#f6cdb3", "#faf5c2",
              "#dddddd")
#: The second cue of a highlight, one per cycle through :data:`HIGHLIGHTS`: the 9th
#: frame has the 1st frame's colour in a solid box, the 17th in a dotted box, the 25th
#: with a double underline. They differ from the cues of a negated hit (struck through,
#: dashed orange outline) and of a quotation (solid blue underline on the quote).
HIGHLIGHT_CUES = ("", "border: 2px solid #333;", "border: 2px dotted #333;",
                  "border-bottom: 4px double #333;")


def highlight_style(i: int) -> str:
    """The CSS declarations of the ``i``-th frame's highlight (class ``f{i}``).

    Every frame of a report gets its own style: a colour of :data:`HIGHLIGHTS` and a
    cue of :data:`HIGHLIGHT_CUES` for the first 8 × 4 = 32 frames; beyond them (an
    imported dictionary with many categories), light hues a golden angle apart with
    the same cues, all distinct, though neighbouring ones are close: the tooltip of
    every highlight names its frame."""
    n_colours, n_cues = len(HIGHLIGHTS), len(HIGHLIGHT_CUES)
    cue = HIGHLIGHT_CUES[(i // n_colours) % n_cues]
    if i < n_colours * n_cues:
        colour = HIGHLIGHTS[i % n_colours]
    else:
        j = i - n_colours * n_cues
        colour = f"hsl({(j * 137.508) % 360:.1f}, 75%, {82 + 2 * (j % 4)}%)"
    return f"background: {colour};" + (f" {cue}" if cue else "")


def highlight(text: str, hits: Sequence[Mapping[str, Any]], quotes: Sequence[Mapping[str, Any]],
              colours: Mapping[str, int], L: Mapping[str, str],
              labels: Mapping[str, str] | None = None) -> str:
    """The document text as HTML: hits in ``<mark>`` (class per frame colour, negated
    ones in ``<del>``-style), speech quotes in ``<q>`` with their speaker. A hit's
    tooltip gives its frame's label (``labels``: frame → label; else its id), whether
    it is negated and its voice, in ``L``'s language. All text is escaped; overlapping
    hits are shown once (the first, longest)."""
    labels = labels or {}
    from markupsafe import escape

    events: list[tuple[int, int, str]] = []  # (offset, order, html)
    taken: list[tuple[int, int]] = []
    for h in sorted(hits, key=lambda h: (int(h["char_start"]), -int(h["char_end"]))):
        s, e = int(h["char_start"]), int(h["char_end"])
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        neg = str(h.get("negated")) == "True"
        cls = f"f{colours.get(str(h['frame']), 0)}" + (" neg" if neg else "")
        frame = str(h["frame"])
        voice = str(h.get("voice", ""))
        title = (f"{labels.get(frame, frame)}{' (' + L['negated_hit'] + ')' if neg else ''} — "
                 f"{L.get(voice, voice)}")
        events.append((s, 2, f'<mark class="{cls}" title="{escape(title)}">'))
        events.append((e, 0, "</mark>"))
    for q in quotes:
        if str(q.get("kind")) != "speech":
            continue
        s, e = int(q["char_start"]), int(q["char_end"])
        who = str(q.get("actor") or q.get("speaker") or "?")
        events.append((s, 1, f'<span class="quote" title="{escape(who)}">'))
        events.append((e, 1, f'</span><sup class="speaker">{escape(who)}</sup>'))
    events.sort(key=lambda x: (x[0], x[1]))
    out: list[str] = []
    pos = 0
    for off, _, tag in events:
        if off < pos:
            continue
        out.append(str(escape(text[pos:off])))
        out.append(tag)
        pos = off
    out.append(str(escape(text[pos:])))
    return "".join(out).replace("\n", "<br>\n")


def _write_pages(staged: StagedOutput, data: ReportData, pages: Mapping[str, str],
                 L: Mapping[str, str]) -> None:
    if not data.pages:
        return
    frames = sorted({str(h["frame"]) for p in data.pages for h in p.hits}
                    | set(data.frame_labels))
    colours = {f: i for i, f in enumerate(frames)}
    tpl = _env().get_template("document.html.j2")
    for page in data.pages:
        body = highlight(page.text, page.hits, page.quotes, colours, L,
                         {f: _frame_label(data, f) for f in frames})
        legend = [(f"f{colours[f]}", _frame_label(data, f)) for f in frames
                  if any(str(h["frame"]) == f for h in page.hits)]
        html = tpl.render(page=page, body=body, legend=legend, L=L, lang=data.lang,
                          highlights=[highlight_style(i) for i in range(len(frames))],
                          fmt=partial(_fmt, lang=data.lang))
        Path(staged.path(pages[page.doc_id])).write_text(html, encoding="utf-8")
