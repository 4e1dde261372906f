"""The newsroom's lists at scale: no COUNT(*) of the whole table, orders read from indexes."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import roles
from articles.models import Article
from comments.models import Comment
from newsportal.paginator import EstimatedCountPaginator
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def analyse(*models):
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def changelist_sql(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize(
    ("url", "table", "role"),
    [
        ("admin:articles_article_changelist", "articles_article", roles.EDITOR),
        ("admin:comments_comment_changelist", "comments_comment", roles.MODERATOR),
    ],
)
def test_unfiltered_big_list_is_estimated_not_counted(
    postgres_only, client, monkeypatch, url, table, role
):
    article = ArticleFactory()
    CommentFactory.create_batch(3, article=article)
    analyse(Article, Comment)
    client.force_login(UserFactory(username="chef", role=role))
    # Pretend the table is big: three rows are above this threshold.
    monkeypatch.setattr(EstimatedCountPaginator, "exact_below", 1)
    response, sqls = changelist_sql(client, reverse(url))
    counts = [sql for sql in sqls if '"__count"' in sql and f'"{table}"' in sql]
    assert counts == []
    assert any("reltuples" in sql for sql in sqls)
    # Filtered, the count is exact (and served by an index).
    _response, sqls = changelist_sql(
        client,
        reverse(url) + "?status__exact=published"
        if "article" in table
        else reverse(url) + "?status__exact=pending",
    )
    assert any('"__count"' in sql and f'"{table}"' in sql for sql in sqls)


def test_small_tables_are_counted_exactly(client):
    ArticleFactory.create_batch(3)
    client.force_login(UserFactory(username="chef", role=roles.EDITOR))
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.context["cl"].result_count == 3


def _uses_index(queryset, index):
    with connection.cursor() as cursor:
        # Tiny test tables: forbid the sort so the plan shows whether the index can serve it.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    return index in plan


def test_moderation_queue_order_is_read_from_its_index(postgres_only, rf):
    CommentFactory.create_batch(5, article=ArticleFactory())
    analyse(Comment)
    request = rf.get("/")
    request.user = UserFactory(username="modo", role=roles.MODERATOR)
    model_admin = admin.site._registry[Comment]
    queue = model_admin.get_queryset(request).order_by("queue_rank", "created_at", "-pk")[:50]
    assert _uses_index(queue, "comment_queue_idx")


def test_article_changelist_order_is_read_from_its_index(postgres_only):
    ArticleFactory.create_batch(5)
    analyse(Article)
    assert _uses_index(Article.objects.order_by("-published_at", "-id")[:50], "article_pub_id_idx")


def test_article_changelist_queries_do_not_grow_with_categories(client):
    from tests.factories import CategoryFactory

    client.force_login(UserFactory(username="chef", role=roles.EDITOR))
    url = reverse("admin:articles_article_changelist")

    def queries(n):
        for _ in range(n):
            ArticleFactory(category=CategoryFactory(parent=CategoryFactory()))
        return len(changelist_sql(client, url)[1])

    assert queries(2) == queries(20)


def test_queue_filters_by_article_without_listing_every_article(client):
    busy = ArticleFactory(title="Article très commenté")
    quiet = ArticleFactory(title="Article sans attente")
    CommentFactory.create_batch(3, article=busy, status="pending", body="à relire")
    CommentFactory(article=quiet, status="approved", body="déjà publié")
    client.force_login(UserFactory(username="modo", role=roles.MODERATOR))
    url = reverse("admin:comments_comment_changelist")
    html = client.get(url).content.decode()
    assert f"?article={busy.pk}" in html
    assert f"?article={quiet.pk}" not in html
    # A link for a given article still works, and shows which one is chosen.
    response = client.get(f"{url}?article={quiet.pk}")
    assert response.context["cl"].result_count == 1
    assert "Article sans attente" in response.content.decode()


@pytest.mark.parametrize(
    ("flag", "index"),
    [("is_breaking", "article_breaking_idx"), ("is_featured", "article_featured_idx")],
)
def test_breaking_strip_and_lead_story_are_read_from_small_indexes(postgres_only, flag, index):
    ArticleFactory.create_batch(5)
    ArticleFactory(**{flag: True})
    analyse(Article)
    latest = Article.objects.published().filter(**{flag: True})[:1]
    assert _uses_index(latest, index)
