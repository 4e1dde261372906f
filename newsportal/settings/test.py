"""Test settings: fast hashing, local-memory cache, plain static storage."""

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "tests-only-not-a-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
AXES_ENABLED = False
# Tests roll the database back without signals: a shared page cache would outlive
# them. The page-cache tests (tests/cache/) turn it on themselves.
PAGE_CACHE_ENABLED = False
# Dummy reCAPTCHA keys: DEBUG is off here, so comments.E001 wants keys. Tests
# patch django_recaptcha.client.submit; nothing reaches Google.
RECAPTCHA_PUBLIC_KEY = "test-public-key"
RECAPTCHA_PRIVATE_KEY = "test-private-key"
# No collectstatic in tests: whitenoise finds files through the finders.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
