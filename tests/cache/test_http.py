"""Who gets the shared copy, what browsers and CDNs are told, and 304 answers."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django_recaptcha.client import RecaptchaResponse

from ads import counting
from ads.models import AdStat
from comments.models import Comment
from comments.readers import MINE_COOKIE, REMEMBER_COOKIE
from tests.ads.factories import CreativeFactory
from tests.factories import ArticleFactory, UserFactory

from .conftest import fetch, warm

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(title="La saison des pluies commence")


def test_anonymous_pages_are_public_for_a_minute_and_vary_on_cookie_and_language(client, article):
    for url in ["/", article.get_absolute_url(), article.category.get_absolute_url(), "/flux/rss/"]:
        response = client.get(url)
        control = response["Cache-Control"]
        assert "public" in control and "max-age=60" in control, url
        assert "stale-while-revalidate=30" in control
        assert {"Cookie", "Accept-Language"} <= {v.strip() for v in response["Vary"].split(",")}
        assert response["ETag"].startswith('W/"')


def test_staff_never_get_the_shared_copy_and_their_pages_stay_private(client, article):
    url = article.get_absolute_url()
    warm(client, url)
    staff = Client()
    staff.force_login(UserFactory(role="Journaliste"))
    response = staff.get(url)
    assert response["X-Cache"] == "BYPASS"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_staff_preview_of_a_draft_is_never_stored_for_readers(client):
    draft = ArticleFactory(title="Brouillon secret", status="draft", published_at=None)
    staff = Client()
    staff.force_login(UserFactory(username="chef", role="Rédacteur en chef"))
    assert "Brouillon secret" in fetch(staff, draft.get_absolute_url())[1]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_reader_who_just_commented_sees_their_waiting_comment_on_a_cached_page(client, article):
    url = article.get_absolute_url()
    warm(client, url)
    verdict = RecaptchaResponse(is_valid=True, extra_data={"score": 0.9}, action="comment")
    with mock.patch("django_recaptcha.client.submit", return_value=verdict):
        response = client.post(
            reverse("comments:post", args=[article.pk]),
            {
                "body": "Enfin de la pluie pour les cultures du Nord.",
                "author_name": "Awa",
                "author_email": "awa@example.com",
                "captcha": "jeton",
            },
            follow=True,
        )
    html = response.content.decode()
    assert "Enfin de la pluie" in html
    assert "en attente de modération" in html
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert MINE_COOKIE in client.cookies
    # Later visits, without the flash message, still bypass the shared copy.
    response, html = fetch(client, url)
    assert response["X-Cache"] == "BYPASS"
    assert "Enfin de la pluie" in html
    # Another reader gets the shared copy, without it.
    other, other_html = fetch(Client(), url)
    assert "Enfin de la pluie" not in other_html


@pytest.mark.parametrize("cookie", ["sessionid", "messages", MINE_COOKIE, REMEMBER_COOKIE])
def test_personal_cookies_bypass_the_cache(client, article, cookie):
    url = article.get_absolute_url()
    warm(client, url)
    client.cookies[cookie] = "x"
    assert client.get(url)["X-Cache"] == "BYPASS"


def test_conditional_get_answers_304_from_the_cache(client, article):
    url = article.get_absolute_url()
    first = client.get(url)
    response = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response.content == b""
    warm(client, url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    article.title = "La saison des pluies est en retard"
    article.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_errors_are_not_stored(client, article):
    assert client.get("/article/nexiste-pas/").status_code == 404
    response = client.get("/article/nexiste-pas/")
    assert response.status_code == 404 and response.get("X-Cache") != "HIT"
    assert "public" not in response["Cache-Control"]


def test_a_refused_comment_page_is_private(client, article):
    response = client.post(reverse("comments:post", args=[article.pk]), {"body": ""})
    assert response.status_code == 400
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_query_string_is_normalized_and_tracking_parameters_ignored(client, article):
    warm(client, "/recherche/?q=pluie&page=1")
    assert client.get("/recherche/?page=1&q=pluie&utm_source=x")["X-Cache"] == "HIT"
    assert client.get("/recherche/?q=soleil")["X-Cache"] == "MISS"


def test_languages_get_their_own_copy(client, article):
    warm(client, "/")
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["X-Cache"] == "MISS"


def test_csrf_token_endpoint_is_never_cached_and_sets_the_cookie(client):
    response = client.get(reverse("comments:csrf-token"))
    assert response.status_code == 200
    assert response.json()["csrfToken"]
    assert "csrftoken" in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_cached_article_page_carries_no_personal_token_or_cookie(client, article):
    response, html = fetch(client, article.get_absolute_url())
    assert not response.cookies
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert reverse("comments:csrf-token") in html


def test_form_posted_without_token_gets_a_french_page_that_keeps_the_text(article):
    reader = Client(enforce_csrf_checks=True)
    text = "Mon commentaire écrit sans JavaScript, assez long pour être gardé."
    response = reader.post(
        reverse("comments:post", args=[article.pk]),
        {"body": text, "author_name": "Awa", "author_email": "awa@example.com"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Votre envoi n’a pas pu être vérifié" in html
    assert text in html
    assert not Comment.objects.exists()


def test_ads_rotate_and_count_per_request_on_a_cached_page(
    client, article, django_assert_num_queries
):
    first = CreativeFactory(placements=["sidebar"], weight=1)
    second = CreativeFactory(placements=["sidebar"], weight=1)
    url = article.get_absolute_url()
    warm(client, url)
    slot = reverse("ads:slot", args=["sidebar"])
    client.get(slot)  # builds the eligibility snapshot
    shown = set()
    with django_assert_num_queries(0):
        for _ in range(30):
            assert client.get(url)["X-Cache"] == "HIT"
            html = client.get(slot).content.decode()
            shown.update(c.pk for c in (first, second) if f"/pub/{c.pk}/click/" in html)
    assert shown == {first.pk, second.pk}
    counting.flush_stats()
    assert sum(AdStat.objects.values_list("impressions", flat=True)) == 31
