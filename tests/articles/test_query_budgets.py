"""Query budgets per page, the same with a little and with a lot of content."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db

# Page renders for an anonymous reader, with no page cache. The ad slots keep
# their campaign lookup in the cache (2 queries when it is cold, then none): a
# first request warms it so that the budget measures the page itself.
BUDGETS = {"home": 10, "article": 8, "category": 6, "tag": 6, "author": 6, "archive": 6}


def build(size):
    """Create `size` main categories with sub-categories, tags, authors and articles."""
    tags = [TagFactory() for _ in range(size)]
    authors = [AuthorFactory() for _ in range(size)]
    articles = []
    for c in range(size):
        parent = CategoryFactory(position=c)
        child = CategoryFactory(parent=parent)
        for i in range(size):
            articles.append(
                ArticleFactory(
                    category=child if i % 2 else parent,
                    authors=authors[: 1 + i % len(authors)],
                    tags=tags[: 1 + i % len(tags)],
                    is_featured=i == 0,
                    is_breaking=i == 1,
                )
            )
    article = articles[-1]
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "category": article.category.parent.get_absolute_url()
        if article.category.parent_id
        else article.category.get_absolute_url(),
        "tag": tags[0].get_absolute_url(),
        "author": authors[0].get_absolute_url(),
        "archive": article.published_at.strftime("/%Y/%m/"),
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_page_query_count_is_within_budget_and_independent_of_content(
    client, page, django_assert_max_num_queries
):
    cache.clear()
    little = build(2)
    client.get(little[page])
    with django_assert_max_num_queries(BUDGETS[page]):
        client.get(little[page])
    few = count_queries(client, little[page])
    much = build(6)
    assert count_queries(client, much[page]) == few
