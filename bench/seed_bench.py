"""Scale the demo site up for the benchmark: 200 categories, 200 tags, 1 000 000 comments.

Run by bench/run.sh after `manage.py seed_demo --articles N`, with DJANGO_SETTINGS_MODULE
pointing at the benchmark database:

    python -m bench.seed_bench status             # JSON: what the database holds
    python -m bench.seed_bench seed --comments 1000000
    python -m bench.seed_bench prepare --password P   # before each run (cheap)

Comments are written by PostgreSQL itself (INSERT … SELECT generate_series), with
the table's secondary indexes dropped during the load and rebuilt after: about a
quarter of a minute for a million rows where the ORM would take an hour.
"""

import argparse
import json
import sys
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from articles.models import Article, Category, Tag  # noqa: E402
from comments.models import Comment  # noqa: E402

TOTAL_CATEGORIES = 200
TOTAL_TAGS = 200
CHILDREN_PER_REGION = 9
# Share of the articles left in the demo's own categories (the big sections of a
# real site); the rest is spread evenly over the benchmark's categories.
KEEP_IN_DEMO_PERCENT = 45
DESIGNATED_COMMENTS = 50
ADMIN_USERNAME = "bench-admin"
POST_EMAIL = "bench-post@example.org"  # comments sent by the POST measurement

NAMES = [
    "Adjoa", "Kossi", "Aïcha", "Moussa", "Fatou", "Yao", "Chantal", "Ibrahim", "Mireille",
    "Sékou", "Awa", "Didier", "Nafissatou", "Koffi", "Rachida", "Gilles", "Bintou", "Serge",
    "Hortense", "Abdoulaye",
]  # fmt: skip
SENTENCES = [
    "Merci pour cet article très complet, il manquait une analyse de ce genre.",
    "Je ne suis pas d’accord avec la conclusion : les chiffres disent autre chose.",
    "Encore des promesses, on attend de voir les actes sur le terrain.",
    "À Cotonou, les commerçants en parlent depuis des semaines.",
    "Il faudrait aussi interroger les syndicats, leur avis compte.",
    "Bonne nouvelle pour les jeunes de la région, enfin un peu d’espoir.",
    "Quel est le calendrier exact ? L’article ne le précise pas.",
    "Mon village attend la route depuis dix ans, rien n’a changé.",
    "Article intéressant, mais le titre exagère un peu la portée de l’annonce.",
    "Les partenaires régionaux doivent suivre ce dossier de près.",
    "Je partage cet article avec ma famille à Parakou.",
    "Qui va financer tout cela ? Le budget est déjà très serré.",
]


def meta():
    """Return what a previous seeding recorded (empty when never seeded)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_meta') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return {}
        cursor.execute("SELECT key, value FROM bench_meta")
        return {key: json.loads(value) for key, value in cursor.fetchall()}


def save_meta(**values):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text)")
        for key, value in values.items():
            cursor.execute(
                "INSERT INTO bench_meta VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [key, json.dumps(value)],
            )


def log(message, started=None):
    suffix = f" ({time.monotonic() - started:.1f} s)" if started else ""
    sys.stdout.write(f"  seed_bench: {message}{suffix}\n")
    sys.stdout.flush()


@transaction.atomic
def add_categories():
    """Add two-level categories up to TOTAL_CATEGORIES; return the new leaves' ids."""
    existing = Category.objects.count()
    leaves, region = [], 0
    while existing < TOTAL_CATEGORIES:
        region += 1
        top = Category.objects.create(
            name=f"Région {region:02d}",
            slug=f"bench-region-{region:02d}",
            position=100 + region,
            show_in_nav=False,
        )
        existing += 1
        children = min(CHILDREN_PER_REGION, TOTAL_CATEGORIES - existing)
        for child in range(1, children + 1):
            leaf = Category.objects.create(
                name=f"Région {region:02d} · Localité {child}",
                slug=f"bench-region-{region:02d}-localite-{child}",
                parent=top,
                position=child,
                show_in_nav=False,
            )
            leaves.append(leaf.pk)
        existing += children
        if not children:
            leaves.append(top.pk)
    return leaves


@transaction.atomic
def add_tags():
    """Add tags up to TOTAL_TAGS; return the new tags' ids."""
    missing = TOTAL_TAGS - Tag.objects.count()
    new = [Tag(name=f"Dossier {i:03d}", slug=f"bench-dossier-{i:03d}") for i in range(missing)]
    Tag.objects.bulk_create(new)
    return list(Tag.objects.filter(slug__startswith="bench-dossier-").values_list("pk", flat=True))


def spread_articles(leaves, tags):
    """Move most articles to the new categories and give half of them a new tag (SQL)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if leaves:
            cursor.execute(
                "UPDATE articles_article SET category_id = (%s::bigint[])[1 + (id * 7919) %% %s] "
                "WHERE id %% 100 >= %s",
                [leaves, len(leaves), KEEP_IN_DEMO_PERCENT],
            )
        if tags:
            cursor.execute(
                "INSERT INTO articles_article_tags (article_id, tag_id) "
                "SELECT id, (%s::bigint[])[1 + (id * 104729) %% %s] FROM articles_article "
                "WHERE id %% 2 = 0 ON CONFLICT DO NOTHING",
                [tags, len(tags)],
            )


def designate_article():
    """Pick the article measured with 50 comments: recent, open to comments, not featured."""
    article = (
        Article.objects.published()
        .filter(comments_enabled=True, is_featured=False, is_breaking=False)
        .order_by("-published_at")[50:51]
        .first()
    )
    if article is None:
        sys.exit("seed_bench: no published article to designate (did seed_demo run?)")
    return article.pk


def _body_sql(g):
    """SQL for a comment text of one to three sentences, chosen from `g`."""
    n = len(SENTENCES)
    return (
        f"s[1 + mod({g}, {n})] || CASE WHEN mod({g}, 3) > 0 THEN ' ' || s[1 + mod({g} / 3, {n})] "
        f"ELSE '' END || CASE WHEN mod({g}, 5) = 0 THEN ' ' || s[1 + mod({g} / 7, {n})] "
        "ELSE '' END"
    )


COMMENT_COLUMNS = (
    "article_id, parent_id, author_name, author_email, body, status, captcha_score, "
    "hold_reasons, ip_address, user_agent, created_at, moderated_by_id, moderated_at"
)


def insert_comments(count, designated):
    """Insert `count` comments skewed towards recent articles, none on `designated`."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute("SELECT setseed(0.2026)")
        # Django's foreign keys are deferred: checked at COMMIT, they would block CREATE INDEX.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE comments_comment RESTART IDENTITY CASCADE")
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'comments_comment' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(
            "CREATE TEMP TABLE bench_targets ON COMMIT DROP AS "
            "SELECT row_number() OVER (ORDER BY published_at DESC, id DESC) AS rn, id, "
            "published_at FROM articles_article "
            "WHERE status = 'published' AND published_at <= now() AND id <> %s",
            [designated],
        )
        cursor.execute("SELECT count(*) FROM bench_targets")
        targets = cursor.fetchone()[0]
        started = time.monotonic()
        # rn = 1 + n·u²: a quarter of the comments go to the newest 6 % of the articles.
        cursor.execute(
            f"INSERT INTO comments_comment ({COMMENT_COLUMNS}) "
            "SELECT t.id, NULL, n[1 + mod(g, %(names)s)] || ' ' || chr(65 + mod(g, 26)) || '.', "
            "'lecteur' || mod(g, 60000) || '@example.org', "
            f"{_body_sql('g')}, "
            "CASE WHEN r1 < 0.93 THEN 'approved' WHEN r1 < 0.95 THEN 'pending' "
            "WHEN r1 < 0.98 THEN 'rejected' ELSE 'spam' END, "
            "CASE WHEN r1 < 0.98 THEN round((0.5 + r3 / 2)::numeric, 2) ELSE 0.1 END, "
            "'[]'::jsonb, ('10.' || mod(g / 65536, 256) || '.' || mod(g / 256, 256) || '.' "
            "|| mod(g, 256))::inet, 'Mozilla/5.0 (bench)', "
            # Most comments come within days of publication.
            "LEAST(now(), t.published_at + interval '4 days' * r2 * r2), NULL, "
            "CASE WHEN r1 < 0.95 AND r1 >= 0.93 THEN NULL "
            "ELSE LEAST(now(), t.published_at + interval '4 days' * r2 * r2 "
            "+ interval '30 minutes') END "
            "FROM (SELECT g, 1 + floor(power(random(), 2) * %(targets)s)::int AS rn, "
            "random() AS r1, random() AS r2, random() AS r3 "
            "FROM generate_series(1, %(count)s) g) x "
            "JOIN bench_targets t ON t.rn = x.rn, "
            "(SELECT %(names_array)s::text[] AS n, %(sentences)s::text[] AS s) words",
            {
                "names": len(NAMES),
                "targets": targets,
                "count": count,
                "names_array": NAMES,
                "sentences": SENTENCES,
            },
        )
        log(f"{cursor.rowcount} comments inserted", started)
        started = time.monotonic()
        for _name, definition in indexes:
            cursor.execute(definition)
        log(f"{len(indexes)} indexes rebuilt", started)


def reset_designated(designated):
    """Give the designated article exactly 50 approved comments, and nothing else."""
    Comment.objects.filter(article_id=designated).delete()
    article = Article.objects.get(pk=designated)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO comments_comment ({COMMENT_COLUMNS}) "
            "SELECT %(article)s, NULL, "
            "n[1 + mod(g, %(names)s)] || ' ' || chr(65 + mod(g, 26)) || '.', "
            "'lecteur' || g || '@example.org', "
            f"{_body_sql('g')}, 'approved', 0.9, '[]'::jsonb, "
            "('10.200.0.' || g)::inet, 'Mozilla/5.0 (bench)', "
            "%(published)s + interval '20 minutes' * g, NULL, "
            "%(published)s + interval '20 minutes' * g + interval '10 minutes' "
            "FROM generate_series(1, %(count)s) g, "
            "(SELECT %(names_array)s::text[] AS n, %(sentences)s::text[] AS s) words",
            {
                "article": designated,
                "names": len(NAMES),
                "count": DESIGNATED_COMMENTS,
                "published": article.published_at,
                "names_array": NAMES,
                "sentences": SENTENCES,
            },
        )


def vacuum():
    started = time.monotonic()
    with connection.cursor() as cursor:
        for table in ("comments_comment", "articles_article", "articles_article_tags"):
            cursor.execute(f"VACUUM (ANALYZE) {table}")
        cursor.execute("ANALYZE")
    log("VACUUM ANALYZE done", started)


def seed(comments):
    started = time.monotonic()
    leaves = add_categories()
    tags = add_tags()
    spread_articles(leaves, tags)
    log(f"{Category.objects.count()} categories, {Tag.objects.count()} tags", started)
    designated = designate_article()
    insert_comments(comments, designated)
    reset_designated(designated)
    vacuum()
    save_meta(
        articles=Article.objects.count(),
        comments=comments,
        designated=designated,
        categories=Category.objects.count(),
        tags=Tag.objects.count(),
    )
    log(f"done in {time.monotonic() - started:.0f} s")


def prepare(password):
    """Before each run: undo the last run's POSTs, keep the article open, set the admin."""
    info = meta()
    designated = info["designated"]
    deleted, _ = Comment.objects.filter(author_email=POST_EMAIL).delete()
    # Comments close 30 days after publication: a re-run weeks later must still post.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET published_at = now() - interval '2 days' "
            "WHERE id = %s AND published_at < now() - interval '20 days'",
            [designated],
        )
    approved = Comment.objects.approved().filter(article_id=designated).count()
    if approved != DESIGNATED_COMMENTS:
        reset_designated(designated)
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=ADMIN_USERNAME, defaults={"email": "bench@example.org"}
    )
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    if deleted:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) comments_comment")
    article = Article.objects.select_related("category").get(pk=designated)
    sys.stdout.write(
        json.dumps({**info, "designated_slug": article.slug, "removed_posts": deleted}) + "\n"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("status")
    seed_parser = sub.add_parser("seed")
    seed_parser.add_argument("--comments", type=int, default=1_000_000)
    prepare_parser = sub.add_parser("prepare")
    prepare_parser.add_argument("--password", required=True)
    args = parser.parse_args()
    if args.command == "status":
        sys.stdout.write(json.dumps(meta()) + "\n")
    elif args.command == "seed":
        seed(args.comments)
    else:
        prepare(args.password)


if __name__ == "__main__":
    main()
