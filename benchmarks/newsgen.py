"""A generator of French news-like text for framing's benchmarks.

Articles are built from sentence templates written for these benchmarks — varied
vocabulary (made-up place, firm and person names, numbers, dates), negations, « »
quotes with speech verbs (some attributed by a pronoun: ``a-t-il ajouté``), and the
phrases of several frames — so that the vocabulary
keeps growing as in real news. Nothing here is real news.

* :func:`make_corpus` — a list of article texts totalling at least ``n_words`` words;
* :func:`write_corpus` — the same as a corpus folder in the agency layout (title,
  byline, body) with a ``metadata.csv`` spreading the articles over several outlets
  and dates, ready for ``python -m framing.report``.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

#: Words per generated article: between these two (a short to a long news item).
ARTICLE_WORDS = (250, 900)
#: Share of sentences built from a frame template (quotes, negations, frame phrases);
#: the others are general news (economy, sport, weather, courts) with made-up names.
#: About one sentence in four touching the frames is typical of summit coverage.
FRAMED_SHARE = 0.25

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
    pron = rng.choice(("il", "elle"))
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
        # a speaker named by a pronoun, as in most follow-up quotes of real news: the
        # quotes module then looks for the antecedent in the sentences before
        f"« Nous parlons de {topic}, pas de {phrase} », a-t-{pron} ajouté.",
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


def make_corpus(
    n_words: int, seed: int = 2024, article_words: tuple[int, int] = ARTICLE_WORDS,
    n_docs: int | None = None,
) -> list[str]:
    """Articles (title, blank line, paragraphs) totalling at least ``n_words`` words,
    each of ``article_words`` words (a range), or exactly ``n_docs`` articles when
    given (``n_words`` is then ignored)."""
    rng = random.Random(seed)
    docs: list[str] = []
    total = 0
    while (total < n_words) if n_docs is None else (len(docs) < n_docs):
        target = rng.randint(*article_words)
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



#: Fictional outlets of the generated corpora.
OUTLETS = ("Le Courrier Atlantique", "Agence Eurasia Info", "Dépêches Internationales",
           "Horizons Sud", "La Gazette du Levant")
#: Generated dates run over this many days from 2024-01-01.
DATE_SPAN_DAYS = 730


def write_corpus(
    folder: Path, n_words: int, seed: int = 2024, article_words: tuple[int, int] = ARTICLE_WORDS,
    n_docs: int | None = None,
) -> int:
    """Write a corpus folder of at least ``n_words`` words (or of exactly ``n_docs``
    articles); returns the number of articles. Articles go in sub-folders of 1,000
    files."""
    rng = random.Random(seed + 1)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for k, text in enumerate(make_corpus(n_words, seed, article_words, n_docs)):
        title, body = text.split("\n\n", 1)
        rel = f"{k // 1000:03d}/article_{k:06d}.txt"
        path = folder / rel
        path.parent.mkdir(exist_ok=True)
        byline = f"Par {_word(rng).capitalize()} {_word(rng).capitalize()}"
        path.write_text(f"{title}\n{byline}\n{body}\n", encoding="utf-8")
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(DATE_SPAN_DAYS))
        rows.append((rel, rng.choice(OUTLETS), day.isoformat()))
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "source", "date"])
        w.writerows(rows)
    return len(rows)
