"""framing.classify: French features, the frame classifier, evaluation, SemEval I/O,
model files and the command line. Small synthetic French data written for the tests."""

from __future__ import annotations

import csv
import json
import pickle
import random
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils import estimator_checks
from sklearn.utils.estimator_checks import parametrize_with_checks

from framing.classify import (
    CHAR_PREFIX,
    DEFAULT_THRESHOLD,
    LEXICON_PREFIX,
    MIN_POSITIVES_TO_TUNE,
    NUMBER_FEATURE,
    PERCENT_FEATURE,
    SEMEVAL_FRAMES,
    FrameClassifier,
    FrenchAnalyzer,
    IterativeStratifiedKFold,
    LabelledData,
    LexiconVectorizer,
    MajorityFrames,
    ModelFileError,
    _fold_tfidf,
    _identity,
    _lexicon_from_source,
    _lexicon_source,
    bootstrap_interval,
    cross_validate_frames,
    evaluate_model,
    evaluate_predictions,
    frame_metrics,
    iterative_stratification,
    load_data,
    load_model,
    macro_f1,
    main,
    majority_baseline,
    micro_f1,
    model_header,
    read_corpus_data,
    read_semeval,
    read_semeval_labels,
    read_table_data,
    save_model,
    text_groups,
    write_predictions,
    write_semeval_labels,
)
from framing.errors import InputError, LexiconError

DATA = Path(__file__).parent / "data"
SEMEVAL = DATA / "semeval"
LEXICON = DATA / "lexique_test.yaml"

# ---------------------------------------------------------------------------
# a small synthetic French data set (3 frames, some sentences with two, some none)

ECO, SEC, HEALTH = "Economic", "Security_and_defense", "Health_and_safety"
CUES = {
    ECO: [
        "le coût de la réforme", "la hausse des prix de l'énergie", "le budget de l'État",
        "les salaires des ouvriers", "la croissance du commerce", "les impôts des ménages",
        "le chômage des jeunes", "la dette publique", "les investissements étrangers",
        "le pouvoir d'achat des familles", "les exportations agricoles", "l'inflation des loyers",
    ],
    SEC: [
        "les exercices militaires", "la menace terroriste", "les soldats déployés à la frontière",
        "la défense antimissile", "les frappes de drones", "le renseignement militaire",
        "les patrouilles navales", "l'armée de terre", "les livraisons d'armes",
        "la protection des frontières", "les troupes de l'alliance", "la base militaire",
    ],
    HEALTH: [
        "l'épidémie de grippe", "les hôpitaux débordés", "la campagne de vaccination",
        "les médecins de garde", "la santé des enfants", "les urgences saturées",
        "la pollution de l'air", "les maladies chroniques", "les soignants épuisés",
        "les médicaments manquants", "les patients âgés", "la sécurité sanitaire",
    ],
}
FRAMES3 = (ECO, SEC, HEALTH)
ONE = [
    "Le gouvernement s'inquiète de {a}.", "Les syndicats dénoncent {a} cette semaine.",
    "Le ministre a présenté un plan sur {a}.", "Selon le rapport, {a} reste au cœur du débat.",
    "Les élus de la région évoquent {a}.", "La presse revient longuement sur {a}.",
]
TWO = ["Le débat porte à la fois sur {a} et sur {b}.", "Après {a}, les experts redoutent {b}."]
NEUTRAL = [
    "Le sommet s'ouvre lundi dans la capitale.", "La conférence de presse a eu lieu en fin de matinée.",
    "Le président arrivera mardi soir.", "Les délégations se retrouvent au palais des congrès.",
    "La réunion a été reportée à jeudi.", "Le porte-parole n'a pas souhaité commenter.",
]


def synthetic(n: int, seed: int, cues: slice) -> tuple[list[str], list[list[str]]]:
    """``n`` sentences; ``cues`` selects which cue phrases of each frame may appear
    (train and test overlap only partly, so the test needs generalisation)."""
    rng = random.Random(seed)
    texts: list[str] = []
    labels: list[list[str]] = []
    for _ in range(n):
        r = rng.random()
        if r < 0.1:
            texts.append(rng.choice(NEUTRAL))
            labels.append([])
        elif r < 0.3:
            fa, fb = rng.sample(FRAMES3, 2)
            a, b = rng.choice(CUES[fa][cues]), rng.choice(CUES[fb][cues])
            texts.append(rng.choice(TWO).format(a=a, b=b))
            labels.append(sorted([fa, fb]))
        else:  # skewed prevalence, as in news: Economic most frequent
            f = rng.choices(FRAMES3, weights=[0.5, 0.3, 0.2])[0]
            texts.append(rng.choice(ONE).format(a=rng.choice(CUES[f][cues])))
            labels.append([f])
    return texts, labels


TRAIN = synthetic(60, 1, slice(0, 8))
TEST = synthetic(40, 2, slice(4, 12))
FAST: dict[str, Any] = {"char_ngram_range": None, "cv": 3}  # for tests about the API, not about accuracy


def indicator(labels: list[list[str]], classes: tuple[str, ...] = FRAMES3) -> np.ndarray:
    return np.array([[int(c in labs) for c in classes] for labs in labels])


@pytest.fixture(scope="module")
def fitted() -> FrameClassifier:
    """The default classifier fitted on the synthetic training set."""
    return FrameClassifier(classes=FRAMES3).fit(*TRAIN)


# ---------------------------------------------------------------------------
# FrenchAnalyzer


NEG = "L'OCS n'est pas dirigée contre personne."


def test_analyzer_keeps_elided_negator_and_pas_in_surface_forms() -> None:
    feats = FrenchAnalyzer(lemma=False)(NEG)
    assert "n'" in feats and "pas" in feats and "personne" in feats
    assert "est" not in feats and "l'" not in feats  # stop words


def test_analyzer_lemmatizes_and_keeps_negation_as_ne() -> None:
    assert FrenchAnalyzer(lemma=True)(NEG) == ["ocs", "ne", "pas", "diriger", "personne"]


def test_analyzer_bigrams_join_negation_and_stay_inside_sentences() -> None:
    feats = FrenchAnalyzer(lemma=True, ngram_range=(1, 2))(NEG + " Moscou approuve.")
    assert "ne pas" in feats and "pas diriger" in feats
    assert "personne moscou" not in feats


def test_analyzer_char_ngrams_are_prefixed_and_padded() -> None:
    feats = FrenchAnalyzer(ngram_range=None, char_ngram_range=(3, 3))("Paix")
    assert feats == [CHAR_PREFIX + g for g in (" pa", "pai", "aix", "ix ")]


def test_analyzer_numbers_become_placeholders() -> None:
    assert FrenchAnalyzer()("Hausse de 3,5 % en 2024") == [
        "hausse", PERCENT_FEATURE, NUMBER_FEATURE]
    assert FrenchAnalyzer(numbers=False)("Hausse de 3,5 % en 2024") == ["hausse"]


def test_analyzer_options_stop_words_and_accents() -> None:
    assert "être" in FrenchAnalyzer(stop_words=False)(NEG)
    assert FrenchAnalyzer(lemma=False, accents=False)("Hégémonie américaine") == [
        "hegemonie", "americaine"]


def test_analyzer_plugs_into_tfidf_and_is_picklable() -> None:
    an = FrenchAnalyzer(lemma=True, ngram_range=(1, 2))
    vec = TfidfVectorizer(analyzer=an).fit(["Les prix n'augmentent pas.", "Les prix montent."])
    assert "ne augmenter" in vec.vocabulary_ and "augmenter pas" in vec.vocabulary_
    again = pickle.loads(pickle.dumps(vec))
    assert again.analyzer == an and again.transform(["Les prix."]).shape == (1, len(vec.vocabulary_))
    assert clone(vec).analyzer == an


def test_analyzer_rejects_bad_ranges_and_non_text() -> None:
    with pytest.raises(ValueError, match="ngram_range"):
        FrenchAnalyzer(ngram_range=(2, 1))("texte")
    with pytest.raises(ValueError, match="needs ngram_range"):
        FrenchAnalyzer(ngram_range=None)("texte")
    with pytest.raises(ValueError, match="str"):
        FrenchAnalyzer()(b"octets")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# LexiconVectorizer

LEX_TEXT = "Les prix et le chômage inquiètent, mais l'armée n'est pas une menace terroriste."


def test_lexicon_vectorizer_counts_unnegated_hits_per_1000_words() -> None:
    # 15 word tokens; economie: prix, chômage; securite: armée (+ a negated "menace terroriste")
    vec = LexiconVectorizer(lexicon=LEXICON).fit([LEX_TEXT])
    assert list(vec.get_feature_names_out()) == ["economie", "securite"]
    np.testing.assert_allclose(vec.transform([LEX_TEXT]), [[2000 / 15, 1000 / 15]])


def test_lexicon_vectorizer_negated_hits_as_separate_features_and_raw_counts() -> None:
    vec = LexiconVectorizer(lexicon=LEXICON, negated=True, per_tokens=None).fit([])
    assert list(vec.get_feature_names_out()) == [
        "economie", "securite", "economie:negated", "securite:negated"]
    np.testing.assert_array_equal(vec.transform([LEX_TEXT, ""]), [[2, 1, 0, 1], [0, 0, 0, 0]])


def test_lexicon_vectorizer_keeps_the_lexicon_source_and_survives_pickling() -> None:
    vec = LexiconVectorizer(lexicon=LEXICON).fit([])
    assert vec.lexicon_source_ == ("lexique_test.yaml", LEXICON.read_text(encoding="utf-8"))
    again = pickle.loads(pickle.dumps(vec))
    assert "_matcher" not in again.__dict__  # rebuilt from the source on first use
    np.testing.assert_allclose(again.transform([LEX_TEXT]), vec.transform([LEX_TEXT]))


def test_lexicon_built_in_code_round_trips_through_its_source() -> None:
    from framing.lexicon import make_lexicon

    lex = make_lexicon({"paix": ["paix", {"lemma": "négocier", "then": "trêve", "gap": 2}],
                        "guerre": ["guerre*"]}, name="enligne")
    back = _lexicon_from_source(_lexicon_source(lex))
    assert list(back.frames) == ["paix", "guerre"]
    for fid in lex.frames:
        assert [p.key for p in back.frames[fid].patterns] == [
            p.key for p in lex.frames[fid].patterns]
    vec = LexiconVectorizer(lexicon=lex, per_tokens=None).fit([])
    assert vec.transform(["Ils négocient une trêve malgré la guerre."]).tolist() == [[1.0, 1.0]]


def test_lexicon_vectorizer_errors_at_fit() -> None:
    with pytest.raises(LexiconError, match="no shipped lexicon"):
        LexiconVectorizer(lexicon="inexistant").fit([])
    with pytest.raises(ValueError, match="per_tokens"):
        LexiconVectorizer(lexicon=LEXICON, per_tokens=0).fit([])
    with pytest.raises(ValueError, match="one string"):
        LexiconVectorizer(lexicon=LEXICON).fit("un seul texte")


# ---------------------------------------------------------------------------
# scikit-learn conventions
#
# The estimators take texts, so they declare it with tags (input_tags.string=True,
# two_d_array=False, one_d_array=True; multi-label target tags for the classifiers).
# From those tags, scikit-learn's parametrize_with_checks runs check_estimator_cloneable
# and skips every check that feeds numeric 2-D arrays (with a SkipTestWarning naming
# the input tags). The data-independent API checks are run explicitly below, and the
# numeric data checks that matter are re-done with texts (fit returns self, idempotent
# fit, parameters untouched, only trailing-underscore attributes set by fit, batch and
# order invariance, pickling, unfitted errors).

ESTIMATORS = [
    LexiconVectorizer(lexicon=str(LEXICON)),
    FrameClassifier(lexicon=str(LEXICON), **FAST),
    MajorityFrames(),
]


@parametrize_with_checks(ESTIMATORS)
def test_sklearn_checks_for_text_estimators(estimator: Any, check: Any) -> None:
    check(estimator)


API_CHECKS = [
    "check_estimator_tags_renamed", "check_valid_tag_types", "check_estimator_repr",
    "check_no_attributes_set_in_init", "check_do_not_raise_errors_in_init_or_set_params",
    "check_mixin_order", "check_parameters_default_constructible",
    "check_get_params_invariance", "check_set_params", "check_estimators_unfitted",
]


@pytest.mark.parametrize("name", API_CHECKS)
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_sklearn_api_checks_that_need_no_numeric_data(estimator: Any, name: str) -> None:
    getattr(estimator_checks, name)(type(estimator).__name__, clone(estimator))


def test_tags_declare_text_input_and_multilabel_targets() -> None:
    from sklearn.utils import get_tags

    for est in ESTIMATORS:
        tags = get_tags(est)
        assert tags.input_tags.string and not tags.input_tags.two_d_array
    clf_tags = get_tags(ESTIMATORS[1])
    assert clf_tags.classifier_tags.multi_label and clf_tags.target_tags.multi_output


def _outputs(est: Any, X: list[str]) -> np.ndarray:
    return est.transform(X) if hasattr(est, "transform") else est.predict(X)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_text_versions_of_the_data_checks(estimator: Any) -> None:
    X, Y = TRAIN[0][:30], TRAIN[1][:30]
    est = clone(estimator)
    with pytest.raises(NotFittedError):
        _outputs(est, X)
    params = {k: repr(v) for k, v in est.get_params().items()}
    before = set(vars(est))
    assert est.fit(X, Y) is est
    assert {k: repr(v) for k, v in est.get_params().items()} == params
    added = set(vars(est)) - before
    assert all(a.endswith("_") or a.startswith("_") for a in added), added
    out = _outputs(est, X)
    state = {k: repr(v) for k, v in vars(est).items() if not k.startswith("_")}
    np.testing.assert_allclose(_outputs(est, X[5:9]), out[5:9])  # batch invariance
    np.testing.assert_allclose(_outputs(est, X[::-1]), out[::-1])  # order invariance
    assert {k: repr(v) for k, v in vars(est).items() if not k.startswith("_")} == state
    np.testing.assert_allclose(_outputs(clone(estimator).fit(X, Y), X), out)  # idempotent
    np.testing.assert_allclose(_outputs(pickle.loads(pickle.dumps(est)), X), out)
    assert not hasattr(clone(est), "classes_") and not hasattr(clone(est), "frames_")


# ---------------------------------------------------------------------------
# FrameClassifier


def test_classifier_learns_synthetic_frames_and_beats_the_majority_baseline(
    fitted: FrameClassifier,
) -> None:
    Yt = indicator(TEST[1])
    model = micro_f1(Yt, fitted.predict(TEST[0]))
    base = micro_f1(Yt, MajorityFrames(classes=FRAMES3).fit(*TRAIN).predict(TEST[0]))
    assert model >= 0.70 and base <= 0.55 and model - base >= 0.2, (model, base)
    assert fitted.lexicon_vectorizer_ is not None
    assert fitted.lexicon_vectorizer_.lexicon_name_ == "cadres_generiques"  # "auto"


@pytest.mark.parametrize("model", ["svm", "cnb"])
def test_other_linear_models_also_beat_the_baseline(model: str) -> None:
    clf = FrameClassifier(model=model, classes=FRAMES3, lexicon=None, **FAST).fit(*TRAIN)
    base = micro_f1(indicator(TEST[1]), MajorityFrames().fit(*TRAIN).predict(TEST[0]))
    assert micro_f1(indicator(TEST[1]), clf.predict(TEST[0])) > base


def test_thresholds_come_from_training_data_only(fitted: FrameClassifier) -> None:
    again = FrameClassifier(classes=FRAMES3).fit(*TRAIN)
    np.testing.assert_array_equal(again.thresholds_, fitted.thresholds_)  # deterministic
    t0 = again.thresholds_.copy()
    batch = again.predict(TEST[0])
    other = again.predict(TEST[0][:7] + synthetic(20, 99, slice(0, 12))[0])
    np.testing.assert_array_equal(again.thresholds_, t0)  # unchanged by what is predicted
    np.testing.assert_array_equal(other[:7], batch[:7])  # a text's labels ignore its batch
    lo, hi = again.threshold_bounds
    assert ((t0 >= lo) & (t0 <= hi)).all()


def test_rare_frames_keep_the_default_threshold() -> None:
    texts, labels = TRAIN
    labels = [[x for x in labs if x != HEALTH] for labs in labels]
    rare = [i for i, t in enumerate(texts) if any(c in t for c in CUES[HEALTH][:8])]
    for i in rare[: MIN_POSITIVES_TO_TUNE - 1]:
        labels[i] = [*labels[i], HEALTH]
    clf = FrameClassifier(classes=FRAMES3, lexicon=None, **FAST).fit(texts, labels)
    assert clf.thresholds_[FRAMES3.index(HEALTH)] == DEFAULT_THRESHOLD


def test_min_labels_fallback_gives_every_text_its_most_likely_frame() -> None:
    X = [*TEST[0], "Il pleut.", ""]
    strict = FrameClassifier(classes=FRAMES3, threshold=0.95, min_labels=0, **FAST).fit(*TRAIN)
    assert (strict.predict(X).sum(1) == 0).any()
    fallback = clone(strict).set_params(min_labels=1).fit(*TRAIN)
    pred = fallback.predict(X)
    assert (pred.sum(1) >= 1).all()
    best = fallback.predict_proba(X).argmax(1)  # equal thresholds: the highest score
    assert (pred[np.arange(len(X)), best] == 1).all()


def test_min_labels_cv_stays_within_the_label_cardinality(fitted: FrameClassifier) -> None:
    assert fitted.min_labels_ in (0, 1)  # mean labels per sentence is about 1.1
    assert 0 <= fitted.cv_micro_f1_ <= 1


def test_predict_labels_proba_and_decision_agree(fitted: FrameClassifier) -> None:
    X = TEST[0][:6]
    pred = fitted.predict(X)
    assert pred.shape == (6, 3) and list(fitted.classes_) == list(FRAMES3)
    assert fitted.predict_labels(X) == [[c for c, v in zip(FRAMES3, row, strict=True) if v]
                                        for row in pred]
    np.testing.assert_allclose(fitted.predict_proba(X),
                               1 / (1 + np.exp(-fitted.decision_function(X))))
    assert fitted.score(TEST[0], TEST[1]) == pytest.approx(micro_f1(indicator(TEST[1]),
                                                                    fitted.predict(TEST[0])))


def test_labels_as_lists_matrix_or_dataframe_give_the_same_model() -> None:
    Y = indicator(TRAIN[1])
    a = FrameClassifier(classes=FRAMES3, lexicon=None, **FAST).fit(*TRAIN)
    b = FrameClassifier(classes=FRAMES3, lexicon=None, **FAST).fit(TRAIN[0], Y)
    c = FrameClassifier(lexicon=None, **FAST).fit(TRAIN[0], pd.DataFrame(Y, columns=FRAMES3))
    for other in (b, c):
        assert list(other.classes_) == list(FRAMES3)
        np.testing.assert_allclose(other.coef_, a.coef_)


def test_a_frame_absent_from_training_is_a_column_never_predicted() -> None:
    classes = (*FRAMES3, "Morality")
    clf = FrameClassifier(classes=classes, lexicon=None, **FAST).fit(*TRAIN)
    assert clf.predict(TEST[0])[:, 3].sum() == 0 and clf.label_counts_[3] == 0


def test_invalid_parameters_fail_at_fit_not_init() -> None:
    bad_params: list[dict[str, Any]] = [
        {"model": "tree"}, {"C": 0}, {"threshold": 1.5}, {"min_labels": -1},
        {"threshold_bounds": (0.9, 0.1)}, {"cv": 1}, {"class_weight": "auto"}]
    for bad in bad_params:
        clf = FrameClassifier(**bad)
        with pytest.raises(ValueError, match=next(iter(bad))):
            clf.fit(*TRAIN)
    with pytest.raises(ValueError, match="not one of the classes"):
        FrameClassifier(classes=(ECO,)).fit(*TRAIN)


def test_explain_lists_the_features_that_pushed_each_frame(fitted: FrameClassifier) -> None:
    text = next(t for t, labs in zip(*TRAIN, strict=True) if labs == [SEC])
    ex = fitted.explain(text, k=5)
    assert list(ex.columns) == ["frame", "score", "threshold", "predicted", "rank", "feature",
                                "value", "weight", "contribution"]
    assert ex["frame"].iloc[0] == SEC and bool(ex["predicted"].iloc[0])
    np.testing.assert_allclose(ex["contribution"], ex["value"] * ex["weight"])
    assert (ex.groupby("frame")["rank"].max() <= 5).all()
    cue = next(c for c in CUES[SEC] if c in text)
    words = set(FrenchAnalyzer(ngram_range=(1, 2))(cue))
    assert words & set(ex[ex["frame"] == SEC]["feature"]), (cue, ex)


def test_top_features_name_words_char_ngrams_and_lexicon(fitted: FrameClassifier) -> None:
    top = fitted.top_features(k=15)
    assert list(top.columns) == ["frame", "rank", "feature", "weight"]
    names = fitted.feature_names()
    assert len(names) == fitted.coef_.shape[1]
    assert any(n.startswith(CHAR_PREFIX) for n in names)
    assert f"{LEXICON_PREFIX}{ECO}" in set(names)
    eco = set(top[top["frame"] == ECO]["feature"])
    assert eco & {"prix", "budget", "coût", "salaire", "impôt", "chômage", f"{LEXICON_PREFIX}{ECO}"}


def test_top_features_and_explain_take_a_positive_k(fitted: FrameClassifier) -> None:
    # was: k=-2 returned all but the last two features of every frame
    with pytest.raises(ValueError, match=r"^k must be a whole number >= 1, not -2$"):
        fitted.top_features(k=-2)
    with pytest.raises(ValueError, match=r"^k must be a whole number >= 1, not 0$"):
        fitted.explain("Le prix du pain augmente.", k=0)


def test_fold_tfidf_equals_refitting_a_tfidf_vectorizer() -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    an = FrenchAnalyzer(ngram_range=(1, 2))
    docs = [an(t) for t in TRAIN[0][:20]]
    C = CountVectorizer(analyzer=_identity).fit_transform(docs)
    tr, te = np.arange(0, 14), np.arange(14, 20)
    X_tr, X_te = _fold_tfidf(C, tr, te, 2, True)  # type: ignore[misc]
    vec = TfidfVectorizer(analyzer=_identity, min_df=2, sublinear_tf=True)
    ref_tr = vec.fit_transform([docs[i] for i in tr])
    ref_te = vec.transform([docs[i] for i in te])
    np.testing.assert_allclose(np.sort(X_tr.toarray(), 1), np.sort(ref_tr.toarray(), 1))
    np.testing.assert_allclose(np.sort(X_te.toarray(), 1), np.sort(ref_te.toarray(), 1))


# ---------------------------------------------------------------------------
# metrics, bootstrap, stratification, baseline

GOLD = np.array([[1, 0, 0, 0], [1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]])
PRED = np.array([[1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]])


def test_micro_and_macro_f1_by_hand() -> None:
    # frame 0: TP 2 -> F1 1; frame 1: FP 1, FN 1 -> 0; frame 2: FN 1 -> 0; frame 3 undefined
    assert micro_f1(GOLD, PRED) == pytest.approx(4 / 7)  # 2*2 / (2*2 + 1 + 2)
    assert macro_f1(GOLD, PRED) == pytest.approx(1 / 3)
    from sklearn.metrics import f1_score

    assert micro_f1(GOLD, PRED) == pytest.approx(f1_score(GOLD, PRED, average="micro"))


def test_frame_metrics_by_hand() -> None:
    m = frame_metrics(GOLD, PRED, ["a", "b", "c", "d"])
    assert m["support"].tolist() == [2, 1, 1, 0] and m["predicted"].tolist() == [2, 1, 0, 0]
    assert m["precision"].tolist()[:2] == [1.0, 0.0] and np.isnan(m["precision"][2])
    assert m["recall"].tolist()[:3] == [1.0, 0.0, 0.0] and np.isnan(m["recall"][3])
    assert m["f1"].tolist()[:3] == [1.0, 0.0, 0.0] and np.isnan(m["f1"][3])


def test_bootstrap_interval_contains_the_estimate_and_is_seeded() -> None:
    rng = np.random.default_rng(0)
    T = (rng.random((80, 5)) < 0.3).astype(int)
    P = np.where(rng.random((80, 5)) < 0.8, T, 1 - T)
    point, lo, hi = bootstrap_interval(T, P, n_boot=500, seed=7)
    assert lo < point < hi and point == pytest.approx(micro_f1(T, P))
    assert bootstrap_interval(T, P, n_boot=500, seed=7) == (point, lo, hi)
    assert bootstrap_interval(T, P, n_boot=500, seed=8) != (point, lo, hi)
    assert bootstrap_interval(T, T, "macro_f1", n_boot=100) == (1.0, 1.0, 1.0)


def test_iterative_stratification_keeps_label_proportions() -> None:
    worst, worst_random = [], []
    for seed in range(8):
        r = np.random.default_rng(seed)
        Y = (r.random((60, 6)) < [0.5, 0.3, 0.2, 0.1, 0.05, 0.4]).astype(int)
        folds = iterative_stratification(Y, 5, random_state=seed)
        assert np.abs(np.bincount(folds, minlength=5) - 12).max() <= 2
        expected = Y.sum(0) / 5
        worst.append(max(np.abs(Y[folds == f].sum(0) - expected).max() for f in range(5)))
        plain = r.permutation(np.arange(60) % 5)
        worst_random.append(max(np.abs(Y[plain == f].sum(0) - expected).max()
                                for f in range(5)))
    assert max(worst) < 2 and np.mean(worst) < np.mean(worst_random) / 2
    np.testing.assert_array_equal(iterative_stratification(Y, 5, random_state=3),
                                  iterative_stratification(Y, 5, random_state=3))


def test_iterative_stratified_kfold_is_a_cv_splitter() -> None:
    cv = IterativeStratifiedKFold(3, random_state=0)
    seen = np.concatenate([te for _, te in cv.split(TRAIN[0], TRAIN[1])])
    assert sorted(seen.tolist()) == list(range(60)) and cv.get_n_splits() == 3


def test_majority_baseline_chooses_k_on_training_counts() -> None:
    # counts 5, 3, 1 over 6 docs: k=1 -> 10/20, k=2 -> 16/29, k=3 -> 18/36
    order, k = majority_baseline([1, 5, 3], 6)
    assert order.tolist() == [1, 2, 0] and k == 2
    base = MajorityFrames().fit(["a"] * 4, [["x", "y"], ["x"], ["x"], []])
    assert base.predict_labels(["b", "c"]) == [["x"], ["x"]]


def test_evaluate_model_reports_baseline_and_paired_difference(fitted: FrameClassifier) -> None:
    ev = evaluate_model(fitted, TEST[0], TEST[1], n_boot=200)
    rows = {r["system"]: r for r in ev.summary.to_dict(orient="records")}
    assert list(rows) == ["model", "majority baseline", "model - baseline"]
    model, base = rows["model"], rows["majority baseline"]
    assert rows["model - baseline"]["micro_f1"] == pytest.approx(
        model["micro_f1"] - base["micro_f1"])
    assert model["micro_f1_low"] <= model["micro_f1"] <= model["micro_f1_high"]
    assert ev.baseline_frames is not None and ev.baseline_frames[0] == ECO
    assert set(ev.per_frame["system"]) == {"model", "majority baseline"}
    json.dumps(ev.to_dict())


def test_cross_validate_frames_pools_out_of_fold_predictions() -> None:
    est = FrameClassifier(lexicon=None, **FAST)
    with pytest.warns(UserWarning, match="^10 of 60 texts repeat another text"):
        cv = cross_validate_frames(TRAIN[0], TRAIN[1], classes=FRAMES3, estimator=est, folds=3,
                                   n_boot=100)
    assert cv.predictions.shape == (60, 3) and len(cv.folds) == 3
    assert cv.evaluation.n_documents == 60 and cv.evaluation.baseline_frames is None
    rows = {r["system"]: r for r in cv.evaluation.summary.to_dict(orient="records")}
    assert rows["model"]["micro_f1"] > rows["majority baseline"]["micro_f1"]


# ---------------------------------------------------------------------------
# data: SemEval format, tables, corpus + annotations


def test_fixtures_mix_crlf_and_lf_line_ends() -> None:
    assert b"\r\n" in (SEMEVAL / "articles" / "article101.txt").read_bytes()
    assert b"\r" not in (SEMEVAL / "articles" / "article102.txt").read_bytes()
    assert (SEMEVAL / "articles" / "article103.txt").read_bytes().startswith(b"\xef\xbb\xbf")


def test_read_semeval_articles_and_labels() -> None:
    d = read_semeval(SEMEVAL / "articles", SEMEVAL / "train-labels.txt")
    assert d.ids == ("101", "102", "103", "104", "105", "106", "107", "108")
    assert d.classes == SEMEVAL_FRAMES and d.format == "semeval"
    assert d.labels is not None and d.labels[0] == ("Economic", "Fairness_and_equality")
    assert all("\r" not in t for t in d.texts)
    assert d.texts[0].startswith("La facture d'électricité s'envole pour les ménages\n\nLe prix")
    assert d.texts[2].startswith("Les urgences")  # byte-order mark removed
    assert d.texts[1].count("\n") == d.texts[0].count("\n") == 4  # same layout, LF or CRLF
    everything = read_semeval(SEMEVAL / "articles")
    assert everything.labels is None and len(everything) == 12 and everything.ids[-1] == "112"


def test_semeval_labels_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "labels.txt"
    bad.write_text("101\tEconomic\n102 Political\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.txt:2: expected '<ID><TAB>"):
        read_semeval_labels(bad)
    bad.write_text("101\tEconomy\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.txt:1: unknown frame 'Economy'"):
        read_semeval_labels(bad)
    bad.write_text("999\tEconomic\n", encoding="utf-8")
    with pytest.raises(InputError, match="article 999 has labels but there is no"):
        read_semeval(SEMEVAL / "articles", bad)


def test_predictions_are_written_in_the_labels_format(tmp_path: Path) -> None:
    out = tmp_path / "pred.txt"
    write_semeval_labels(out, ["7", "8"], [["Economic", "Political"], []])
    assert out.read_bytes() == b"7\tEconomic,Political\n8\t\n"
    assert read_semeval_labels(out) == {"7": ("Economic", "Political"), "8": ()}


def test_write_predictions_by_suffix(tmp_path: Path) -> None:
    data = LabelledData(("d1", "d1"), ("a", "b"), sent_ids=("0", "2"))
    scores = np.array([[0.9, 0.1], [0.2, 0.3]])
    assert write_predictions(tmp_path / "p.csv", data, [["x"], []], scores=scores,
                             classes=["x", "y"]) == "csv"
    table = pd.read_csv(tmp_path / "p.csv", dtype=str, keep_default_na=False)
    assert list(table.columns) == ["id", "doc_id", "sent_id", "labels", "score_x", "score_y"]
    assert table["id"].tolist() == ["d1#0", "d1#2"]
    write_predictions(tmp_path / "p.jsonl", data, [["x"], []], scores=scores, classes=["x", "y"])
    first = json.loads((tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first == {"id": "d1#0", "doc_id": "d1", "sent_id": "0", "labels": ["x"],
                     "scores": {"x": 0.9, "y": 0.1}}
    assert write_predictions(tmp_path / "p.txt", data, [["x"], []]) == "semeval"


PRED_DATA = LabelledData(("d1", "d1"), ("a", "b"), sent_ids=("0", "2"))


def _no_space(src: Any, dst: Any) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("name", ["p.csv", "p.jsonl", "p.txt"])
def test_write_predictions_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     name: str) -> None:
    out = tmp_path / name
    out.write_text("previous\n", encoding="utf-8")
    monkeypatch.setattr("os.replace", _no_space)  # the last step of an atomic write
    with pytest.raises(InputError) as exc:
        write_predictions(out, PRED_DATA, [["x"], []], scores=np.array([[0.9, 0.1], [0.2, 0.3]]),
                          classes=["x", "y"])
    assert str(exc.value) == f"{out}: cannot be written (No space left on device)"
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [f.name for f in tmp_path.iterdir()] == [name]  # no temporary file left


def test_predictions_failing_midway_leave_the_previous_file(tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    out.write_text("previous\n", encoding="utf-8")
    scores = np.array([[0.9, 0.1], ["?", 0.3]], dtype=object)  # the second row cannot be written
    with pytest.raises(ValueError, match="Unknown format code 'f'"):
        write_predictions(out, PRED_DATA, [["x"], []], scores=scores, classes=["x", "y"])
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [f.name for f in tmp_path.iterdir()] == ["p.csv"]


def test_semeval_labels_are_written_atomically(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pred.txt"
    out.write_bytes(b"1\tEconomic\n")
    monkeypatch.setattr("os.replace", _no_space)
    with pytest.raises(InputError, match=r"pred.txt: cannot be written \(No space left"):
        write_semeval_labels(out, ["7"], [["Political"]])
    assert out.read_bytes() == b"1\tEconomic\n"
    assert [f.name for f in tmp_path.iterdir()] == ["pred.txt"]

def test_tables_with_label_columns(tmp_path: Path) -> None:
    csv_path = tmp_path / "train.csv"
    csv_path.write_text('id,text,labels\nA,"Les prix montent.","Economic,Political"\n'
                        'B,"Le calme.",\n', encoding="utf-8")
    d = read_table_data(csv_path)
    assert d.ids == ("A", "B") and d.labels == (("Economic", "Political"), ())
    # a French-locale spreadsheet writes ";" between frames: was one frame "Economic;Political"
    csv_path.write_text('id;text;labels\nA;"Les prix montent.";"Economic;Political"\n'
                        'B;"Le calme.";Security | Political\n', encoding="utf-8")
    assert read_table_data(csv_path).labels == (("Economic", "Political"),
                                                ("Security", "Political"))
    jl = tmp_path / "train.jsonl"
    jl.write_text('{"doc_id": "s1", "sent_id": 3, "texte": "Les soldats.", "frames": ["Security"]}\n',
                  encoding="utf-8")
    d = load_data(jl)
    assert d.format == "jsonl" and d.labels == (("Security",),) and d.item_ids == ("s1#3",)


def test_a_table_of_sentences_keeps_each_article_in_one_group(tmp_path: Path) -> None:
    # was: "doc_id 'a.txt' is already the id of row 1", every sentence after an
    # article's first refused as a repeated article
    table = tmp_path / "phrases.csv"
    table.write_text(
        "doc_id,sent_id,text,labels\n"
        "astana.txt,1,Pékin se veut un contrepoids à l'hégémonie américaine.,counterweight\n"
        "astana.txt,2,Le port de Gwadar sera agrandi.,development\n"
        "tianjin.txt,1,Cette coopération n'est dirigée contre personne.,not_against\n"
        "tianjin.txt,2,Moscou fournira du gaz à la Chine pendant trente ans.,development\n",
        encoding="utf-8")
    d = read_table_data(table)
    assert (d.ids, d.sent_ids, d.item_ids[1]) == (
        ("astana.txt", "astana.txt", "tianjin.txt", "tianjin.txt"), ("1", "2", "1", "2"),
        "astana.txt#2")
    assert d.labels == (("counterweight",), ("development",), ("not_against",),
                        ("development",))
    assert text_groups(d.texts, d.ids).tolist() == [0, 0, 1, 1]
    # the sentence ids chosen as the ids: each row its own text, as before (was refused
    # as "both the id column and the sentence column")
    table.write_text("doc_id,sent_id,text,labels\n"
                     "astana.txt,s1,Pékin se veut un contrepoids.,counterweight\n"
                     "astana.txt,s2,Le port de Gwadar sera agrandi.,development\n",
                     encoding="utf-8")
    assert read_table_data(table, id_col="sent_id").ids == ("s1", "s2")


def test_corpus_with_annotation_file_keyed_by_doc_and_sentence(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Titre\n\nLes prix montent. L'armée patrouille.",
                                  encoding="utf-8")
    ann = tmp_path / "ann.csv"
    ann.write_text("doc_id,sent_id,labels\na.txt,2,Security_and_defense\na.txt,1,Economic\n",
                   encoding="utf-8")
    d = read_corpus_data(corpus, ann)
    assert d.texts == ("L'armée patrouille.", "Les prix montent.")
    assert d.labels == (("Security_and_defense",), ("Economic",)) and d.sent_ids == ("2", "1")
    ann.write_text("doc_id,sent_id,labels\na.txt,9,Economic\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"ann.csv:2: sent_id '9' is not a sentence of a.txt"):
        read_corpus_data(corpus, ann)


def test_labels_of_a_corpus_file_that_could_not_be_read_say_why(tmp_path: Path) -> None:
    # was "doc_id 'scan.txt' is not in the corpus", though the file is there
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Titre\n\nLes prix montent.", encoding="utf-8")
    (corpus / "scan.txt").write_bytes(b"%PDF-1.7 \x00\x01")
    ann = tmp_path / "ann.csv"
    ann.write_text("doc_id,labels\na.txt,Economic\nscan.txt,Economic\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_corpus_data(corpus, ann)
    assert str(exc.value) == (
        f"{ann}:3: doc_id 'scan.txt' names a file of the corpus that could not be read (this is a PDF "
        "file, not text); fix the file or drop its labels")


def test_load_data_needs_labels_to_train(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no labels found"):
        load_data(SEMEVAL / "articles")
    assert load_data(SEMEVAL / "articles", require_labels=False).format == "semeval"


def test_load_data_expands_home_and_refuses_a_format_the_file_contradicts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # was: --format jsonl on a .csv (or csv on a .jsonl, a folder) read it by its suffix
    table = tmp_path / "train.csv"
    table.write_text("text,labels\nPékin dénonce l'hégémonie américaine.,contrepoids\n",
                     encoding="utf-8")
    assert load_data(table, format="csv").labels == (("contrepoids",),)
    monkeypatch.setenv("HOME", str(tmp_path))  # was: "~/train.csv: no such file or folder"
    assert load_data("~/train.csv").texts == ("Pékin dénonce l'hégémonie américaine.",)
    problems = []
    for data, fmt in ((table, "jsonl"), (tmp_path, "csv")):
        with pytest.raises(InputError) as exc:
            load_data(data, format=fmt)
        problems.append(str(exc.value))
    assert problems == [
        f"{table}: format 'jsonl' is read from a .jsonl file; rename the file to its format, "
        "or leave the format out",
        f"{tmp_path}: format 'csv' is for a table file and this is a folder; use 'corpus' or "
        "'semeval', or leave the format out",
    ]


@pytest.fixture
def one_doc_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "A.txt").write_text("Titre\n\nLes prix montent encore cette semaine.",
                                  encoding="utf-8")
    return corpus


@pytest.fixture
def default_csv_field_limit() -> Any:
    """The csv module's default 128 KB cell limit, whatever earlier tests raised it to."""
    old = csv.field_size_limit(128 * 1024)
    yield
    csv.field_size_limit(old)


def labels_error(corpus: Path, labels: Path) -> str:
    """The one-line error of reading ``corpus`` with the labels file ``labels``."""
    with pytest.raises(InputError) as exc:
        read_corpus_data(corpus, labels)
    return str(exc.value)


def test_a_labels_row_with_more_cells_than_the_header_is_one_line(
        one_doc_corpus: Path, tmp_path: Path) -> None:
    labels = tmp_path / "l.csv"
    labels.write_text("doc_id,labels\nA.txt,a,extra\n", encoding="utf-8")
    assert labels_error(one_doc_corpus, labels) == (f"{labels}:2: this row has 3 cells, the header 2; quote cells "
                              "that contain ',' or name every column in the header")
    labels.write_text("doc_id,labels\nA.txt,a,\n", encoding="utf-8")  # an empty extra cell
    assert read_corpus_data(one_doc_corpus, labels).labels == (("a",),)


def test_labels_nested_too_deeply_are_one_line(one_doc_corpus: Path, tmp_path: Path) -> None:
    labels = tmp_path / "l.jsonl"
    labels.write_text('{"doc_id": "A.txt", "labels": ["a"]}\n'
                      + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert labels_error(one_doc_corpus, labels) == (f"{labels}:2: malformed JSON (nested too deeply); fix or remove "
                              "this line")
    table = tmp_path / "t.csv"
    table.write_text('text,labels\nLes prix montent.,"' + "[" * 5000 + "]" * 5000 + '"\n',
                     encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_table_data(table)
    assert str(exc.value) == (f"{table}: row 1: the labels are nested too deeply; give a flat "
                              'JSON list of frame names, e.g. ["Economic", "Political"]')


def test_a_labels_table_with_a_cell_over_128_kb_is_read(
        one_doc_corpus: Path, tmp_path: Path, default_csv_field_limit: None) -> None:
    labels = tmp_path / "l.csv"
    labels.write_text(f'doc_id,labels,comment\nA.txt,Economic,"{"long note " * 20_000}"\n',
                      encoding="utf-8")
    assert read_corpus_data(one_doc_corpus, labels).labels == (("Economic",),)


def test_label_file_errors_name_the_file(one_doc_corpus: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    labels = tmp_path / "l.jsonl"
    labels.write_text('{"doc_id": "A.txt", "labels": [' + "1" * 5000 + "]}\n", encoding="utf-8")
    assert labels_error(one_doc_corpus, labels) == (f"{labels}:1: malformed JSON (a number of more than 4,300 "
                              "digits); fix or remove this line")
    sheet = tmp_path / "s.csv"
    sheet.write_text("doc_id,sent_id,labels\nA.txt," + "1" * 5000 + ",Economic\n",
                     encoding="utf-8")
    assert labels_error(one_doc_corpus, sheet) == (f"{sheet}:2: sent_id '{'1' * 40}…' is not a sentence of A.txt "
                              "(it has 2, numbered from 0)")
    sheet.write_text("doc_id,sent_id,labels\nA.txt,²,Economic\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"s.csv:2: sent_id '²' is not a sentence of A.txt"):
        read_corpus_data(one_doc_corpus, sheet)
    empty = tmp_path / "empty.csv"
    empty.write_text("doc_id,labels\nA.txt,\n", encoding="utf-8")
    assert main(["train", "--data", str(one_doc_corpus), "--labels", str(empty), "--out",
                 str(tmp_path / "m.skops")]) == 1
    assert capsys.readouterr().err == (f"framing.classify: error: {empty}: no text has a label; "
                                       "give at least one frame\n")


def test_labels_that_are_not_texts_are_refused(one_doc_corpus: Path, tmp_path: Path) -> None:
    labels = tmp_path / "l.csv"
    labels.write_text('doc_id,labels\nA.txt,"[null, {""x"":1}, 1e999]"\n', encoding="utf-8")
    assert labels_error(one_doc_corpus, labels) == (f"{labels}:2: a label is null, not a text; write the labels as "
                              'frame names, e.g. ["Economic", "Political"]')
    jl = tmp_path / "l.jsonl"
    jl.write_text('{"doc_id": "A.txt", "labels": ["Economic", 1e999]}\n', encoding="utf-8")
    assert labels_error(one_doc_corpus, jl) == (f"{jl}:1: a label is a number, not a text; write the labels as "
                              'frame names, e.g. ["Economic", "Political"]')
    # frame codes (whole numbers) are frame names: accepted as before
    jl.write_text('{"doc_id": "A.txt", "labels": [1, 3]}\n', encoding="utf-8")
    assert read_corpus_data(one_doc_corpus, jl).labels == (("1", "3"),)
    jl.write_text('{"doc_id": "A.txt", "labels": {"Economic": 1}}\n', encoding="utf-8")
    assert labels_error(one_doc_corpus, jl) == (f"{jl}:1: the labels are an object; give a list of frame names, "
                              'e.g. ["Economic", "Political"], or a ,-separated text')


def test_a_labels_table_naming_a_column_twice_is_refused(one_doc_corpus: Path,
                                                         tmp_path: Path) -> None:
    labels = tmp_path / "l.csv"
    labels.write_text("doc_id,labels,labels\nA.txt,Economic,Political\n", encoding="utf-8")
    assert labels_error(one_doc_corpus, labels) == (f"{labels}:1: the header has 'labels' twice (columns 2 and 3); "
                              "give each column its own name")
    labels.write_text("doc_id,labels,Labels\nA.txt,Economic,Political\n", encoding="utf-8")
    assert labels_error(one_doc_corpus, labels) == (f"{labels}:1: the header has 'labels' and 'Labels' twice "
                              "(columns 2 and 3); give each column its own name")


# ---------------------------------------------------------------------------
# model files (skops)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, FrameClassifier]:
    clf = FrameClassifier(classes=FRAMES3, lexicon=str(LEXICON), **FAST).fit(*TRAIN)
    path = tmp_path_factory.mktemp("model") / "model.skops"
    save_model(clf, path)
    return path, clf


def test_model_file_round_trip_and_header(saved: tuple[Path, FrameClassifier]) -> None:
    path, clf = saved
    back = load_model(path)
    np.testing.assert_allclose(back.predict_proba(TEST[0]), clf.predict_proba(TEST[0]))
    head = model_header(path)
    assert head["classes"] == list(FRAMES3) and head["framing_version"]
    assert head["thresholds"] == pytest.approx(list(clf.thresholds_))
    assert head["training_digest"] == f"sha256:{clf.training_digest_}"
    assert len(clf.training_digest_) == 64
    assert head["lexicon"] == "lexique_test"


def test_a_model_with_an_in_code_lexicon_saves_and_loads(tmp_path: Path) -> None:
    from framing.lexicon import make_lexicon

    lex = make_lexicon({"argent": ["prix", "budget*", "<coûter>"], "armes": ["armée*"]},
                       name="maison")
    clf = FrameClassifier(classes=FRAMES3, lexicon=lex, **FAST).fit(*TRAIN)
    path = save_model(clf, tmp_path / "m.skops")
    back = load_model(path)
    assert back.get_params()["lexicon"] == "maison"  # the object is saved as its source
    np.testing.assert_allclose(back.predict_proba(TEST[0]), clf.predict_proba(TEST[0]))


def test_save_model_where_no_file_can_be_is_one_line(saved: tuple[Path, FrameClassifier],
                                                     tmp_path: Path) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    with pytest.raises(InputError) as exc:
        save_model(saved[1], folder)
    assert str(exc.value) == f"{folder}: this is a folder, not a file; give a file name"
    a_file = tmp_path / "m.skops"
    a_file.write_bytes(b"not a folder")
    with pytest.raises(InputError) as exc:
        save_model(saved[1], a_file / "x.skops")
    assert str(exc.value) == f"{a_file / 'x.skops'}: {a_file} is a file, not a folder; give " \
                             "another path"
    assert list(folder.iterdir()) == [] and a_file.read_bytes() == b"not a folder"

def _rewrite_schema(src: Path, dst: Path, edit: Any) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "schema.json":
                schema = json.loads(data)
                edit(schema)
                data = json.dumps(schema).encode()
            zout.writestr(item, data)


def _nodes(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _nodes(v)
    elif isinstance(node, list):
        for v in node:
            yield from _nodes(v)


def test_a_file_with_a_foreign_type_is_refused(saved: tuple[Path, FrameClassifier],
                                               tmp_path: Path) -> None:
    def swap(schema: Any) -> None:
        for n in _nodes(schema):
            if n.get("__class__") == "FrenchAnalyzer":
                n["__module__"], n["__class__"] = "subprocess", "Popen"

    bad = tmp_path / "bad.skops"
    _rewrite_schema(saved[0], bad, swap)
    with pytest.raises(ModelFileError, match=r"refused: .*allow-list \(subprocess\.Popen\)"):
        load_model(bad)


@pytest.mark.parametrize("field", ["training_digest", "thresholds"])
def test_a_file_whose_header_was_edited_is_refused(saved: tuple[Path, FrameClassifier],
                                                   tmp_path: Path, field: str) -> None:
    def edit(schema: Any) -> None:
        node = schema["content"][field]
        if field == "thresholds":
            node["content"][0]["content"] = "0.01"
        else:
            node["content"] = json.dumps("sha256:" + "0" * 64)

    bad = tmp_path / "edited.skops"
    _rewrite_schema(saved[0], bad, edit)
    with pytest.raises(ModelFileError, match="header and the model disagree"):
        load_model(bad)


def test_pickle_and_garbage_are_never_loaded(saved: tuple[Path, FrameClassifier],
                                             tmp_path: Path) -> None:
    pkl = tmp_path / "model.skops"
    pkl.write_bytes(pickle.dumps(saved[1]))
    with pytest.raises(ModelFileError, match="pickle"):
        load_model(pkl)
    junk = tmp_path / "junk.skops"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ModelFileError, match="damaged or not a skops"):
        load_model(junk)
    with pytest.raises(ModelFileError, match="no such model file"):
        load_model(tmp_path / "none.skops")
    with pytest.raises(ModelFileError, match=r"^.*: is a folder; give a model file \(\.skops\)$"):
        load_model(tmp_path)  # was: "no such model file"


# ---------------------------------------------------------------------------
# command line


def _run(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "framing.classify", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_cli_module_run_by_its_own_name_is_the_command() -> None:
    # python -m framing.classify_cli train … exited 0 without doing anything
    done = subprocess.run([sys.executable, "-m", "framing.classify_cli", "train"],
                          capture_output=True, text=True, check=False, timeout=120)
    assert (done.returncode, done.stderr.strip()) == (2, (
        "framing.classify: error: the following arguments are required: --data, --out "
        "(see --help)"))


@pytest.mark.slow
def test_cli_train_predict_evaluate_end_to_end(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # train and predict run as `python -m framing.classify` (the saved types must be
    # framing.classify.*, not __main__.*); evaluate runs in-process meanwhile.
    model = tmp_path / "m.skops"
    train = _run("train", "--data", str(SEMEVAL / "articles"), "--labels",
                 str(SEMEVAL / "train-labels.txt"), "--out", str(model), "--quiet")
    out, err = train.communicate(timeout=120)
    assert train.returncode == 0, err
    assert "trained on 8 documents, 14 frames" in out and model.is_file()
    pred_file = tmp_path / "pred.txt"
    predict = _run("predict", "--model", str(model), "--data", str(SEMEVAL / "articles"),
                   "--out", str(pred_file))
    assert main(["evaluate", "--model", str(model), "--data", str(SEMEVAL / "articles"),
                 "--labels", str(SEMEVAL / "dev-labels.txt"), "--json", "--n-boot", "200"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n_documents"] == 4 and report["bootstrap"]["n_boot"] == 200
    systems = [r["system"] for r in report["summary"]]
    assert systems == ["model", "majority baseline", "model - baseline"]
    assert {r["frame"] for r in report["per_frame"]} == set(SEMEVAL_FRAMES)
    p_out, p_err = predict.communicate(timeout=120)
    assert predict.returncode == 0, p_err
    assert "12 texts labelled" in p_out
    lines = pred_file.read_text(encoding="utf-8").splitlines()
    assert [ln.split("\t")[0] for ln in lines] == [str(i) for i in range(101, 113)]
    assert all(set(filter(None, ln.split("\t")[1].split(","))) <= set(SEMEVAL_FRAMES)
               for ln in lines)


def test_cli_evaluate_table_and_cross_validate(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data", str(SEMEVAL / "articles"), "--labels", str(SEMEVAL / "train-labels.txt")]
    fast = ["--no-char-ngrams", "--lexicon", "none", "--inner-folds", "2", "--n-boot", "100"]
    assert main(["cross-validate", *data, "--folds", "2", *fast]) == 0
    out = capsys.readouterr().out
    assert "majority baseline" in out and "95% CI" in out and "baseline micro-F1" in out
    model = tmp_path / "m.skops"
    assert main(["train", *data, "--out", str(model), "--no-char-ngrams", "--lexicon", "none",
                 "--inner-folds", "2", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["evaluate", "--model", str(model), *data, "--n-boot", "100"]) == 0
    captured = capsys.readouterr()
    assert "model - baseline" in captured.out and "most frequent training frame" in captured.out
    assert captured.err == (f"framing.classify: warning: {SEMEVAL / 'train-labels.txt'}: 8 of 8 "
                            "texts were in the training data: this is not a held-out "
                            "evaluation; evaluate on texts the model was not trained on\n")


def test_cli_errors_are_one_line_with_exit_codes(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--data", str(SEMEVAL / "articles"), "--out",
                 str(tmp_path / "m.skops")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing.classify: error:") and "no labels found" in err
    assert "\n" not in err
    (tmp_path / "x.skops").write_bytes(b"\x80\x04not a model")
    assert main(["predict", "--model", str(tmp_path / "x.skops"), "--data",
                 str(SEMEVAL / "articles"), "--out", str(tmp_path / "p.txt")]) == 1
    assert "never loads pickle" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["train", "--folds"])
    assert exc.value.code == 2


@pytest.mark.parametrize(("option", "value", "allowed"), [
    ("--n-boot", "1000000000", "from 1 to 10,000"),
    ("--n-boot", "0", "from 1 to 10,000"),
    ("--seed", "-1", "from 0 to 4,294,967,295"),
    ("--folds", "1", ">= 2"),
    ("--inner-folds", "1", ">= 2"),
])
def test_cli_counts_and_seeds_are_bounded_at_parsing(
        option: str, value: str, allowed: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["cross-validate", "--data", "d", option, value])
    assert exc.value.code == 2
    assert capsys.readouterr().err == (f"framing.classify: error: argument {option}: must be a "
                                       f"whole number {allowed}, not {value} (see --help)\n")


@pytest.mark.parametrize("value", ["nan", "-1", "0", "inf", "dix"])
def test_cli_regularisation_is_a_positive_number(
        value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["cross-validate", "--data", "d", "--C", value])
    assert exc.value.code == 2
    assert capsys.readouterr().err == (
        f"framing.classify: error: argument --C: must be a positive number such as 10, not "
        f"'{value}' (see --help)\n")


@pytest.mark.parametrize("name", ["predictions.json", "predictions.XLSX"])
def test_cli_predict_refuses_an_output_suffix_it_cannot_write(
        name: str, capsys: pytest.CaptureFixture[str]) -> None:
    # was: SemEval's tab-separated lines written under a .json or .xlsx name
    with pytest.raises(SystemExit) as exc:
        main(["predict", "--model", "m.skops", "--data", "d", "--out", name])
    assert exc.value.code == 2
    suffix = name.rsplit(".", 1)[1]
    assert capsys.readouterr().err == (
        f"framing.classify: error: argument --out: predictions are written as .csv, .jsonl or "
        f"SemEval labels (.txt), not .{suffix}; rename '{name}' (see --help)\n")


TRAIN_FAST = ["--data", str(SEMEVAL / "articles"), "--labels", str(SEMEVAL / "train-labels.txt"),
              "--no-char-ngrams", "--lexicon", "none", "--inner-folds", "2", "--quiet"]


def test_cli_outputs_where_no_file_can_be_are_one_line(saved: tuple[Path, FrameClassifier],
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    assert main(["train", *TRAIN_FAST, "--out", str(folder)]) == 1
    assert capsys.readouterr().err == (f"framing.classify: error: {folder}: this is a folder, "
                                       "not a file; give a file name\n")
    a_file = tmp_path / "m.skops"
    a_file.write_bytes(b"not a folder")
    assert main(["train", *TRAIN_FAST, "--out", str(a_file / "x.skops")]) == 1
    assert capsys.readouterr().err == (f"framing.classify: error: {a_file / 'x.skops'}: {a_file} "
                                       "is a file, not a folder; give another path\n")
    assert main(["predict", "--model", str(saved[0]), "--data", str(SEMEVAL / "articles"),
                 "--out", str(folder)]) == 1
    assert capsys.readouterr().err == (f"framing.classify: error: {folder}: this is a folder, "
                                       "not a file; give a file name\n")
    assert list(folder.iterdir()) == [] and a_file.read_bytes() == b"not a folder"


def test_cli_predict_creates_a_missing_output_folder(saved: tuple[Path, FrameClassifier],
                                                     tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new" / "pred.txt"
    assert main(["predict", "--model", str(saved[0]), "--data", str(SEMEVAL / "articles"),
                 "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"framing.classify: 12 texts labelled → {out} (semeval format)\n"
    assert [ln.split("\t")[0] for ln in out.read_text(encoding="utf-8").splitlines()] == [
        str(i) for i in range(101, 113)]


def test_cli_predict_lists_what_it_skips_and_labels_the_rest(
        saved: tuple[Path, FrameClassifier], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    # were: one row with an empty text stopped the whole table; a PDF named .txt in a
    # folder was left out without a word, exit 0
    table = tmp_path / "depeches.csv"
    table.write_text('id,text\nA,"Les prix du blé montent encore."\nB,\n'
                     'C,"Les soldats patrouillent à la frontière."\n', encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Titre\n\nLe budget de l'État augmente.", encoding="utf-8")
    (folder / "scan.txt").write_bytes(b"%PDF-1.4 scanned")
    out = tmp_path / "pred.csv"
    for data, skipped in ((table, "depeches.csv:3: row 2 has an empty text column"),
                          (folder, "scan.txt: this is a PDF file, not text")):
        assert main(["predict", "--model", str(saved[0]), "--data", str(data),
                     "--out", str(out)]) == 3
        err = capsys.readouterr()
        unit = ("" if data == table else  # a title and a sentence: a document
                f"framing.classify: warning: {folder}: these texts are documents but the model "
                "was trained on sentences (its thresholds fit sentences); label articles "
                "sentence by sentence with `python -m framing.report CORPUS --model MODEL`, "
                "or give sentences\n")
        assert err.err == f"framing.classify: skipped {skipped}\n{unit}"
        assert err.out.endswith("; 1 skipped\n")
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("a.txt,")
    with pytest.raises(InputError, match=r"depeches.csv:3: row 2 has an empty text column; fix "
                                         r"the row \(1 row\(s\) could not be read\)"):
        read_table_data(table)  # labelled data must be whole: still an error


def test_cli_never_overwrites_an_input(saved: tuple[Path, FrameClassifier], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "m.skops"
    model.write_bytes(saved[0].read_bytes())
    table = tmp_path / "pd.csv"
    table.write_text('id,text\nA,"Les prix montent."\nB,"Le calme."\n', encoding="utf-8")
    labels = tmp_path / "train-labels.txt"
    labels.write_bytes((SEMEVAL / "train-labels.txt").read_bytes())
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Titre\n\nLes prix montent encore cette semaine.",
                                  encoding="utf-8")
    before = {p: p.read_bytes() for p in (model, table, labels, corpus / "a.txt")}
    link = tmp_path / "link.csv"
    link.symlink_to(table)
    predict = ["predict", "--model", str(model), "--data", str(table)]
    error = "framing.classify: error: "
    never = "inputs are never overwritten, choose another --out\n"
    assert main([*predict, "--out", str(table)]) == 1
    assert capsys.readouterr().err == f"{error}{table}: this is the input file {table}; {never}"
    assert main([*predict, "--out", str(link)]) == 1  # the same file by another name
    assert capsys.readouterr().err == f"{error}{link}: this is the input file {table}; {never}"
    assert main([*predict, "--out", str(model)]) == 1
    assert capsys.readouterr().err == f"{error}{model}: this is the input file {model}; {never}"
    assert main(["train", "--data", str(SEMEVAL / "articles"), "--labels", str(labels),
                 "--no-char-ngrams", "--lexicon", "none", "--quiet", "--out", str(labels)]) == 1
    assert capsys.readouterr().err == f"{error}{labels}: this is the input file {labels}; {never}"
    inside = corpus / "pred.csv"
    assert main(["predict", "--model", str(model), "--data", str(corpus),
                 "--out", str(inside)]) == 1
    assert capsys.readouterr().err == (f"{error}{inside}: this is inside the input folder "
                                       f"{corpus}; inputs are never written to, choose another "
                                       "--out\n")
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(f.name for f in corpus.iterdir()) == ["a.txt"]


def test_an_unclosed_quote_in_a_labels_table_is_one_line_naming_where_it_opens(
        one_doc_corpus: Path, tmp_path: Path) -> None:
    # was: the rows after it became one cell, and their labels were lost without a word
    labels = tmp_path / "l.csv"
    labels.write_text('doc_id,labels\n"A.txt,contrepoids\nB.txt,cooperation\n', encoding="utf-8")
    assert labels_error(one_doc_corpus, labels) == (
        f"{labels}:2: quotes do not pair up in the row starting here (unexpected end of data), "
        'so lines 2-3 could not be read; close each quoted cell, and write a quote inside a '
        'quoted cell twice ("")')


# ---------------------------------------------------------------------------
# from a methodologist's review: leakage, training overlap, units, labels, bootstrap

#: Sentences of six short news items (doc id -> (sentence, frames)). The last
#: sentence of "f" repeats one of "c" with other case and spacing.
NEWS: dict[str, list[tuple[str, list[str]]]] = {
    "a": [("Le prix du gazole a encore augmenté de dix centimes.", [ECO]),
          ("Les routiers menacent de bloquer les dépôts.", []),
          ("Le ministre promet une aide aux transporteurs.", [ECO])],
    "b": [("Deux frégates patrouillent au large de la côte.", [SEC]),
          ("L'état-major confirme l'envoi de renforts.", [SEC]),
          ("La population reste calme.", [])],
    "c": [("Les urgences de l'hôpital sont saturées depuis lundi.", [HEALTH]),
          ("Les soignants réclament des lits supplémentaires.", [HEALTH]),
          ("Le préfet a réuni les maires du département.", [])],
    "d": [("La facture d'électricité des ménages va grimper.", [ECO]),
          ("Les syndicats exigent une hausse des salaires.", [ECO]),
          ("Les soldats ont quitté la base à l'aube.", [SEC])],
    "e": [("Une épidémie de rougeole touche les écoles.", [HEALTH]),
          ("Le budget de la santé sera voté jeudi.", [ECO, HEALTH]),
          ("L'armée participe à la campagne de vaccination.", [SEC, HEALTH])],
    "f": [("Les drones ont frappé un dépôt de munitions.", [SEC]),
          ("Le chômage recule pour le troisième mois.", [ECO]),
          ("le préfet a réuni  les MAIRES du département.", [])],
}
NEWS_DOCS = [d for d, sents in NEWS.items() for _ in sents]
NEWS_TEXTS = [t for sents in NEWS.values() for t, _ in sents]
NEWS_LABELS = [labs for sents in NEWS.values() for _, labs in sents]


def test_cross_validation_never_splits_a_document_or_identical_texts() -> None:
    # was: folds split on labels only, so the sentences of one article (and copies of
    # a text) fell on both sides: a table with every row twice scored 0.949, not 0.81
    est = FrameClassifier(lexicon=None, **FAST)
    with pytest.warns(UserWarning, match=r"^1 of 18 texts repeat another text once case and "
                                         r"spacing are ignored \(e.g. text 18 repeats text 9\)"):
        cv = cross_validate_frames(NEWS_TEXTS, NEWS_LABELS, classes=FRAMES3, estimator=est,
                                   folds=3, n_boot=50, groups=NEWS_DOCS)
    # c and f share a sentence: one group
    assert cv.groups.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 2, 2, 2]
    assert cv.fold_of.tolist() == [3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1]
    for g in set(cv.groups.tolist()):
        assert len(set(cv.fold_of[cv.groups == g].tolist())) == 1
    assert cv.evaluation.folds == ("3 folds of whole groups, 5 documents (identical and "
                                   "near-duplicate texts kept together), iterative stratification of the groups' "
                                   "label counts, seed 13")
    assert cv.evaluation.to_dict()["bootstrap"] == {
        "n_boot": 50, "confidence": 0.95, "seed": 13, "unit": "document", "n_units": 5,
        "clustered": True}
    assert cv.evaluation.unit == "sentence"
    again = cross_validate_frames(NEWS_TEXTS, NEWS_LABELS, classes=FRAMES3, estimator=est,
                                  folds=3, n_boot=50, groups=NEWS_DOCS, warn_duplicates=False)
    np.testing.assert_array_equal(again.predictions, cv.predictions)  # same seed, same result


def test_grouped_stratification_keeps_groups_whole_and_balances_labels() -> None:
    Y = indicator(NEWS_LABELS)
    folds = iterative_stratification(Y, 3, random_state=0, groups=NEWS_DOCS)
    for d in NEWS:
        assert len({int(folds[i]) for i, x in enumerate(NEWS_DOCS) if x == d}) == 1
    # frames per fold (Economic, Security, Health), and sentences per fold
    assert [Y[folds == f].sum(0).tolist() for f in range(3)] == [[1, 1, 2], [2, 2, 0], [3, 2, 3]]
    assert np.bincount(folds).tolist() == [6, 6, 6]
    # one text per group: the ungrouped algorithm, draw for draw
    np.testing.assert_array_equal(
        iterative_stratification(Y, 3, random_state=5, groups=list(range(18))),
        iterative_stratification(Y, 3, random_state=5))
    with pytest.raises(ValueError, match=r"^cannot make 7 folds of 6 groups; use at most 6"):
        iterative_stratification(Y, 7, groups=NEWS_DOCS)


def test_groups_are_numbered_in_order_of_first_appearance_whatever_their_names() -> None:
    # was: iterative_stratification numbered groups by sorted name, text_groups by first
    # appearance; renaming the documents changed the folds
    Y = indicator(NEWS_LABELS)
    renamed = [{"a": "zz", "b": "yy", "c": "xx", "d": "ww", "e": "vv", "f": "uu"}[d]
               for d in NEWS_DOCS]
    for seed in range(4):
        np.testing.assert_array_equal(
            iterative_stratification(Y, 3, random_state=seed, groups=renamed),
            iterative_stratification(Y, 3, random_state=seed, groups=NEWS_DOCS))


#: A dispatch, and the same dispatch run by another outlet under its own title with
#: one more sentence (a near-duplicate: Jaccard of 5-word shingles about 0.88).
DISPATCH = ("Les dirigeants de l'Organisation de coopération de Shanghai se sont réunis jeudi "
            "à Astana. Le président chinois a appelé à renforcer la coopération économique et "
            "la sécurité régionale, tandis que le président russe a insisté sur un monde "
            "multipolaire. Les délégations ont signé une déclaration commune sur la lutte "
            "contre le terrorisme.")


def test_near_duplicate_dispatches_are_one_group() -> None:
    texts = ["Le prix du gazole a encore augmenté de dix centimes à la pompe cette semaine.",
             "Sommet de l'OCS\n\n" + DISPATCH,
             "Les routiers menacent de bloquer les dépôts.",
             "Astana accueille l'OCS\n\n" + DISPATCH + " Le prochain sommet aura lieu en Chine."]
    assert text_groups(texts).tolist() == [0, 1, 2, 1]
    assert text_groups(texts, near_duplicates=None).tolist() == [0, 1, 2, 3]
    # the same words with other punctuation and case: one group too
    assert text_groups([DISPATCH, DISPATCH.upper().replace(",", "")]).tolist() == [0, 0]
    # with document ids, a copy links two documents, and everything in them
    assert text_groups(texts, ["d1", "d2", "d2", "d3"]).tolist() == [0, 1, 1, 1]
    # the whole text counts (no title before a blank line), and texts without a word
    # are not one group (were: [0, 0] and [0, 0, 0, 1])
    assert text_groups(["Intro sur le sommet.\n\nLe partenariat est renforcé.",
                        "La météo à Astana.\n\nLe partenariat est renforcé."]).tolist() == [0, 1]
    assert text_groups(["!!!", "???", "…", "abc"]).tolist() == [0, 1, 2, 3]


def test_the_inner_threshold_cv_keeps_documents_and_identical_texts_together(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # was: the inner folds that tune the thresholds split on labels only
    import framing.classify as classify

    seen: list[np.ndarray] = []

    def spy(Y: Any, n_folds: int, **kw: Any) -> np.ndarray:
        seen.append(iterative_stratification(Y, n_folds, **kw))
        return seen[-1]

    monkeypatch.setattr(classify, "iterative_stratification", spy)
    texts = NEWS_TEXTS[:9] + [t.upper() for t in NEWS_TEXTS[:9]]  # a, b, c and copies
    clf = FrameClassifier(classes=FRAMES3, lexicon=None, **FAST).fit(
        texts, NEWS_LABELS[:9] * 2, groups=NEWS_DOCS[:9] * 2)
    assert clf.n_train_groups_ == 3
    folds = seen[0]
    assert folds.tolist() == [1, 1, 1, 2, 2, 2, 0, 0, 0] * 2  # one fold per document
    seen.clear()
    FrameClassifier(classes=FRAMES3, lexicon=None, **FAST).fit(texts, NEWS_LABELS[:9] * 2)
    assert (seen[0][:9] == seen[0][9:]).all()  # without documents: copies together


def test_evaluate_counts_training_texts_whatever_their_order_and_labels(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # was: only the same texts with the same labels in the same order were noticed
    clf = FrameClassifier(classes=FRAMES3, lexicon=None, **FAST).fit(NEWS_TEXTS, NEWS_LABELS)
    other = [[ECO] for _ in NEWS_TEXTS]  # another coder's labels
    ev = evaluate_model(clf, NEWS_TEXTS[::-1], other, n_boot=50)
    assert ev.n_seen_in_training == 18 and ev.to_dict()["n_seen_in_training"] == 18
    assert clf.seen_in_training(["  LA POPULATION reste\u00a0calme. ", "La ville reste calme."]
                                ).tolist() == [True, False]
    model = save_model(clf, tmp_path / "m.skops")
    table = tmp_path / "autre_codeur.csv"
    rows = [["text", "labels"], *[[t, ECO] for t in NEWS_TEXTS[::-1][:6]],
            ["La ville reste calme.", ECO]]
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert main(["evaluate", "--model", str(model), "--data", str(table), "--n-boot", "50"]) == 0
    out, err = capsys.readouterr()
    assert "6 of 7 texts were in the training data: this is not a held-out evaluation" in out
    assert err == (f"framing.classify: warning: {table}: 6 of 7 texts were in the training "
                   "data: this is not a held-out evaluation; evaluate on texts the model was "
                   "not trained on\n")


def test_the_model_records_its_training_unit_and_predict_warns_on_another(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # was: the shipped sentence model labelled whole articles without a word
    sent = FrameClassifier(classes=FRAMES3, lexicon=None, **FAST).fit(NEWS_TEXTS, NEWS_LABELS)
    articles = [" ".join(t for t, _ in sents) for sents in NEWS.values()]
    labels = [sorted({f for _, labs in sents for f in labs}) for sents in NEWS.values()]
    doc = FrameClassifier(classes=FRAMES3, lexicon=None, **FAST).fit(articles * 2, labels * 2)
    assert (sent.unit_, doc.unit_) == ("sentence", "document")
    model = save_model(sent, tmp_path / "phrases.skops")
    head = model_header(model)
    assert head["training_unit"] == "sentence" and head["n_train_groups"] == 17
    assert len(head["feature_code_sha256"]) == 16 and head["scikit_learn_version"]
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Carburant\n\n" + articles[0], encoding="utf-8")
    assert main(["predict", "--model", str(model), "--data", str(corpus), "--out",
                 str(tmp_path / "p.csv")]) == 0
    assert capsys.readouterr().err == (
        f"framing.classify: warning: {corpus}: these texts are documents but the model was "
        "trained on sentences (its thresholds fit sentences); label articles sentence by "
        "sentence with `python -m framing.report CORPUS --model MODEL`, or give sentences\n")


def _sheet(path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """An annotation sheet: item, doc, sentence, text, one frame mark (Economic); the
    Security and Health columns are left empty."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["item_id", "doc_id", "sent_id", "source", "text", *FRAMES3, "comment"])
        for item, doc, sent, text in rows:
            w.writerow([item, doc, sent, "Le Quotidien", text, "1" if "prix" in text else "",
                        "", "", ""])


def test_a_sheet_passed_as_labels_keeps_its_empty_frame_columns(tmp_path: Path) -> None:
    # was: read_table_data kept the sheet's frames, read_corpus_data dropped unused ones
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Carburant\n\nLe prix du gazole grimpe. Les routiers "
                                  "protestent.", encoding="utf-8")
    sheet = tmp_path / "feuille.csv"
    _sheet(sheet, [("S1", "a.txt", "1", "Le prix du gazole grimpe."),
                   ("S2", "a.txt", "2", "Les routiers protestent.")])
    d = read_corpus_data(corpus, sheet)
    assert d.classes == FRAMES3 and d.labels == ((ECO,), ())
    assert read_table_data(sheet).classes == FRAMES3


def test_train_warns_about_labels_seen_once_and_refuses_identical_labels(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # were: a misspelt frame became a frame of the model, and a constant label set
    # cross-validated to model = baseline = 1.000, both with exit 0
    table = tmp_path / "codage.csv"
    rows = [["text", "labels"], *[[t, "economie" if ECO in labs else "securite"]
                                  for t, labs in zip(NEWS_TEXTS[:17], NEWS_LABELS, strict=False)]]
    rows[2][1] = "économie"
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    fast = ["--no-char-ngrams", "--inner-folds", "2", "--lexicon", str(LEXICON), "--quiet"]
    assert main(["train", "--data", str(table), "--out", str(tmp_path / "m.skops"), *fast]) == 0
    assert capsys.readouterr().err == (
        f"framing.classify: warning: {table}: check these labels: 'économie' (on 1 text only; "
        "not a frame of lexicon lexique_test); a frame seen once cannot be learnt and is often "
        "a misspelling\n")
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["text", "labels"], *[[t, "economie"] for t in NEWS_TEXTS[:17]]])
    for command in (["train", "--out", str(tmp_path / "m2.skops")], ["cross-validate"]):
        assert main([command[0], "--data", str(table), *command[1:], *fast[:-1]]) == 1
        assert capsys.readouterr().err == (
            f"framing.classify: error: {table}: all 17 texts have the same labels (economie): "
            "there is nothing to learn; give texts with other frames, or with none\n")
    with pytest.raises(ValueError, match=r"^every one of the 18 texts has the same labels"):
        cross_validate_frames(NEWS_TEXTS, [[ECO]] * 18)


def test_the_bootstrap_says_what_it_resampled_and_can_resample_documents() -> None:
    # was: "unit": "document" in the JSON although sentences were resampled
    T = np.ones((8, 1), dtype=int)
    P = np.array([[1]] * 4 + [[0]] * 4)
    docs = ["A"] * 4 + ["B"] * 4
    point, lo, hi = bootstrap_interval(T, P, n_boot=1000, groups=docs)
    assert (round(point, 3), lo, hi) == (0.667, 0.0, 1.0)  # two documents: anything goes
    assert tuple(round(x, 3) for x in bootstrap_interval(T, P, n_boot=1000)) == (
        0.667, 0.222, 0.933)  # eight sentences taken as independent: narrower
    plain = evaluate_predictions(T, P, P, ["x"], unit="sentence", n_boot=50)
    assert plain.to_dict()["bootstrap"] == {"n_boot": 50, "confidence": 0.95, "seed": 13,
                                            "unit": "sentence", "n_units": 8,
                                            "clustered": False}
    by_doc = evaluate_predictions(T, P, P, ["x"], unit="sentence", groups=docs, n_boot=50)
    assert by_doc.to_dict()["bootstrap"]["unit"] == "document" and by_doc.n_resampled == 2
