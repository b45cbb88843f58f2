"""The per-document analysis: one Document in, contract rows out."""

from __future__ import annotations

import pickle

import pytest

from framing.corpus import Document
from framing.errors import LexiconError
from framing.pipeline import Analyzer, analyze, build_analyzer, french_share
from framing.tokenizer import tokens

TEXT = (
    "Le sommet d’Astana, un contrepoids à l’hégémonie américaine ?\n\n"
    "Le bloc est présenté comme un contrepoids à l'hégémonie américaine. "
    "«Notre coopération n'est dirigée contre personne», a déclaré Vladimir Poutine. "
    "Ce sommet n'est en rien un succès pour Washington."
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return build_analyzer()


def test_a_lexicon_given_twice_is_refused_before_its_hits_are_counted_twice() -> None:
    with pytest.raises(LexiconError) as err:
        build_analyzer(["geopolitique", "geopolitique"], sentiment=None, actors=None)
    assert str(err.value) == ("lexicon 'geopolitique' is given twice (or two lexicons have that "
                              "name); give it once")


def test_one_lexicon_named_alone_is_one_lexicon_not_its_letters() -> None:
    # was: "no shipped lexicon named 'g'"
    an = build_analyzer("geopolitique", sentiment=None, actors=None)
    assert [name for name, _ in an.matchers] == ["geopolitique"]


def test_document_row_counts_sentences_tokens_quotes_and_hits(analyzer: Analyzer) -> None:
    res = analyze(Document("d1", TEXT, title="Le sommet", source="AEI", date="2024-07-03"), analyzer)
    row = res.document
    assert (row["doc_id"], row["n_sentences"], row["n_quotes"], row["source"]) == ("d1", 4, 1, "AEI")
    assert row["n_tokens"] == tokens(TEXT).n_words
    assert row["sentiment_label"] in ("positive", "negative", "neutral")


def test_hits_carry_voice_speaker_actor_and_negation(analyzer: Analyzer) -> None:
    res = analyze(Document("d1", TEXT), analyzer)
    found = {(h["frame"], h["voice"], h["actor"], h["negated"]) for h in res.hits}
    assert ("counterweight_to_us_hegemony", "narrator", "", False) in found
    assert ("cooperation_not_against_anyone", "quote", "Vladimir Poutine", False) in found


def test_sentences_get_the_voice_of_their_quote(analyzer: Analyzer) -> None:
    res = analyze(Document("d1", TEXT), analyzer)
    voices = [(s["sent_id"], s["voice"], s["actor"]) for s in res.sentences]
    assert voices[1] == (1, "narrator", "")
    assert voices[2] == (2, "quote", "Vladimir Poutine")


def test_frames_rows_cover_every_frame_of_the_lexicon(analyzer: Analyzer) -> None:
    res = analyze(Document("d1", TEXT), analyzer)
    assert len(res.frames) == 9
    cw = next(f for f in res.frames if f["frame"] == "counterweight_to_us_hegemony")
    assert (cw["hits"], cw["negated_hits"]) == (2, 0)


def test_a_document_that_is_not_french_is_flagged_and_still_analysed(analyzer: Analyzer) -> None:
    english = (
        "The summit in Astana was described by officials as a counterweight to American "
        "hegemony, and the leaders said their cooperation was not directed against anyone "
        "else in the world, according to several diplomats who attended the meeting."
    )
    res = analyze(Document("en", english), analyzer)
    assert res.warnings == (
        "probably not French: 0% French function words (French news: about 40%); analysed "
        "anyway, with French lexicons",
    )
    assert res.document["n_sentences"] == 1


def test_french_share_of_a_french_sentence() -> None:
    # le, est, un, à, la, des: 6 of 10 words
    assert round(french_share(tokens("Le bloc est un contrepoids à la puissance des États-Unis.")), 2) == 0.6


def test_the_analyzer_pickles_for_worker_processes(analyzer: Analyzer) -> None:
    back = pickle.loads(pickle.dumps(analyzer))
    assert analyze(Document("d", TEXT), back) == analyze(Document("d", TEXT), analyzer)


def test_an_analyzer_with_a_sentiment_lexicon_built_in_memory_pickles() -> None:
    """A lexicon with no file (spawned workers, Dask) travels whole, not by its path."""
    from framing.sentiment import SentimentLexicon

    mine = SentimentLexicon("mine", {"contrepoids": 1.5, "hégémonie": -2, "lettre morte": -2})
    an = build_analyzer(sentiment=mine)
    back = pickle.loads(pickle.dumps(an))
    assert back.sentiment is not None and back.sentiment is not mine
    assert (back.sentiment.name, dict(back.sentiment.entries)) == (
        "mine", {"contrepoids": 1.5, "hégémonie": -2.0, "lettre morte": -2.0})
    doc = Document("d", "Le bloc, un contrepoids à l'hégémonie ? L'accord est resté lettre morte.")
    assert analyze(doc, back) == analyze(doc, an)
    assert analyze(doc, back).document["sentiment_label"] == "negative"


def test_empty_document_gives_empty_rows(analyzer: Analyzer) -> None:
    res = analyze(Document("vide", ""), analyzer)
    assert (res.sentences, res.hits, res.quotes, res.document["n_tokens"]) == ((), (), (), 0)


def test_keyness_lemmas_survive_the_form_cache_filling_up_mid_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Regression: the cache was emptied in the middle of a document, and the count
    then missed the forms seen before (KeyError at 20M words: the document was lost)."""
    import framing.pipeline as pipeline

    monkeypatch.setattr(pipeline, "FORM_CACHE_SIZE", 3)
    monkeypatch.setattr(pipeline, "_CONTENT", {})
    toks = tokens("Le sommet de Zuzuchi réunit Pékin, Moscou et Zuzuchi.")
    counts = pipeline._content_lemmas(toks, 3)
    assert counts == {"zuzuchi": 2, "sommet": 1, "réunir": 1, "pékin": 1, "moscou": 1}


def test_analyze_record_passes_skips_through_and_turns_a_failure_into_a_skip() -> None:
    from framing.corpus import Skipped
    from framing.pipeline import analyze_record

    scan = Skipped("scan.txt", "this is a PDF file, not text")
    assert analyze_record(scan) is scan
    ok = analyze_record(Document("a.txt", "Sommet de l'OCS\n\nLe bloc n'est dirigé contre personne."))
    assert not isinstance(ok, Skipped) and ok.doc_id == "a.txt"
    bad = analyze_record(Document("bad.txt", text=None))  # type: ignore[arg-type]
    assert isinstance(bad, Skipped) and bad.path == "bad.txt"
    assert bad.reason.startswith("analysis failed (TypeError: ")


def test_a_packed_record_carries_its_rows_as_the_csv_lines_of_each_table() -> None:
    from framing.corpus import Skipped
    from framing.pipeline import ROW_TABLES, analyze_record_packed, build_analyzer

    an = build_analyzer()
    doc = Document("a.txt", "Sommet de l'OCS\n\nLe bloc est un contrepoids à l'hégémonie "
                            "américaine. « Notre coopération n'est dirigée contre personne », "
                            "a déclaré Vladimir Poutine.")
    packed = analyze_record_packed(doc, an)
    assert not isinstance(packed, Skipped)
    tables = dict(zip([name for _, name, _ in ROW_TABLES], packed.tables, strict=True))
    assert tables["sentences.csv"][1] == 3
    assert tables["sentences.csv"][0].splitlines()[2] == (
        'a.txt,2,70,150,quote,Vladimir Poutine,Vladimir Poutine,0.4588,positive,'
        '"« Notre coopération n\'est dirigée contre personne », a déclaré Vladimir Poutine."')
    assert tables["hits.csv"] == (
        "a.txt,1,32,68,geopolitique,counterweight_to_us_hegemony,"
        '"{phrase: contrepoids ... hégémon* américain*, gap: 2}",'  # a comma: quoted
        "contrepoids à l'hégémonie américaine,False,,narrator,,\n"
        "a.txt,2,90,119,geopolitique,cooperation_not_against_anyone,"
        "<ne> ... dirigé* contre personne,n'est dirigée contre personne,False,,quote,"
        "Vladimir Poutine,Vladimir Poutine\n", 2)
    assert tables["actors.csv"] == ("a.txt,OCS,1,0.0000\na.txt,Russie,1,0.4588\n", 2)
    assert tables["frames.csv"][1] == 9 and tables["classifier.csv"] == ("", 0)
    # only-written rows leave the result; the rows the aggregates read stay
    res = packed.result
    assert (res.sentences, res.frames) == ((), ())
    assert [h["frame"] for h in res.hits] == ["counterweight_to_us_hegemony",
                                             "cooperation_not_against_anyone"]
    assert res.document["n_sentences"] == 3
    scan = Skipped("scan.txt", "this is a PDF file, not text")
    assert analyze_record_packed(scan, an) is scan


def test_with_text_puts_back_the_text_a_worker_left_out() -> None:
    from dataclasses import replace

    from framing.corpus import Skipped
    from framing.pipeline import (
        DocResult,
        PackedResult,
        analyze_record,
        analyze_record_packed,
        build_analyzer,
        with_text,
    )

    worker = replace(build_analyzer(), keep_text=False)  # as both engines ship it
    doc = Document("a.txt", "Sommet de l'OCS\n\nLe bloc n'est dirigé contre personne.")
    res = analyze_record(doc, worker)
    assert isinstance(res, DocResult) and res.text == ""
    back = with_text(res, doc)
    assert isinstance(back, DocResult)
    assert back.text == "Sommet de l'OCS\n\nLe bloc n'est dirigé contre personne."
    assert back == analyze_record(doc, build_analyzer())
    packed = analyze_record_packed(doc, worker)
    assert isinstance(packed, PackedResult) and packed.result.text == ""
    back_packed = with_text(packed, doc)
    assert isinstance(back_packed, PackedResult)
    assert back_packed.result.text == doc.text and back_packed.tables == packed.tables
    scan = Skipped("scan.txt", "this is a PDF file, not text")
    assert with_text(scan, scan) is scan
    failed = analyze_record(Document("bad.txt", text=None), worker)  # type: ignore[arg-type]
    assert with_text(failed, Document("bad.txt", text="")) is failed
