"""A cache backend that fails on every call: a cache server gone away without a safety net."""

from django.core.cache.backends.base import BaseCache


class BrokenCache(BaseCache):
    """Raise ConnectionError on every operation."""

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    add = get = set = touch = delete = clear = incr = decr = _fail
    get_many = set_many = delete_many = has_key = _fail
