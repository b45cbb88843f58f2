"""Throughput of framing's tokenizer + lexicon matcher against spaCy's.

Generates a French news-like corpus (at least ``--words`` words, 1,000,000 by
default) from templates written for this benchmark — varied vocabulary (made-up
place and person names, numbers, dates), negations, quotes, and the phrases of
several frames — then measures, on the same texts in the same run:

* **framing**: ``framing.tokens.tokens(text)`` + ``Matcher(lexicon).match_tokens`` with
  the full lexicon (every pattern kind: globs, gaps, lemmas, regexes), negation
  included;
* **spaCy** (the baseline): ``spacy.blank("fr").make_doc(text)`` +
  ``PhraseMatcher(attr="LOWER")`` with the lexicon's *literal* patterns only (fixed
  words and phrases without globs, lemmas, gaps or regexes, which PhraseMatcher
  cannot express).

Both are reported in tokens per second (each tool's own token count) and in corpus
words per second (whitespace-separated words, the same unit for both); the ratio
is framing's words/s over spaCy's. Run::

    pip install -e ".[bench]"        # spaCy 3.8
    python benchmarks/bench_matcher.py [--words 1000000] [--lexicon geopolitique]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence

from framing.lexicon import load_lexicon
from framing.matcher import Matcher
from framing.tokens import tokens

#: Words per generated article: between these two (a short to a long news item).
ARTICLE_WORDS = (250, 900)
#: Share of sentences built from a frame template (quotes, negations, frame phrases);
#: the others are general news (economy, sport, weather, courts) with made-up names.
#: About one sentence in four touching the frames is typical of summit coverage.
FRAMED_SHARE = 0.25
#: Documents used to warm caches before timing (lemma caches, spaCy's lexeme cache).
WARMUP_DOCS = 20

PEOPLE = [
    "Xi Jinping", "Vladimir Poutine", "Narendra Modi", "Recep Tayyip Erdogan",
    "Sergueï Lavrov", "Wang Yi", "Kassym-Jomart Tokaïev", "Chavkat Mirzioïev",
    "Ursula von der Leyen", "Antony Blinken", "Emmanuel Macron", "Olaf Scholz",
    "Lula da Silva", "Cyril Ramaphosa", "Massoud Pezeshkian", "Shehbaz Sharif",
]
PLACES = [
    "Astana", "Pékin", "Moscou", "Kazan", "Tianjin", "Samarcande", "Bichkek", "Douchanbé",
    "New Delhi", "Téhéran", "Islamabad", "Washington", "Bruxelles", "Paris", "Berlin",
    "Ankara", "Tachkent", "Almaty", "Vladivostok", "Shanghai",
]
BODIES = [
    "l'OCS", "l'Organisation de coopération de Shanghai", "les BRICS", "l'OTAN",
    "l'Union européenne", "le G7", "le G20", "l'ONU", "le Conseil de sécurité",
    "l'Union économique eurasiatique", "l'ASEAN", "la Banque mondiale",
]
TOPICS = [
    "l'énergie", "le commerce bilatéral", "la sécurité régionale", "les infrastructures",
    "le gaz naturel", "les semi-conducteurs", "la dette", "les sanctions", "le yuan",
    "les corridors ferroviaires", "la lutte antiterroriste", "l'agriculture", "le nucléaire",
    "les terres rares", "le tourisme", "la santé publique", "l'intelligence artificielle",
]
FRAME_PHRASES = [
    "un contrepoids à l'hégémonie américaine", "la fin de l'unipolarité",
    "un monde multipolaire", "un partenariat stratégique global",
    "une coopération gagnant-gagnant", "la stabilité régionale", "une paix durable",
    "la non-ingérence dans les affaires intérieures", "le respect de la souveraineté",
    "l'opération militaire spéciale", "l'agression russe contre l'Ukraine",
    "un axe des autocraties", "un bloc anti-occidental", "le développement commun",
    "la prospérité partagée", "une alliance contre l'influence occidentale",
    "un nouvel ordre mondial", "la domination occidentale", "une invasion à grande échelle",
    "une coopération qui n'est dirigée contre personne",
]
NEGATIONS = [
    "n'est pas", "n'est en rien", "ne sera jamais", "n'est plus", "n'est guère",
    "n'est nullement", "est loin d'être",
]
VERBS = [
    "a déclaré", "a souligné", "a affirmé", "a estimé", "a rappelé", "a dénoncé",
    "a ajouté", "a précisé", "a martelé", "a assuré", "a reconnu", "a regretté",
]
ADJECTIVES = [
    "historique", "décisif", "fragile", "ambitieux", "symbolique", "inédit", "tendu",
    "prudent", "discret", "solennel", "crucial", "controversé",
]
FILLERS = [
    "Les marchés asiatiques ont terminé la séance en légère hausse, portés par les valeurs "
    "technologiques.",
    "Il pleuvait sur la capitale quand le cortège officiel a quitté l'aéroport.",
    "Les observateurs notent toutefois que les détails de l'accord restent flous.",
    "Selon les chiffres officiels, les échanges ont progressé de {pct} l'an dernier.",
    "La réunion, prévue sur deux jours, s'est achevée avec quelques heures de retard.",
    "Plusieurs ONG ont rappelé la situation des droits humains dans la région.",
    "Le texte final, de {num} pages, n'a pas été rendu public dans son intégralité.",
    "Des manifestants se sont rassemblés devant l'ambassade, sans incident majeur.",
]
SYLLABLES = ["ka", "zu", "ri", "mo", "ta", "vel", "dor", "chi", "ne", "ba", "lou", "tir",
             "sa", "go", "vo", "mi", "ra", "pé", "den", "ul"]


def _word(rng: random.Random) -> str:
    """A made-up word (place, firm or person name), so the vocabulary keeps growing
    as in real news rather than repeating a closed list."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def _sentence(rng: random.Random) -> str:
    who, who2 = rng.choice(PEOPLE), rng.choice(PEOPLE)
    place, body, topic = rng.choice(PLACES), rng.choice(BODIES), rng.choice(TOPICS)
    phrase, neg, verb = rng.choice(FRAME_PHRASES), rng.choice(NEGATIONS), rng.choice(VERBS)
    adj, made = rng.choice(ADJECTIVES), _word(rng).capitalize()
    day, num = rng.randint(1, 28), rng.randint(2, 9000)
    pct = f"{rng.randint(1, 40)},{rng.randint(0, 9)} %"
    templates = [
        f"Réunis à {place}, les dirigeants de {body} ont présenté le sommet comme {phrase}.",
        f"« Notre coopération {neg} un jeu à somme nulle », {verb} {who} devant la presse.",
        f"Pour {who}, ce rapprochement {neg} {phrase}, mais il reste {adj}.",
        f"Le {day} juillet, {who} et {who2} se sont entretenus à {place} sur {topic}.",
        f"Selon un diplomate en poste à {place}, {body} veut incarner {phrase}.",
        f"{who} {verb} que « {phrase} » était à l'ordre du jour, sans donner de détails.",
        f"La société {made} a signé un contrat de {num} millions de dollars portant sur "
        f"{topic}.",
        f"À {place}, le maire {made} a inauguré un centre consacré à {topic}.",
        f"Les analystes jugent que ce sommet {neg} {phrase} et soulignent son caractère {adj}.",
        f"« Il ne s'agit pas de {phrase} », a insisté {who}, interrogé sur {topic}.",
        f"Dans un éditorial, le quotidien {made} dénonce {phrase} et réclame plus de "
        f"transparence.",
        f"{body.capitalize()} n'a jamais été {phrase}, affirme le chercheur {made}.",
    ]
    if rng.random() < FRAMED_SHARE:
        return rng.choice(templates)
    made2, made3 = _word(rng), _word(rng)
    general = [
        f"Les échanges sur {topic} ont progressé de {pct} en {rng.randint(2015, 2025)}.",
        f"Le groupe {made} a annoncé {num} suppressions de postes dans son usine de "
        f"{made2.capitalize()}, provoquant la colère des syndicats.",
        f"Le conseil municipal de {made2.capitalize()} a voté mardi un budget de {num} "
        f"millions d'euros, en hausse de {pct}.",
        f"Selon l'institut {made}, le taux de chômage s'établit à {pct} au deuxième "
        f"trimestre, un niveau {adj} pour la région.",
        f"L'équipe de {made2.capitalize()} s'est imposée {rng.randint(0, 5)} à "
        f"{rng.randint(0, 4)} face à {made3.capitalize()} devant {num} spectateurs.",
        f"Les prévisionnistes annoncent des orages sur le sud du pays à partir du {day}, "
        f"avec des rafales de {rng.randint(40, 120)} km/h.",
        f"M. {made.capitalize()}, {rng.randint(25, 80)} ans, dirige depuis {rng.randint(1990, 2024)} "
        f"une entreprise de {num} salariés spécialisée dans {topic}.",
        f"Le tribunal de {made2.capitalize()} a renvoyé l'affaire au {day} septembre, à la "
        f"demande de la défense.",
        f"« Nous n'avons pas encore pris de décision », a indiqué un porte-parole de la "
        f"société {made}, joint par téléphone.",
        f"Le festival de {made3.capitalize()} a accueilli cette année {num} visiteurs, "
        f"un record selon les organisateurs.",
        f"La ministre a visité jeudi le chantier du {adj} pont de {made2.capitalize()}, "
        f"dont la livraison est prévue pour {rng.randint(2025, 2030)}.",
        f"D'après une étude publiée par {made}, {pct} des ménages déclarent avoir réduit "
        f"leurs dépenses d'énergie cet hiver.",
        rng.choice(FILLERS).format(pct=pct, num=num),
    ]
    return rng.choice(general)


def make_corpus(n_words: int, seed: int = 2024) -> list[str]:
    """Articles (title, blank line, paragraphs) totalling at least ``n_words`` words."""
    rng = random.Random(seed)
    docs: list[str] = []
    total = 0
    while total < n_words:
        target = rng.randint(*ARTICLE_WORDS)
        title = _sentence(rng).rstrip(".")
        paras: list[str] = []
        words = len(title.split())
        while words < target:
            para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
            paras.append(para)
            words += len(para.split())
        docs.append(title + "\n\n" + "\n".join(paras))
        total += words
    return docs


def _time(fn: Callable[[str], tuple[int, int]], docs: Sequence[str]) -> tuple[float, int, int]:
    for d in docs[:WARMUP_DOCS]:
        fn(d)
    n_tok = n_hits = 0
    t0 = time.perf_counter()
    for d in docs:
        t, h = fn(d)
        n_tok += t
        n_hits += h
    return time.perf_counter() - t0, n_tok, n_hits


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--lexicon", default="geopolitique")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)

    docs = make_corpus(args.words, args.seed)
    n_words = sum(len(d.split()) for d in docs)
    lex = load_lexicon(args.lexicon)
    matcher = Matcher(lex)
    print(f"corpus: {len(docs):,} documents, {n_words:,} words; lexicon {lex.name}: "
          f"{lex.n_patterns} patterns")

    split = {"tokens": 0.0, "match": 0.0}
    clock = time.perf_counter

    def run_framing(text: str) -> tuple[int, int]:
        t0 = clock()
        toks = tokens(text)
        t1 = clock()
        hits = matcher.match_tokens(toks)
        split["tokens"] += t1 - t0
        split["match"] += clock() - t1
        return len(toks.tokens), len(hits)

    dt_f, tok_f, hits_f = _time(run_framing, docs)
    print(f"framing : {tok_f / dt_f:>10,.0f} tokens/s  {n_words / dt_f:>10,.0f} words/s  "
          f"({tok_f:,} tokens, {hits_f:,} hits, {dt_f:.2f} s)")
    print(f"  of which tokens(): {tok_f / split['tokens']:,.0f} tokens/s; "
          f"match_tokens(): {tok_f / split['match']:,.0f} tokens/s (warm-up included)")

    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        print("spaCy is not installed: pip install 'spacy>=3.8,<3.9' (the 'bench' extra)")
        return 0
    nlp = spacy.blank("fr")
    literal = [
        p.source for f in lex.frames.values() for p in f.patterns
        if p.kind in ("fixed", "phrase") and all(e.kind == "word" for e in p.elements)
    ]
    pm = PhraseMatcher(nlp.vocab, attr="LOWER")
    pm.add("literal", [nlp.make_doc(s) for s in literal])

    def run_spacy(text: str) -> tuple[int, int]:
        doc = nlp.make_doc(text)
        return len(doc), len(pm(doc))

    dt_s, tok_s, hits_s = _time(run_spacy, docs)
    print(f"spaCy   : {tok_s / dt_s:>10,.0f} tokens/s  {n_words / dt_s:>10,.0f} words/s  "
          f"({tok_s:,} tokens, {hits_s:,} hits with {len(literal)} literal patterns, "
          f"{dt_s:.2f} s; spaCy {spacy.__version__})")
    print(f"ratio framing/spaCy (words/s): {dt_s / dt_f:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
