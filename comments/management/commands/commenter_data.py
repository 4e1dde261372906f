"""Export or erase everything stored about one commenter, found by email (data requests)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from comments.models import Comment


class Command(BaseCommand):
    help = "Exporte (JSON) ou supprime les commentaires et données d’un lecteur, par e-mail."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="L’adresse e-mail du lecteur.")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--export", action="store_true", help="Écrire ses données en JSON.")
        group.add_argument("--delete", action="store_true", help="Supprimer ses commentaires.")
        parser.add_argument(
            "--yes", action="store_true", help="Supprimer sans demander de confirmation."
        )

    def handle(self, *args, email, export, delete, yes, **options):
        email = email.strip()
        if "@" not in email:
            raise CommandError("Adresse e-mail invalide.")
        comments = Comment.objects.filter(author_email__iexact=email).select_related("article")
        if export:
            data = [
                {
                    "id": c.pk,
                    "article": c.article.title,
                    "article_url": c.article.get_absolute_url(),
                    "in_reply_to": c.parent_id,
                    "author_name": c.author_name,
                    "author_email": c.author_email,
                    "body": c.body,
                    "status": c.status,
                    "created_at": c.created_at,
                    "ip_address": c.ip_address,
                    "user_agent": c.user_agent,
                }
                for c in comments.order_by("created_at")
            ]
            self.stdout.write(
                json.dumps(
                    {"email": email, "comments": data},
                    cls=DjangoJSONEncoder,
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        count = comments.count()
        if not count:
            self.stdout.write("Aucun commentaire pour cette adresse.")
            return
        if not yes:
            answer = input(f"Supprimer {count} commentaire(s) de {email} ? [oui/non] ")
            if answer.strip().lower() not in {"oui", "o", "yes", "y"}:
                raise CommandError("Annulé.")
        with transaction.atomic():
            # Replies by others to these comments go too (they answer a text that is gone).
            deleted, _detail = comments.delete()
        self.stdout.write(f"{count} commentaire(s) supprimé(s) ({deleted} objet(s) au total).")
