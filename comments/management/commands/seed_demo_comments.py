"""Add demo reader comments (published, waiting, low score) to the latest articles."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.models import Article
from comments.models import BannedWord, Comment

READERS = [
    ("Awa Dossou", "awa.dossou@example.org"),
    ("Koffi Mensah", "koffi.mensah@example.org"),
    ("Chidinma Okafor", "chidinma@example.org"),
    ("Jean-Baptiste Houngbo", "jb.houngbo@example.org"),
    ("Mariam Traoré", "mariam.traore@example.org"),
]
APPROVED = [
    "Merci pour cet article clair et bien documenté.",
    "Je ne partage pas tout à fait cette analyse : les chiffres de l’an dernier\n"
    "montraient une tendance inverse dans le Nord du pays.",
    "Enfin un sujet traité en profondeur. Hâte de lire la suite.",
]
REPLY = "Bonne remarque, la source est citée plus bas dans l’article."
PENDING = "Quelqu’un sait-il quand les résultats définitifs seront publiés ?"
SPAMMY = "Gagnez de l’argent facilement : https://exemple.invalid/offre"


class Command(BaseCommand):
    help = "Ajoute des commentaires de démonstration (publiés, en attente, indésirables)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=6, help="Nombre d’articles commentés.")

    def handle(self, *args, articles=6, **options):
        if Comment.objects.exists():
            self.stdout.write("Des commentaires existent déjà : rien à faire.")
            return
        BannedWord.objects.get_or_create(word="arnaque")
        now = timezone.now()
        created = 0
        for index, article in enumerate(Article.objects.published()[:articles]):
            start = max(article.published_at, now - timedelta(days=2))
            top = []
            for n, body in enumerate(APPROVED[: 3 - index % 2]):
                name, email = READERS[(index + n) % len(READERS)]
                top.append(
                    Comment.objects.create(
                        article=article,
                        author_name=name,
                        author_email=email,
                        body=body,
                        status=Comment.Status.APPROVED,
                        captcha_score=0.9,
                        created_at=start + timedelta(minutes=20 * (n + 1)),
                        moderated_at=now,
                    )
                )
            name, email = READERS[(index + 3) % len(READERS)]
            Comment.objects.create(
                article=article,
                parent=top[0],
                author_name=name,
                author_email=email,
                body=REPLY,
                status=Comment.Status.APPROVED,
                captcha_score=0.8,
                created_at=start + timedelta(hours=2),
                moderated_at=now,
            )
            Comment.objects.create(
                article=article,
                author_name=READERS[4][0],
                author_email=READERS[4][1],
                body=PENDING,
                captcha_score=0.7,
                created_at=now - timedelta(minutes=15 + index),
            )
            Comment.objects.create(
                article=article,
                author_name="promo2000",
                author_email="promo@example.invalid",
                body=SPAMMY,
                status=Comment.Status.SPAM,
                captcha_score=0.1,
                hold_reasons=[Comment.HoldReason.LOW_SCORE],
                created_at=now - timedelta(minutes=5 + index),
            )
            created += len(top) + 3
        self.stdout.write(f"{created} commentaires de démonstration ajoutés.")
