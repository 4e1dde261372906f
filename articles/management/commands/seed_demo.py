"""Create realistic demo content; safe to run twice, fast at 100 000 articles."""

import io
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from articles import roles
from articles.demo import CATEGORY_TREE, TAGS, NewsWriter
from articles.models import Article, Author, Category, Tag
from articles.sanitizer import sanitize_html

DEMO_USERS = [
    # username, role (group name or None for a superuser), display name
    ("admin", None, "Administrateur"),
    ("redacteur", roles.EDITOR, "Afi Houngbédji"),
    ("journaliste", roles.JOURNALIST, "Koffi Adjovi"),
    ("journaliste2", roles.JOURNALIST, "Mariam Sanni"),
    ("moderateur", roles.MODERATOR, "Modération"),
    ("regie", roles.AD_MANAGER, "Régie publicitaire"),
]
DEMO_PASSWORD = "demo-newsportal"
GUEST_AUTHORS = ["Rédaction", "Service Monde", "Service Sport", "Correspondant à Niamey"]
IMAGE_COUNT = 12
PALETTE = [
    ((164, 22, 26), (250, 200, 120)),
    ((20, 60, 110), (140, 200, 230)),
    ((30, 100, 60), (200, 230, 150)),
    ((90, 40, 110), (230, 170, 200)),
    ((60, 60, 60), (220, 220, 210)),
    ((150, 90, 20), (250, 230, 160)),
]
BATCH = 2000
DEMO_CREDIT = "Newsportal / démo"


class Command(BaseCommand):
    help = "Create demo categories, tags, authors, users and articles (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=60, help="number of articles")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when articles already exist"
        )

    def handle(self, *args, articles, if_empty, **options):
        if articles < 0:
            raise CommandError("--articles doit être positif.")
        if if_empty and Article.objects.exists():
            self.stdout.write("Des articles existent déjà : contenu de démonstration inchangé.")
        else:
            with transaction.atomic():
                categories = self.create_categories()
                tags = self.create_tags()
                authors = self.create_users_and_authors()
            images = self.create_images()
            created = self.create_articles(articles, categories, tags, authors, images)
            self.stdout.write(self.style.SUCCESS(f"{created} article(s) créé(s)."))
        self.print_accounts()

    def create_categories(self):
        leaves = []
        for position, (name, slug, children) in enumerate(CATEGORY_TREE):
            parent, _ = Category.objects.get_or_create(
                slug=slug, defaults={"name": name, "position": position}
            )
            if not children:
                leaves.append(parent)
            for child_position, child_name in enumerate(children):
                child, _ = Category.objects.get_or_create(
                    slug=slugify(child_name),
                    defaults={
                        "name": child_name,
                        "parent": parent,
                        "position": child_position,
                        "show_in_nav": parent.slug == "news-infos" or child_position < 3,
                    },
                )
                leaves.append(child)
        return leaves

    def create_tags(self):
        Tag.objects.bulk_create(
            [Tag(name=name, slug=slugify(name)) for name in TAGS], ignore_conflicts=True
        )
        return list(Tag.objects.filter(slug__in=[slugify(n) for n in TAGS]))

    def create_users_and_authors(self):
        User = get_user_model()
        authors = []
        for username, role, display_name in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                password = DEMO_PASSWORD if settings.DEBUG else secrets.token_urlsafe(24)
                user = User.objects.create_user(
                    username=username,
                    email=f"{username}@example.org",
                    password=password,
                    is_staff=True,
                    is_superuser=role is None,
                )
                if role:
                    user.groups.add(Group.objects.get(name=role))
            if role in {roles.EDITOR, roles.JOURNALIST}:
                author, _ = Author.objects.get_or_create(
                    slug=slugify(display_name),
                    defaults={
                        "display_name": display_name,
                        "user": user,
                        "bio": _bio(display_name),
                    },
                )
                authors.append(author)
        for name in GUEST_AUTHORS:
            author, _ = Author.objects.get_or_create(
                slug=slugify(name), defaults={"display_name": name, "bio": _bio(name)}
            )
            authors.append(author)
        return authors

    def create_images(self):
        names = []
        for i in range(IMAGE_COUNT):
            name = f"demo/photo-{i + 1:02d}.jpg"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(_draw(i)))
            names.append(name)
        return names

    def create_articles(self, count, categories, tags, authors, images):
        # Demo articles are counted by their credit, not recognised by their
        # generated titles: a change in the demo text must not duplicate them.
        existing = Article.objects.filter(featured_image_credit=DEMO_CREDIT).count()
        writer = NewsWriter(seed=2026 + existing)
        now = timezone.now()
        # 60 articles span three weeks; 100 000 span about three years.
        spacing = timedelta(minutes=max(10, min(8 * 60, (3 * 365 * 24 * 60) // max(count, 1))))
        created = 0
        for start in range(existing, count, BATCH):
            batch = []
            plan = []
            for i in range(start, min(start + BATCH, count)):
                category = categories[i % len(categories)]
                title = writer.headline(
                    category.parent.name if category.parent_id else category.name
                )
                if category.name in {"Politique", "Économie", "Société", "Sport", "Culture"}:
                    title = writer.headline(category.name)
                status, published_at = _schedule(i, now, spacing)
                image = images[i % len(images)]
                batch.append(
                    Article(
                        title=title,
                        slug=f"{slugify(title)[:180]}-{i + 1}",
                        kicker=writer.kicker(),
                        standfirst=writer.standfirst(),
                        body=sanitize_html(writer.body()),
                        featured_image=image,
                        featured_image_width=1200,
                        featured_image_height=675,
                        featured_image_alt=f"Illustration : {title}",
                        featured_image_caption=f"{title[:80]}…",
                        featured_image_credit=DEMO_CREDIT,
                        category=category,
                        status=status,
                        published_at=published_at,
                        is_featured=i in {0, 5},
                        is_breaking=i == 1,
                        comments_enabled=i % 17 != 3,
                    )
                )
                plan.append(
                    (
                        batch[-1].slug,
                        [authors[i % len(authors)]]
                        + ([authors[(i + 3) % len(authors)]] if i % 7 == 0 else []),
                        [tags[(i * 7 + k) % len(tags)] for k in range(1 + i % 3)],
                    )
                )
            created += self._insert(batch, plan)
            if count >= 10 * BATCH:
                self.stdout.write(f"  {min(start + BATCH, count)}/{count}…")
        return created

    @transaction.atomic
    def _insert(self, batch, plan):
        slugs = [a.slug for a in batch]
        existing = set(Article.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        new = [a for a in batch if a.slug not in existing]
        Article.objects.bulk_create(new, batch_size=500)
        ids = dict(Article.objects.filter(slug__in=[a.slug for a in new]).values_list("slug", "id"))
        # auto_now stamped "now" on every demo article: they were not updated since publication.
        Article.objects.filter(pk__in=ids.values(), published_at__lte=timezone.now()).update(
            updated_at=F("published_at")
        )
        AuthorLink = Article.authors.through
        TagLink = Article.tags.through
        author_links, tag_links = [], []
        for slug, article_authors, article_tags in plan:
            if slug in ids:
                author_links += [
                    AuthorLink(article_id=ids[slug], author_id=a.pk) for a in article_authors
                ]
                tag_links += [TagLink(article_id=ids[slug], tag_id=t.pk) for t in article_tags]
        AuthorLink.objects.bulk_create(author_links, batch_size=2000, ignore_conflicts=True)
        TagLink.objects.bulk_create(tag_links, batch_size=2000, ignore_conflicts=True)
        return len(new)

    def print_accounts(self):
        if not settings.DEBUG:
            self.stdout.write(
                "Comptes de démonstration créés avec des mots de passe aléatoires "
                "(DEBUG désactivé) : utilisez `manage.py changepassword`."
            )
            return
        # Accounts created earlier with DEBUG off have random passwords: never
        # print a password that would not work (one check: they are created together).
        admin = get_user_model().objects.filter(username=DEMO_USERS[0][0]).first()
        if admin is None or not admin.check_password(DEMO_PASSWORD):
            self.stdout.write(
                "Les comptes de démonstration existaient déjà avec d’autres mots de passe : "
                "utilisez `manage.py changepassword`."
            )
            return
        self.stdout.write(f"\nComptes de démonstration (mot de passe : {DEMO_PASSWORD})")
        for username, role, _name in DEMO_USERS:
            self.stdout.write(f"  {username:<13} {role or 'Administrateur (superutilisateur)'}")
        self.stdout.write("")


def _schedule(i, now, spacing):
    """Most articles are published in the past; a few are scheduled, drafts or in review."""
    if i in {2, 9}:
        return Article.Status.PUBLISHED, now + timedelta(hours=6 * (i + 1))
    if i in {4, 11}:
        return Article.Status.DRAFT, None
    if i == 13:
        return Article.Status.REVIEW, None
    return Article.Status.PUBLISHED, now - spacing * (i + 1)


def _bio(name):
    return f"{name} couvre l’actualité politique et sociale pour la rédaction."


def _draw(index):
    """Draw a simple, recognisable illustration so that no image is downloaded."""
    dark, light = PALETTE[index % len(PALETTE)]
    width, height = 1200, 675
    image = Image.new("RGB", (width, height), light)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(light[c] * (1 - t) + dark[c] * t) for c in range(3)),
        )
    for k in range(5):
        x = (index * 97 + k * 233) % width
        r = 60 + (index * 13 + k * 29) % 140
        draw.ellipse([x - r, height // 2 - r, x + r, height // 2 + r], outline=dark, width=8)
    draw.rectangle([0, height - 90, width, height], fill=dark)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()
