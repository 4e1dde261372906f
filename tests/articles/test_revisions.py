"""Every admin save keeps a version; editors compare and restore; roles still apply."""

import pytest
from django.urls import reverse

from articles import roles
from articles.models import Article
from tests.articles.test_admin_roles import ADD_URL, article_form, change_url, form_of
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def revert_url(article, record):
    return reverse("admin:articles_article_simple_history", args=[article.pk, record.history_id])


@pytest.fixture
def editor(client):
    user = UserFactory(username="afi", role=roles.EDITOR)
    client.force_login(user)
    return user


def test_each_admin_save_is_a_version_with_its_author(client, editor):
    client.post(ADD_URL, article_form(CategoryFactory(), title="Premier titre"))
    article = Article.objects.get()
    client.post(change_url(article), form_of(article, title="Second titre"))
    records = list(article.history.order_by("history_date"))
    assert [r.title for r in records] == ["Premier titre", "Second titre"]
    assert [r.history_user for r in records] == [editor, editor]
    assert [r.history_type for r in records] == ["+", "~"]


def test_history_page_shows_who_changed_what(client, editor):
    client.post(ADD_URL, article_form(CategoryFactory(), title="Premier titre"))
    article = Article.objects.get()
    client.post(change_url(article), form_of(article, title="Second titre"))
    response = client.get(history_url(article))
    assert response.status_code == 200
    assert "afi" in response.text
    assert "Premier titre" in response.text and "Second titre" in response.text


def test_reverting_restores_the_old_title(client, editor):
    client.post(ADD_URL, article_form(CategoryFactory(), title="Premier titre"))
    article = Article.objects.get()
    client.post(change_url(article), form_of(article, title="Second titre"))
    first = article.history.earliest("history_date")
    response = client.get(revert_url(article, first))
    assert response.status_code == 200
    assert 'value="Premier titre"' in response.text
    old = first.instance
    response = client.post(revert_url(article, first), form_of(old))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Premier titre"
    assert article.history.count() == 3


def test_reverting_a_published_article_keeps_its_address(client, editor):
    article = ArticleFactory(title="Brouillon", slug="", status=Status.DRAFT, published_at=None)
    client.post(change_url(article), form_of(article, slug="adresse-finale", status="published"))
    article.refresh_from_db()
    assert article.is_published and article.slug == "adresse-finale"
    first = article.history.earliest("history_date")
    assert first.slug == "brouillon"
    response = client.post(revert_url(article, first), form_of(first.instance, status="published"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Brouillon"
    assert article.slug == "adresse-finale"


class TestJournalistHistory:
    @pytest.fixture
    def journalist(self, client):
        user = UserFactory(role=roles.JOURNALIST)
        AuthorFactory(user=user)
        client.force_login(user)
        return user

    def test_cannot_read_a_colleagues_history(self, client, journalist):
        other = ArticleFactory(title="Scoop", status=Status.DRAFT, published_at=None)
        other.title = "Scoop confidentiel"
        other.save()
        record = other.history.earliest("history_date")
        assert client.get(history_url(other)).status_code in {403, 404}
        assert client.get(revert_url(other, record)).status_code in {403, 404}
        response = client.post(revert_url(other, record), form_of(record.instance))
        assert response.status_code in {403, 404}
        other.refresh_from_db()
        assert other.title == "Scoop confidentiel"

    def test_cannot_revert_own_published_article(self, client, journalist):
        article = ArticleFactory(title="Avant", status=Status.DRAFT, published_at=None)
        article.created_by = journalist
        article.save()
        article.title = "En ligne"
        article.status = Status.PUBLISHED
        article.save()
        record = article.history.earliest("history_date")
        assert client.get(history_url(article)).status_code == 200
        response = client.post(revert_url(article, record), form_of(record.instance))
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title == "En ligne"

    def test_reverts_own_draft(self, client, journalist):
        article = ArticleFactory(title="Avant", status=Status.DRAFT, published_at=None)
        article.created_by = journalist
        article.save()
        article.title = "Après"
        article.save()
        record = article.history.earliest("history_date")
        response = client.post(revert_url(article, record), form_of(record.instance))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title == "Avant"
