"""Exact and near-duplicate detection of wire copies."""

from __future__ import annotations

from framing.dedupe import DuplicateIndex, fingerprint

BODY = (
    "Les dirigeants de l'Organisation de coopération de Shanghai se sont retrouvés mercredi "
    "à Astana pour un sommet consacré à la sécurité régionale et au commerce.\n"
    "Le président kazakh a ouvert les travaux en appelant à renforcer les corridors "
    "ferroviaires entre la Chine et l'Europe.\n"
    "Les délégations ont adopté une déclaration commune sur la lutte contre le terrorisme, "
    "sans mentionner la guerre en Ukraine.\n"
    "La prochaine réunion se tiendra en Chine l'an prochain, a précisé le secrétariat."
)


def test_same_body_under_another_title_and_case_is_an_exact_duplicate() -> None:
    idx = DuplicateIndex()
    assert idx.add("afp.txt", fingerprint("Sommet à Astana\n\n" + BODY)) is None
    assert idx.add("copie.txt", fingerprint("L'OCS SE RÉUNIT\n\n" + BODY.upper())) == (
        "exact", "afp.txt", 1.0)


def test_a_dispatch_with_a_line_cut_and_a_line_added_is_a_near_duplicate() -> None:
    idx = DuplicateIndex()
    idx.add("afp.txt", fingerprint("Titre\n\n" + BODY))
    edited = BODY.replace(", a précisé le secrétariat", "") + "\n(Avec agences)"
    kind, original, sim = idx.add("reprise.txt", fingerprint("Autre titre\n\n" + edited))
    assert (kind, original) == ("near", "afp.txt")
    assert 0.8 <= sim < 1.0


def test_different_articles_on_the_same_topic_are_not_duplicates() -> None:
    idx = DuplicateIndex()
    idx.add("a.txt", fingerprint("Titre\n\n" + BODY))
    other = ("Le sommet d'Astana a surtout montré les divisions du bloc sur la guerre en "
             "Ukraine, selon plusieurs diplomates européens interrogés jeudi.")
    assert idx.add("b.txt", fingerprint("Titre\n\n" + other)) is None


def test_fingerprints_are_the_same_in_every_process() -> None:
    import subprocess
    import sys

    code = "from framing.dedupe import fingerprint; print(fingerprint('T\\n\\n' + open(0).read()))"
    outs = {subprocess.run([sys.executable, "-c", code], input=BODY, capture_output=True,
                           text=True, check=True).stdout for _ in range(2)}
    assert outs == {str(fingerprint("T\n\n" + BODY)) + "\n"}
