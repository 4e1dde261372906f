import pytest
from django.core.cache import cache

from ads.counting import FLUSH_DUE_KEY


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with empty counters and snapshots (the local-memory cache is global)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_auto_flush():
    """Pretend a flush just happened, so requests only count in the cache."""
    cache.set(FLUSH_DUE_KEY, 1, timeout=3600)
