"""Uncached reader pages load every related object up front (Django 6.1 fetch mode RAISE)."""

import pytest
from django.db.models import FETCH_RAISE
from django.db.models import query as django_query

from comments.models import Comment
from tests.articles.test_query_budgets import build
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["home", "article", "category", "tag", "author", "archive"])
def test_pages_never_fetch_a_relation_one_object_at_a_time(client, settings, monkeypatch, page):
    settings.PAGE_CACHE_ENABLED = False
    urls = build(3)
    article = ArticleFactory()
    for status in ("approved", "approved", "pending"):
        Comment.objects.create(
            article=article,
            author_name="Awa",
            author_email="a@example.com",
            body="Oui",
            status=status,
        )
    urls["article_with_comments"] = article.get_absolute_url()
    # Any lazy load of a relation or deferred field (an N+1 in a loop) now raises.
    monkeypatch.setattr(django_query, "DEFAULT_FETCH_MODE", FETCH_RAISE)
    assert client.get(urls[page]).status_code == 200
    if page == "article":
        assert client.get(urls["article_with_comments"]).status_code == 200
    assert client.get("/recherche/?q=budget").status_code == 200
