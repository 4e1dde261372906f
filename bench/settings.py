"""Benchmark settings: production's, plus the floor view's URL; nothing else changes."""

from newsportal.settings.prod import *  # noqa: F403

# The project's URLs plus /__bench/floor (bench/urls.py).
ROOT_URLCONF = "bench.urls"
# The floor is Django's cost for the simplest view through the whole middleware stack:
# the page cache must not answer it (newsportal.pagecache reads this setting).
PAGE_CACHE_BYPASS_PREFIXES = ("/__bench/",)
