"""Comment tests: Google's verification is the only thing replaced."""

from unittest import mock

import pytest
from django.core.cache import cache
from django_recaptcha.client import RecaptchaResponse

from tests.factories import ArticleFactory


class FakeGoogle:
    """Stand in for django_recaptcha.client.submit: set `.score`, `.valid`, `.action`, `.error`."""

    def __init__(self):
        self.score = 0.9
        self.valid = True
        self.action = "comment"
        self.error = None
        self.calls = []

    def __call__(self, recaptcha_response, private_key, remoteip):
        self.calls.append(recaptcha_response)
        if self.error is not None:
            raise self.error
        return RecaptchaResponse(
            is_valid=self.valid,
            error_codes=[] if self.valid else ["invalid-input-response"],
            extra_data={"score": self.score},
            action=self.action,
        )


@pytest.fixture
def google():
    fake = FakeGoogle()
    with mock.patch("django_recaptcha.client.submit", side_effect=fake):
        yield fake


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters live in the (local-memory) cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(db):
    return ArticleFactory(title="Le budget 2027 adopté à l’Assemblée")
