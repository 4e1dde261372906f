"""List the benchmark's pages, count their queries and EXPLAIN them, in one Django process.

Each page is fetched with Django's test Client (a fresh, cookie-less client per request,
like wrk) inside CaptureQueriesContext: once cold (page cache empty), once again (served
from the page cache if there is one) and once with a unique `r=` query string (to learn
whether such a string bypasses the cache, which is how the wrk scripts measure uncached
pages). Writes the page list and counts as JSON for bench/drive.py and bench/report.py,
and the plans of every query of the key pages to bench/EXPLAIN.md.
"""

import argparse
import json
import logging
import sys
import time
from datetime import UTC, datetime

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.models import Article, Category  # noqa: E402
from bench import captcha  # noqa: E402

HOST = {"HTTP_HOST": "127.0.0.1"}
SEARCH_COMMON = "gouvernement"
SEARCH_RARE = "Dantokpa"
RANDOM_ARTICLES = 500
EXPLAINED = [
    "article",
    "home",
    "category-p500",
    "search-common",
    "search-rare",
    "admin-articles",
    "admin-comments",
]


def bust(url, n):
    return f"{url}{'&' if '?' in url else '?'}r=inspect{n}"


def biggest_category():
    """Return the top-level category with the most published articles (children's included)."""
    top = (
        Article.objects.published()
        .annotate(top=Coalesce("category__parent_id", "category_id"))
        .values("top")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return Category.objects.get(pk=top["top"]), top["n"]


def pages(prepare):
    """Return {name: {url, kind}} for every measured page."""
    category, in_category = biggest_category()
    article_id = prepare["designated"]
    article_url = reverse("articles:article-detail", kwargs={"slug": prepare["designated_slug"]})
    admin = f"/{django.conf.settings.ADMIN_URL}"
    category_url = category.get_absolute_url()
    return {
        "floor": {"url": "/__bench/floor", "kind": "floor"},
        "article": {"url": article_url, "kind": "public", "article_id": article_id},
        "home": {"url": "/", "kind": "public"},
        "category-p1": {"url": category_url, "kind": "public", "articles": in_category},
        "category-p500": {"url": f"{category_url}?page=500", "kind": "public"},
        "search-common": {
            "url": f"/recherche/?q={SEARCH_COMMON}",
            "kind": "public",
            "word": SEARCH_COMMON,
        },
        "search-rare": {
            "url": f"/recherche/?q={SEARCH_RARE}",
            "kind": "public",
            "word": SEARCH_RARE,
        },
        "comment-post": {
            "url": reverse("comments:post", kwargs={"article_id": article_id}),
            "kind": "post",
            "article_url": article_url,
        },
        "admin-articles": {"url": f"{admin}articles/article/", "kind": "admin"},
        "admin-comments": {"url": f"{admin}comments/comment/", "kind": "admin"},
    }


def fetch(clients, page, n):
    """Fetch a page once, without cookies (like wrk); return (status, queries, ms, response)."""
    anonymous, staff = clients
    client = staff if page["kind"] == "admin" else anonymous
    if page["kind"] != "admin":
        # One client for all (building one scans the static files): forget its cookies.
        client.cookies.clear()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        if page["kind"] == "post":
            response = client.post(
                page["url"],
                {
                    "body": f"Commentaire d’inspection numéro {n} pour le banc d’essai.",
                    "author_name": "Banc d’essai",
                    "author_email": "bench-post@example.org",
                    "captcha": "bench-token",
                },
                **HOST,
            )
        else:
            response = client.get(bust(page["url"], n) if n > 2 else page["url"], **HOST)
        elapsed = (time.perf_counter() - started) * 1000
    return response.status_code, list(captured.captured_queries), elapsed, response


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    captcha.install()
    # The request log's "slow request" warnings would drown the table printed here.
    logging.getLogger("newsportal.request").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser()
    parser.add_argument("--prepare", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--explain", required=True)
    args = parser.parse_args()
    with open(args.prepare) as f:
        prepare = json.loads(f.read().strip().splitlines()[-1])
    user = get_user_model().objects.get(username="bench-admin")
    admin_client = Client()
    admin_client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    clients = (Client(), admin_client)
    # Warm-up: imports and connections, then the page cache's generation and next-change
    # keys (the first request after a flush stores nothing, the next computes the moment).
    for _ in range(3):
        fetch(clients, {"kind": "public", "url": reverse("articles:legal")}, 0)
    result = {"pages": pages(prepare), "prepare": prepare}
    captured_sql = {}
    for name, page in result["pages"].items():
        status, queries, ms, response = fetch(clients, page, 1)
        page.update(
            status=status, queries=len(queries), ms=round(ms, 1), bytes=len(response.content)
        )
        captured_sql[name] = queries
        if page["kind"] == "public":
            again, queries2, ms2, response2 = fetch(clients, page, 2)
            busted, queries3, ms3, _ = fetch(clients, page, 3)
            page.update(
                cached=response2.get("X-Cache") == "HIT" or len(queries2) < len(queries),
                x_cache=response2.get("X-Cache", ""),
                queries_again=len(queries2),
                ms_again=round(ms2, 1),
                queries_busted=len(queries3),
                cache_control=response2.get("Cache-Control", ""),
            )
        sys.stdout.write(
            f"  {name:<15} {status}  {page['queries']:>3} queries  {page['ms']:>7.1f} ms"
            + (
                f"  (again: {page['queries_again']} queries, {page['ms_again']} ms;"
                f" with ?r=: {page['queries_busted']})"
                if "queries_again" in page
                else ""
            )
            + "\n"
        )
    public = [page for page in result["pages"].values() if page["kind"] == "public"]
    result["page_cache"] = {
        "present": any(page["cached"] for page in public),
        "cached_pages": [name for name, page in result["pages"].items() if page.get("cached")],
        # A unique query string bypasses the cache if such a request reaches the database.
        "bust_works": all(
            page["queries_busted"] > page["queries_again"] for page in public if page["cached"]
        ),
    }
    published = Article.objects.published().order_by("?").values_list("slug", flat=True)
    result["random_articles"] = [
        reverse("articles:article-detail", kwargs={"slug": slug})
        for slug in published[:RANDOM_ARTICLES]
    ]
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    write_explain(args.explain, result, captured_sql)


def write_explain(path, result, captured_sql):
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# EXPLAIN (ANALYZE, BUFFERS) of the benchmark's pages",
        "",
        f"Generated by `make bench` (bench/inspect_pages.py) on {now}, against the "
        "benchmark database (100 000 articles, 1 000 000 comments), after one warm-up "
        "request per page. Every query of each page's first, uncached request, in order; "
        "the session and user queries of the admin pages included.",
        "",
    ]
    for name in EXPLAINED:
        page = result["pages"][name]
        queries = [
            q
            for q in captured_sql[name]
            if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
        ]
        lines += [f"## {name}: `{page['url']}` ({page['queries']} queries)", ""]
        for i, query in enumerate(queries, 1):
            plan = explain(query["sql"])
            sql = query["sql"]
            if len(sql) > 1500:
                sql = sql[:1500] + " …"
            lines += [f"### {name} — query {i}", "", "```sql", sql, "```", ""]
            lines += ["```", plan, "```", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
