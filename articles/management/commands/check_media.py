"""Report images that articles and authors point to but that the media storage no longer has."""

from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from articles.models import Article, Author


class _ImageSources(HTMLParser):
    """Collect the src of every <img> in a body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.extend(value for name, value in attrs if name == "src" and value)


def media_name(url):
    """Return the storage name of a media URL (ours only), or None for anything else."""
    media_url = settings.MEDIA_URL
    if not url.startswith(media_url):
        # An absolute address of this site (SITE_URL + /media/…), as the sanitizer allows.
        site = urlsplit(settings.SITE_URL)
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
        url = parts.path
        if not url.startswith(media_url):
            return None
    name = unquote(urlsplit(url[len(media_url) :]).path)
    return name or None


def body_images(body):
    """Return the storage names of the editor images a body shows."""
    parser = _ImageSources()
    parser.feed(body or "")
    parser.close()
    return [name for src in parser.sources if (name := media_name(src))]


class Command(BaseCommand):
    help = (
        "Vérifie que les images des articles (image principale, images du corps) et les "
        "photos des auteurs existent dans le stockage des médias. Code de sortie 1 si un "
        "fichier manque."
    )

    def handle(self, *args, **options):
        seen = {}
        missing = []

        def check(label, name):
            if name not in seen:
                seen[name] = default_storage.exists(name)
            if not seen[name]:
                missing.append(f"{label} : {name}")

        articles = Article.objects.values_list("pk", "title", "featured_image", "body")
        for pk, title, featured_image, body in articles.order_by("pk").iterator(chunk_size=500):
            label = f"Article {pk} « {title} »"
            if featured_image:
                check(f"{label}, image principale", featured_image)
            for name in body_images(body):
                check(f"{label}, image du texte", name)
        authors = Author.objects.exclude(photo="").values_list("pk", "display_name", "photo")
        for pk, display_name, photo in authors.order_by("pk").iterator(chunk_size=500):
            check(f"Auteur {pk} « {display_name} », photo", photo)

        for line in missing:
            self.stdout.write(line)
        if missing:
            raise CommandError(
                f"{len(missing)} référence(s) à des fichiers absents du stockage "
                f"({len(seen)} fichiers vérifiés). Restaurez-les depuis la sauvegarde des "
                "médias ou corrigez les articles concernés.",
                returncode=1,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Tous les fichiers référencés sont présents ({len(seen)} vérifiés)."
            )
        )
