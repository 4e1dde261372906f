"""Every change a reader can see shows on the very next request, cache or not."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.ads.factories import CampaignFactory, CreativeFactory
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    TagFactory,
    UserFactory,
)

from .conftest import fetch, warm

pytestmark = pytest.mark.django_db

HOME = "/"


@pytest.fixture
def article():
    return ArticleFactory(title="Le budget 2027 adopté")


def test_second_visit_comes_from_the_cache_without_any_query(
    client, article, django_assert_num_queries
):
    url = article.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200
    warm(client, url)
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Cache"] == "HIT"
    assert response.content == first.content


def test_publishing_shows_the_new_article_at_once(client, article):
    warm(client, HOME)
    draft = ArticleFactory(title="Séisme au large de Cotonou", status=Article.Status.DRAFT)
    assert "Séisme au large" not in fetch(client, HOME)[1]
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    response, html = fetch(client, HOME)
    assert response["X-Cache"] == "MISS"
    assert "Séisme au large" in html


def test_editing_shows_the_correction_on_every_page(client, article):
    pages = [HOME, article.get_absolute_url(), article.category.get_absolute_url()]
    for url in pages:
        warm(client, url)
    article.title = "Le budget 2027 adopté de justesse"
    article.save()
    for url in pages:
        assert "adopté de justesse" in fetch(client, url)[1], url


def test_unpublishing_removes_the_article_at_once(client, article):
    url = article.get_absolute_url()
    warm(client, url)
    warm(client, HOME)
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert client.get(url).status_code == 404
    assert "Le budget 2027" not in fetch(client, HOME)[1]


def test_scheduled_article_appears_when_its_time_comes_with_no_save(client, article):
    at = timezone.now() + timedelta(minutes=10)
    ArticleFactory(title="Résultats des élections", published_at=at)
    warm(client, HOME)
    assert "Résultats des élections" not in fetch(client, HOME)[1]
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert "Résultats des élections" not in fetch(client, HOME)[1]
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        response, html = fetch(client, HOME)
        assert "Résultats des élections" in html
        assert response["X-Cache"] != "HIT"


def _comment(article, status, body):
    return Comment.objects.create(
        article=article, author_name="Awa", author_email="awa@example.com", body=body, status=status
    )


def test_new_pending_comment_does_not_evict_the_page(client, article):
    url = article.get_absolute_url()
    warm(client, url)
    _comment(article, Comment.Status.PENDING, "En attente de relecture")
    assert client.get(url)["X-Cache"] == "HIT"


def test_approving_and_rejecting_a_comment_show_at_once(client, article):
    url = article.get_absolute_url()
    moderator = UserFactory(role="Modérateur")
    comment = _comment(article, Comment.Status.PENDING, "Bravo aux députés")
    warm(client, url)
    comment.moderate(Comment.Status.APPROVED, user=moderator)
    assert "Bravo aux députés" in fetch(client, url)[1]
    warm(client, url)
    comment.moderate(Comment.Status.REJECTED, user=moderator)
    assert "Bravo aux députés" not in fetch(client, url)[1]


def test_bulk_approval_from_the_moderation_queue_shows_at_once(client, article):
    url = article.get_absolute_url()
    comments = [_comment(article, Comment.Status.PENDING, f"Avis numéro {i}") for i in range(3)]
    warm(client, url)
    staff = UserFactory(role="Modérateur")
    staff_client = type(client)()
    staff_client.force_login(staff)
    response = staff_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve_selected", "_selected_action": [c.pk for c in comments]},
    )
    assert response.status_code == 302
    html = fetch(client, url)[1]
    assert all(f"Avis numéro {i}" in html for i in range(3))


@pytest.mark.parametrize("model", ["category", "author", "tag"])
def test_renaming_a_category_author_or_tag_shows_at_once(client, model):
    category = CategoryFactory(name="Économie", show_in_nav=True)
    author = AuthorFactory(display_name="Kossi Mensah")
    tag = TagFactory(name="Budget")
    article = ArticleFactory(category=category)
    article.authors.add(author)
    article.tags.add(tag)
    url = article.get_absolute_url()
    warm(client, url)
    thing = {"category": category, "author": author, "tag": tag}[model]
    setattr(thing, "display_name" if model == "author" else "name", "Nouveau nom visible")
    thing.save()
    assert "Nouveau nom visible" in fetch(client, url)[1]


def test_adding_a_tag_to_an_article_shows_at_once(client, article):
    url = article.get_absolute_url()
    warm(client, url)
    article.tags.add(TagFactory(name="Assemblée nationale"))
    assert "Assemblée nationale" in fetch(client, url)[1]


def test_ad_changes_show_at_once(client, article):
    url = article.get_absolute_url()
    warm(client, url)
    assert "/pub/slot/sidebar/" not in fetch(client, url)[1]
    creative = CreativeFactory(placements=["sidebar"])
    assert "/pub/slot/sidebar/" in fetch(client, url)[1]
    warm(client, url)
    creative.campaign.is_active = False
    creative.campaign.save()
    assert "/pub/slot/sidebar/" not in fetch(client, url)[1]


def test_ad_campaign_starting_later_shows_when_it_starts(client, article):
    url = article.get_absolute_url()
    start = timezone.now() + timedelta(minutes=5)
    campaign = CampaignFactory(starts_at=start)
    CreativeFactory(campaign=campaign, placements=["sidebar"])
    warm(client, url)
    assert "/pub/slot/sidebar/" not in fetch(client, url)[1]
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        assert "/pub/slot/sidebar/" in fetch(client, url)[1]


def test_bulk_import_is_shown_after_the_bump_command(client, article):
    warm(client, HOME)
    Article.objects.filter(pk=article.pk).update(title="Titre importé en masse")
    assert "Titre importé en masse" not in fetch(client, HOME)[1]  # no signal: still cached
    call_command("bump_page_cache", stdout=io.StringIO())
    assert "Titre importé en masse" in fetch(client, HOME)[1]
