"""Erase the IP address and browser of comments older than COMMENTS_RETENTION_DAYS."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from comments.models import Comment


class Command(BaseCommand):
    help = (
        "Efface l’adresse IP et le navigateur des commentaires plus anciens que "
        "COMMENTS_RETENTION_DAYS (à lancer chaque jour)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Durée de conservation en jours (par défaut : COMMENTS_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien effacer.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.COMMENTS_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days doit être positif.")
        cutoff = timezone.now() - timedelta(days=days)
        old = Comment.objects.filter(created_at__lt=cutoff).filter(
            Q(ip_address__isnull=False) | ~Q(user_agent="")
        )
        if dry_run:
            self.stdout.write(
                f"{old.count()} commentaire(s) à anonymiser (avant le {cutoff:%d/%m/%Y})."
            )
            return
        count = old.update(ip_address=None, user_agent="")
        self.stdout.write(f"{count} commentaire(s) anonymisé(s) (avant le {cutoff:%d/%m/%Y}).")
