"""Make every cached page stale, e.g. after a bulk import that sent no signals."""

from django.core.management.base import BaseCommand

from newsportal import pagecache


class Command(BaseCommand):
    help = "Invalide toutes les pages en cache (après un import en masse, par exemple)."

    def handle(self, *args, **options):
        pagecache.bump()
        self.stdout.write(self.style.SUCCESS("Pages en cache invalidées."))
