"""The visibility rule and slugs: what readers see, and at which address."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import roles
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def visible_slugs():
    return set(Article.objects.published().values_list("slug", flat=True))


def test_published_in_the_past_is_visible():
    article = ArticleFactory(title="Le budget adopté")
    assert article.is_published
    assert visible_slugs() == {article.slug}


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED])
def test_other_statuses_are_never_visible_even_with_a_past_date(status):
    article = ArticleFactory(status=status, published_at=timezone.now() - timedelta(days=2))
    assert not article.is_published
    assert visible_slugs() == set()


def test_scheduled_article_appears_by_itself_when_its_time_comes():
    start = timezone.now()
    article = ArticleFactory(published_at=start + timedelta(hours=2))
    assert not article.is_published and article.is_scheduled
    assert visible_slugs() == set()
    assert list(Article.objects.scheduled()) == [article]
    with time_machine.travel(start + timedelta(hours=2, seconds=1), tick=False):
        article.refresh_from_db()
        assert article.is_published and not article.is_scheduled
        assert visible_slugs() == {article.slug}


def test_publishing_without_a_date_publishes_now():
    article = ArticleFactory(status=Status.PUBLISHED, published_at=None)
    assert article.published_at is not None
    assert article.is_published


class TestArticlePage:
    def test_readers_get_404_for_draft_and_scheduled(self, client):
        draft = ArticleFactory(status=Status.DRAFT, published_at=None)
        scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
        unpublished = ArticleFactory(status=Status.UNPUBLISHED)
        for article in (draft, scheduled, unpublished):
            assert client.get(article.get_absolute_url()).status_code == 404

    def test_scheduled_page_opens_once_the_time_has_come(self, client):
        start = timezone.now()
        article = ArticleFactory(published_at=start + timedelta(minutes=30))
        assert client.get(article.get_absolute_url()).status_code == 404
        with time_machine.travel(start + timedelta(minutes=31), tick=False):
            assert client.get(article.get_absolute_url()).status_code == 200

    def test_editor_previews_a_draft_with_a_notice(self, client):
        draft = ArticleFactory(
            title="Brouillon confidentiel", status=Status.DRAFT, published_at=None
        )
        client.force_login(UserFactory(role=roles.EDITOR))
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert "Brouillon confidentiel" in response.text
        assert "Aperçu" in response.text

    def test_published_page_has_no_preview_notice_for_staff(self, client):
        article = ArticleFactory()
        client.force_login(UserFactory(role=roles.EDITOR))
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "Aperçu" not in response.text

    def test_journalist_previews_own_draft_but_not_a_colleagues(self, client):
        me = UserFactory(role=roles.JOURNALIST)
        mine = ArticleFactory(status=Status.DRAFT, published_at=None)
        mine.authors.add(AuthorFactory(user=me))
        theirs = ArticleFactory(status=Status.DRAFT, published_at=None)
        client.force_login(me)
        assert client.get(mine.get_absolute_url()).status_code == 200
        assert client.get(theirs.get_absolute_url()).status_code == 404


class TestSlug:
    def test_generated_from_a_french_title(self):
        article = ArticleFactory(title="Élection à Cotonou", slug="")
        assert article.slug == "election-a-cotonou"

    def test_suffixes_keep_slugs_unique(self):
        slugs = [ArticleFactory(title="Élection à Cotonou", slug="").slug for _ in range(3)]
        assert slugs == ["election-a-cotonou", "election-a-cotonou-2", "election-a-cotonou-3"]

    def test_a_longer_existing_slug_does_not_get_in_the_way(self):
        ArticleFactory(title="Élection à Cotonou demain", slug="")
        assert ArticleFactory(title="Élection à Cotonou", slug="").slug == "election-a-cotonou"

    def test_title_without_letters_still_gets_a_slug(self):
        assert ArticleFactory(title="« … »", slug="").slug == "sans-titre"

    def test_unchanged_when_the_title_changes_after_publication(self):
        article = ArticleFactory(title="Élection à Cotonou", slug="")
        article.title = "Élection à Cotonou : les résultats"
        article.save()
        article.refresh_from_db()
        assert article.slug == "election-a-cotonou"

    def test_clean_refuses_a_slug_change_once_published(self):
        article = ArticleFactory(title="Élection à Cotonou", slug="")
        article.slug = "autre-adresse"
        with pytest.raises(ValidationError) as exc:
            article.full_clean()
        assert "slug" in exc.value.message_dict

    def test_clean_accepts_a_slug_change_on_a_draft(self):
        article = ArticleFactory(title="Élection", slug="", status=Status.DRAFT, published_at=None)
        article.slug = "autre-adresse"
        article.full_clean()


def test_category_tree_is_two_levels_at_most():
    top = CategoryFactory(name="News - Infos")
    child = CategoryFactory(name="Politique", parent=top)
    assert str(child) == "News - Infos › Politique"
    grandchild = CategoryFactory.build(name="Municipales", slug="municipales", parent=child)
    with pytest.raises(ValidationError) as exc:
        grandchild.full_clean()
    assert "parent" in exc.value.message_dict
    top.parent = CategoryFactory(name="Afrique")
    with pytest.raises(ValidationError):
        top.full_clean()


def test_a_slug_taken_in_the_meantime_gets_the_next_suffix(monkeypatch):
    from articles import models

    first = ArticleFactory(title="Direct : la présidentielle", slug="")
    real = models.unique_slug
    calls = []

    def stale(*args, **kwargs):
        # The first answer predates a colleague's save of the same headline.
        calls.append(1)
        return first.slug if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(models, "unique_slug", stale)
    second = ArticleFactory(title="Direct : la présidentielle", slug="")
    assert second.slug == "direct-la-presidentielle-2"
    assert Article.objects.count() == 2
