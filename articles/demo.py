"""Demo newsroom content that reads like news: Faker's names and places in our sentences."""

import random

from faker import Faker

CATEGORY_TREE = [
    ("News - Infos", "news-infos", ["Politique", "Économie", "Société"]),
    ("Afrique", "afrique", ["Bénin", "Niger", "Togo", "Burkina Faso", "Algérie", "Centrafrique"]),
    ("Monde", "monde", []),
    ("Sport", "sport", []),
    ("Culture", "culture", []),
]

TAGS = [
    "Élections", "Assemblée nationale", "Gouvernement", "Budget", "Cotonou", "Porto-Novo",
    "Niamey", "Lomé", "Ouagadougou", "CEDEAO", "Union africaine", "Santé", "Éducation",
    "Agriculture", "Coton", "Port autonome", "Football", "Écureuils", "CAN", "Musique",
    "Cinéma", "Littérature", "Climat", "Sécurité", "Justice", "Jeunesse", "Numérique",
    "Énergie", "Transports", "Diplomatie",
]  # fmt: skip

SUBJECTS = {
    "Politique": [
        "le gouvernement",
        "l’Assemblée nationale",
        "le parti au pouvoir",
        "l’opposition",
        "le ministre de l’Intérieur",
    ],
    "Économie": [
        "le ministère des Finances",
        "la Banque centrale",
        "les producteurs de coton",
        "le port autonome",
        "les commerçants du marché Dantokpa",
    ],
    "Société": [
        "les syndicats d’enseignants",
        "les associations de quartier",
        "les étudiants",
        "les autorités sanitaires",
        "les familles",
    ],
    "Sport": [
        "les Écureuils",
        "le sélectionneur national",
        "la fédération de football",
        "les athlètes",
        "le club de la capitale",
    ],
    "Culture": [
        "le festival",
        "les artistes",
        "la bibliothèque nationale",
        "le musée",
        "les jeunes cinéastes",
    ],
}
VERBS = [
    "annonce", "dévoile", "défend", "lance", "présente", "conteste", "salue", "prépare",
    "réclame", "engage",
]  # fmt: skip
OBJECTS = [
    "un nouveau plan pour {place}", "une réforme attendue depuis des années",
    "des mesures d’urgence à {place}", "un accord avec ses partenaires régionaux",
    "un programme de 12 milliards de francs CFA", "le calendrier des prochaines échéances",
    "une consultation nationale", "un projet contesté à {place}",
    "la modernisation des services publics", "une initiative en faveur des jeunes",
]  # fmt: skip
KICKERS = ["Exclusif", "Analyse", "Reportage", "Entretien", "Décryptage", "Éclairage", "", "", ""]
PARAGRAPHS = [
    (
        "Réunis {day} à {place}, les responsables ont détaillé les grandes lignes du projet "
        "devant une assistance nombreuse. « Nous avons écouté toutes les parties », a déclaré"
        " {person}, qui promet des résultats visibles avant la fin de l’année."
    ),
    (
        "Selon plusieurs sources concordantes, les discussions ont duré près de six heures. "
        "Les représentants de la société civile ont salué une avancée, tout en réclamant un "
        "suivi rigoureux des engagements pris."
    ),
    (
        "À {place}, la nouvelle a été accueillie avec prudence. « Nous attendons de voir les "
        "actes », confie {person}, commerçant installé depuis vingt ans dans le quartier."
    ),
    (
        "Le texte prévoit une mise en œuvre progressive sur trois ans. Un premier bilan sera "
        "présenté au Parlement, qui devra se prononcer sur les crédits nécessaires lors de la"
        " prochaine session budgétaire."
    ),
    (
        "Pour {person}, chercheur à l’université d’Abomey-Calavi, il s’agit « d’un tournant, "
        "à condition que les moyens suivent ». Il rappelle que des annonces comparables n’ont"
        " pas toujours été tenues par le passé."
    ),
    (
        "Les partenaires régionaux, dont la CEDEAO, suivent le dossier de près. Une "
        "délégation est attendue à {place} dans les prochaines semaines pour évaluer les "
        "premières mesures."
    ),
    (
        "Sur les réseaux sociaux, les réactions se sont multipliées dès l’annonce. Beaucoup "
        "d’internautes s’interrogent sur le financement et sur le calendrier retenu."
    ),
    (
        "Interrogé par notre rédaction, {person} a tenu à préciser que « rien n’est encore "
        "définitif » et que des ajustements restent possibles après la phase de concertation."
    ),
]
QUOTES = [
    "Nous ne laisserons personne au bord du chemin.",
    "C’est une étape importante, mais le plus dur reste à faire.",
    "Les citoyens attendent des résultats concrets, pas des promesses.",
    "Ce projet appartient à toute la nation.",
]
PLACES = [
    "Cotonou", "Porto-Novo", "Parakou", "Abomey", "Natitingou", "Ouidah", "Lomé", "Niamey",
    "Ouagadougou", "Bangui", "Alger", "Kandi", "Djougou", "Bohicon",
]  # fmt: skip
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


class NewsWriter:
    """Write reproducible headlines, standfirsts and bodies."""

    def __init__(self, seed=2026):
        self.rng = random.Random(seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        # Faker is slow per call; a pool of names keeps 100 000 articles quick.
        self.people = [self.fake.name() for _ in range(500)]

    def person(self):
        return self.rng.choice(self.people)

    def headline(self, category_name):
        rng = self.rng
        subject = rng.choice(SUBJECTS.get(category_name) or SUBJECTS["Politique"])
        obj = rng.choice(OBJECTS).format(place=rng.choice(PLACES))
        verb = rng.choice(VERBS)
        if subject.startswith("les "):
            # Plural subject: "les syndicats annoncent leurs…" (all our verbs end in -e).
            verb += "nt"
            obj = obj.replace(" ses ", " leurs ")
        text = f"{subject} {verb} {obj}"
        return text[0].upper() + text[1:]

    def kicker(self):
        return self.rng.choice(KICKERS)

    def standfirst(self):
        place = self.rng.choice(PLACES)
        return (
            f"À {place}, l’annonce suscite espoirs et interrogations. "
            f"{self.person()} fait le point sur les enjeux et le calendrier."
        )

    def body(self):
        rng = self.rng
        paragraphs = rng.sample(PARAGRAPHS, 5)
        html = []
        for i, text in enumerate(paragraphs):
            html.append(
                "<p>"
                + text.format(day=rng.choice(DAYS), place=rng.choice(PLACES), person=self.person())
                + "</p>"
            )
            if i == 1:
                html.append(f"<blockquote><p>{rng.choice(QUOTES)}</p></blockquote>")
            if i == 2:
                html.append("<h2>Les prochaines étapes</h2>")
        return "".join(html)
