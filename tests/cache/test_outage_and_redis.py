"""A cache outage costs speed, never a page; with Redis, every process sees one generation."""

import os

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from newsportal import pagecache
from tests.factories import ArticleFactory

from .conftest import fetch, warm

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "np-test",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }


def test_a_cache_that_raises_never_turns_a_page_into_an_error(client):
    ArticleFactory(title="Coupure du cache")
    with override_settings(CACHES={"default": {"BACKEND": "tests.cache.backends.BrokenCache"}}):
        for url in ["/robots.txt", "/flux/rss/", "/sitemap.xml"]:
            assert client.get(url).status_code == 200, url
        # Saving still works: the bump is lost, pages come from the database anyway.
        article = ArticleFactory(title="Publié pendant la panne")
        assert "Publié pendant la panne" in fetch(client, "/flux/rss/")[1]
        article.delete()


def test_an_unreachable_redis_serves_pages_from_the_database(settings, client):
    # The production configuration (IGNORE_EXCEPTIONS) against a port nobody listens on.
    settings.CACHES = redis_cache("redis://127.0.0.1:9/0")
    settings.DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    article = ArticleFactory(title="Redis est tombé")
    for url in ["/", article.get_absolute_url(), article.category.get_absolute_url()]:
        response, html = fetch(client, url)
        assert response.status_code == 200, url
        assert "Redis est tombé" in html
        assert response.get("X-Cache") != "HIT"


@pytest.fixture
def shared_redis(settings):
    if not REDIS_URL:
        pytest.skip("set TEST_REDIS_URL=redis://127.0.0.1:6379/15 to test with a real Redis")
    settings.CACHES = redis_cache(REDIS_URL)
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def test_redis_invalidation_is_seen_by_every_process(shared_redis, settings):
    article = ArticleFactory(title="Un titre partagé")
    url = article.get_absolute_url()
    reader = Client()
    warm(reader, url)
    generation = shared_redis.get(pagecache.GEN_KEY)
    # Another app process: its own connection to the same Redis.
    other_process = caches.create_connection("default")
    assert other_process.get(pagecache.GEN_KEY) == generation
    article.title = "Un titre corrigé"
    article.save()
    assert other_process.get(pagecache.GEN_KEY) > generation
    assert "Un titre corrigé" in fetch(Client(), url)[1]
    warm(reader, url)


def test_redis_scheduled_moment_is_shared(shared_redis):
    ArticleFactory(title="Ordinaire")
    reader = Client()
    warm(reader, "/")
    assert shared_redis.get(pagecache.NEXT_KEY) == pagecache.NO_NEXT
