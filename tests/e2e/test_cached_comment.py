"""A reader with no cookies comments on an article page served from the shared page cache."""

from unittest import mock

import pytest
from django.core.cache import cache
from django_recaptcha.client import RecaptchaResponse
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import ArticleFactory

from .test_comment_flow import FAKE_GRECAPTCHA

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def test_cold_visitor_comments_on_a_cached_article_page(page_cache, page, browser, live_server):
    article = ArticleFactory(title="Le port de Cotonou s’agrandit")
    url = article.get_absolute_url()

    # First visitors warm the cache (each in its own context: a browser would
    # otherwise answer a second visit from its own HTTP cache, as it is told to).
    seen = []
    for _ in range(2):
        first = browser.new_context(base_url=live_server.url, locale="fr-FR")
        seen.append(first.new_page().goto(url).headers["x-cache"])
        first.close()
    assert seen == ["MISS", "HIT"]

    # A second reader, no cookies at all, gets the very same cached copy.
    page.route(
        "https://www.google.com/recaptcha/**",
        lambda route: route.fulfill(
            status=200, content_type="text/javascript", body=FAKE_GRECAPTCHA
        ),
    )
    response = page.goto(url)
    assert response.headers["x-cache"] == "HIT"
    assert "public" in response.headers["cache-control"]
    assert page.context.cookies() == []
    assert page.locator("input[name=csrfmiddlewaretoken]").get_attribute("value") == ""

    verdict = RecaptchaResponse(is_valid=True, extra_data={"score": 0.9}, action="comment")
    with mock.patch("django_recaptcha.client.submit", return_value=verdict):
        page.get_by_label("Votre commentaire").fill("Une bonne nouvelle pour les dockers.")
        # Starting to write fetched this reader's own token (and its cookie).
        expect(page.locator("input[name=csrfmiddlewaretoken]")).not_to_have_value("")
        assert "csrftoken" in {c["name"] for c in page.context.cookies()}
        page.get_by_label("Nom ou pseudonyme").fill("Koffi")
        page.get_by_label("Adresse e-mail").fill("koffi@example.org")
        page.get_by_role("button", name="Publier mon commentaire").click()
        expect(page.get_by_text("Votre commentaire a bien été reçu")).to_be_visible()
        own = page.locator(".comment.is-waiting")
        expect(own).to_contain_text("Une bonne nouvelle pour les dockers.")
        expect(own).to_contain_text("en attente de modération")

    comment = Comment.objects.get()
    assert (comment.article, comment.status) == (article, Comment.Status.PENDING)
    # Other readers keep getting the cached page, without the waiting comment.
    other = browser.new_context(base_url=live_server.url, locale="fr-FR")
    reader = other.new_page()
    assert reader.goto(url).headers["x-cache"] == "HIT"
    expect(reader.locator(".comment-form")).to_be_visible()
    assert "dockers" not in reader.content()
    other.close()
