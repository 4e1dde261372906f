from django.core.management.base import BaseCommand

from ads.counting import flush_stats


class Command(BaseCommand):
    help = "Move the impression and click counters from the cache into the daily statistics."

    def handle(self, *args, **options):
        rows = flush_stats()
        self.stdout.write(f"{rows} ligne(s) de statistiques mises à jour.")
