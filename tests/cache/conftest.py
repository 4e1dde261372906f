"""Page-cache tests: the cache is on and empty at the start of each test."""

import pytest
from django.core.cache import cache

from ads.counting import FLUSH_DUE_KEY


@pytest.fixture(autouse=True)
def page_cache(settings):
    """Turn the page cache on (the test settings leave it off) with an empty cache."""
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    # Ad counters are flushed by hand in these tests.
    cache.set(FLUSH_DUE_KEY, 1, timeout=3600)
    yield
    cache.clear()


def fetch(client, url, **extra):
    """GET a page and return (response, its text)."""
    response = client.get(url, **extra)
    return response, response.content.decode()


def warm(client, url):
    """Load a page until it is served from the cache; return the cached response."""
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200
        if response.get("X-Cache") == "HIT":
            return response
    raise AssertionError(f"{url} never came from the cache: {response.get('X-Cache')}")
