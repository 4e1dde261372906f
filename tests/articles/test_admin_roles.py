"""Each newsroom role, logged in to the real admin, tries what it may and may not do."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from articles import roles
from articles.models import Article, Category, Tag
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
ADD_URL = reverse_lazy("admin:articles_article_add")
LIST_URL = reverse_lazy("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def article_form(category, **overrides):
    """Return the POST data of the article admin form, as a browser sends it."""
    data = {
        "kicker": "",
        "title": "Le port de Cotonou s’agrandit",
        "slug": "",
        "standfirst": "Les travaux commencent lundi.",
        "body": "<p>Premier paragraphe.</p>",
        "featured_image_alt": "",
        "featured_image_caption": "",
        "featured_image_credit": "",
        "category": category.pk,
        "status": Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "comments_enabled": "on",
        "seo_title": "",
        "seo_description": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def form_of(article, **overrides):
    """Return the POST data that re-submits `article` with `overrides`."""
    local = timezone.localtime(article.published_at) if article.published_at else None
    data = article_form(
        article.category,
        title=article.title,
        slug=article.slug,
        standfirst=article.standfirst,
        body=article.body,
        status=article.status,
        published_at_0=local.strftime("%Y-%m-%d") if local else "",
        published_at_1=local.strftime("%H:%M:%S") if local else "",
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def category():
    return CategoryFactory(name="Économie", slug="economie")


@pytest.fixture
def journalist(client):
    user = UserFactory(username="koffi", role=roles.JOURNALIST)
    AuthorFactory(user=user, display_name="Koffi Adjovi", slug="koffi-adjovi")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = UserFactory(username="afi", role=roles.EDITOR)
    client.force_login(user)
    return user


def own_article(user, **kwargs):
    article = ArticleFactory(**kwargs)
    article.created_by = user
    article.save()
    article.authors.add(user.author_profile)
    return article


class TestJournalist:
    def test_adds_a_draft_signed_with_their_name(self, client, journalist, category):
        response = client.get(ADD_URL)
        assert response.status_code == 200
        status_field = response.context["adminform"].form.fields["status"]
        assert [value for value, _label in status_field.choices] == ["draft", "review"]

        response = client.post(ADD_URL, article_form(category, status="review"))
        assert response.status_code == 302
        article = Article.objects.get()
        assert article.status == Status.REVIEW
        assert article.created_by == journalist
        assert list(article.authors.all()) == [journalist.author_profile]
        assert article.slug == "le-port-de-cotonou-sagrandit"

    def test_forged_publish_is_refused_and_nothing_is_published(self, client, journalist, category):
        response = client.post(ADD_URL, article_form(category, status="published"))
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["status"]
        assert not Article.objects.exists()

        article = own_article(journalist, status=Status.DRAFT, published_at=None)
        response = client.post(change_url(article), form_of(article, status="unpublished"))
        assert response.status_code == 200
        article.refresh_from_db()
        assert article.status == Status.DRAFT

    def test_forged_desk_fields_are_ignored(self, client, journalist, category):
        future = timezone.localtime() + timedelta(days=3)
        client.post(
            ADD_URL,
            article_form(
                category,
                is_featured="on",
                is_breaking="on",
                published_at_0=future.strftime("%Y-%m-%d"),
                published_at_1="10:00:00",
            ),
        )
        article = Article.objects.get()
        assert (article.is_featured, article.is_breaking, article.published_at) == (
            False,
            False,
            None,
        )

    def test_forged_desk_fields_are_ignored_when_editing(self, client, journalist):
        article = own_article(journalist, status=Status.DRAFT, published_at=None)
        response = client.post(
            change_url(article),
            form_of(
                article,
                is_featured="on",
                is_breaking="on",
                published_at_0="2020-01-01",
                published_at_1="08:00:00",
            ),
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert (article.is_featured, article.is_breaking, article.published_at) == (
            False,
            False,
            None,
        )
        assert not Article.objects.published().exists()

    def test_edits_own_draft(self, client, journalist):
        article = own_article(journalist, status=Status.DRAFT, published_at=None)
        response = client.post(change_url(article), form_of(article, title="Titre corrigé"))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title == "Titre corrigé"

    def test_cannot_open_or_edit_a_colleagues_article(self, client, journalist):
        other = ArticleFactory(
            title="Article d’un collègue", status=Status.DRAFT, published_at=None
        )
        assert client.get(change_url(other)).status_code in {302, 403, 404}
        response = client.post(change_url(other), form_of(other, title="Piraté"))
        assert response.status_code in {302, 403, 404}
        other.refresh_from_db()
        assert other.title == "Article d’un collègue"
        assert "Article d’un collègue" not in client.get(LIST_URL).text

    def test_own_published_article_is_view_only(self, client, journalist):
        article = own_article(journalist, title="Déjà en ligne")
        response = client.get(change_url(article))
        assert response.status_code == 200
        assert not response.context["has_change_permission"]
        assert 'name="_save"' not in response.text
        response = client.post(change_url(article), form_of(article, title="Modifié"))
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title == "Déjà en ligne"

    def test_cannot_delete(self, client, journalist):
        article = own_article(journalist, status=Status.DRAFT, published_at=None)
        url = reverse("admin:articles_article_delete", args=[article.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert Article.objects.filter(pk=article.pk).exists()

    def test_cannot_use_desk_actions(self, client, journalist):
        article = own_article(journalist, status=Status.REVIEW, published_at=None)
        response = client.post(
            LIST_URL, {"action": "publish_now", ACTION_CHECKBOX_NAME: [article.pk]}
        )
        article.refresh_from_db()
        assert article.status == Status.REVIEW
        assert "publish_now" not in response.content.decode()

    def test_autocomplete_finds_tags_authors_and_categories(self, client, journalist, category):
        Tag.objects.create(name="Élections")
        for field, expected in [("tags", "Élections"), ("authors", "Koffi"), ("category", "Éco")]:
            response = client.get(
                reverse("admin:autocomplete"),
                {
                    "app_label": "articles",
                    "model_name": "article",
                    "field_name": field,
                    "term": expected[:3],
                },
            )
            assert response.status_code == 200, field
            assert expected in response.json()["results"][0]["text"]

    def test_cannot_manage_categories(self, client, journalist):
        response = client.post(
            reverse("admin:articles_category_add"), {"name": "Piratage", "slug": "piratage"}
        )
        assert response.status_code == 403
        assert not Category.objects.filter(slug="piratage").exists()


class TestEditor:
    def test_publishes_a_journalists_article(self, client, editor):
        article = ArticleFactory(status=Status.REVIEW, published_at=None)
        response = client.post(change_url(article), form_of(article, status="published"))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.is_published
        assert client.get(article.get_absolute_url()).status_code == 200

    def test_schedules_an_article(self, client, editor, category):
        future = timezone.localtime() + timedelta(days=2)
        response = client.post(
            ADD_URL,
            article_form(
                category,
                status="published",
                published_at_0=future.strftime("%Y-%m-%d"),
                published_at_1=future.strftime("%H:%M:%S"),
            ),
        )
        assert response.status_code == 302
        article = Article.objects.get()
        assert article.is_scheduled
        client.logout()
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_publish_now_and_unpublish_actions(self, client, editor):
        scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
        draft = ArticleFactory(status=Status.REVIEW, published_at=None)
        response = client.post(
            LIST_URL,
            {"action": "publish_now", ACTION_CHECKBOX_NAME: [scheduled.pk, draft.pk]},
            follow=True,
        )
        assert "2 articles publiés." in response.text
        assert set(Article.objects.published()) == {scheduled, draft}

        client.post(LIST_URL, {"action": "unpublish", ACTION_CHECKBOX_NAME: [draft.pk]})
        draft.refresh_from_db()
        assert draft.status == Status.UNPUBLISHED
        assert client.get(draft.get_absolute_url()).status_code == 200  # editor preview
        client.logout()
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_manages_categories_and_tags(self, client, editor):
        response = client.post(
            reverse("admin:articles_category_add"),
            {"name": "Santé", "slug": "sante", "position": 3, "show_in_nav": "on"},
        )
        assert response.status_code == 302
        assert Category.objects.filter(slug="sante").exists()
        response = client.post(
            reverse("admin:articles_tag_add"), {"name": "CEDEAO", "slug": "cedeao"}
        )
        assert response.status_code == 302
        assert Tag.objects.filter(slug="cedeao").exists()

    def test_list_search_filters_and_view_on_site(self, client, editor):
        article = ArticleFactory(title="Le coton béninois", is_featured=True)
        ArticleFactory(title="Autre sujet", status=Status.DRAFT, published_at=None)
        response = client.get(LIST_URL)
        assert response.status_code == 200
        assert "Le coton béninois" in response.text and "Autre sujet" in response.text
        response = client.get(LIST_URL, {"q": "coton"})
        assert "Le coton béninois" in response.text and "Autre sujet" not in response.text
        response = client.get(LIST_URL, {"status__exact": "draft"})
        assert "Autre sujet" in response.text and "Le coton béninois" not in response.text
        for params in ({"is_featured__exact": "1"}, {"category__id__exact": article.category_id}):
            assert client.get(LIST_URL, params).status_code == 200
        response = client.get(change_url(article))
        assert (
            reverse("admin:view_on_site", args=[response.context["content_type_id"], article.pk])
            in response.text
        )

    def test_slug_is_readonly_once_published_but_editable_on_a_draft(self, client, editor):
        published = ArticleFactory(title="Élection à Cotonou", slug="")
        response = client.get(change_url(published))
        assert "slug" not in response.context["adminform"].form.fields
        client.post(change_url(published), form_of(published, slug="nouvelle-adresse"))
        published.refresh_from_db()
        assert published.slug == "election-a-cotonou"

        draft = ArticleFactory(title="Brouillon", slug="", status=Status.DRAFT, published_at=None)
        response = client.post(change_url(draft), form_of(draft, slug="meilleure-adresse"))
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.slug == "meilleure-adresse"


@pytest.mark.parametrize("role", [roles.MODERATOR, roles.AD_MANAGER])
def test_moderator_and_ad_manager_cannot_see_articles(client, role):
    article = ArticleFactory()
    client.force_login(UserFactory(role=role))
    assert client.get(LIST_URL).status_code == 403
    assert client.get(change_url(article)).status_code == 403
    assert client.get(ADD_URL).status_code == 403
    assert client.get(reverse("admin:articles_category_changelist")).status_code == 403


class TestGuidance:
    def test_journalist_is_told_the_article_goes_to_review(self, client, journalist, category):
        response = client.post(ADD_URL, article_form(category, status="review"), follow=True)
        assert "Article envoyé en relecture" in response.text

    def test_journalist_is_told_why_a_published_article_is_read_only(self, client, journalist):
        article = own_article(journalist, title="Déjà en ligne")
        response = client.get(change_url(article))
        assert "vous ne pouvez plus le modifier" in response.text

    def test_editor_is_told_when_a_scheduled_article_will_appear(self, client, editor, category):
        future = timezone.localtime() + timedelta(days=2)
        response = client.post(
            ADD_URL,
            article_form(
                category,
                status="published",
                published_at_0=future.strftime("%Y-%m-%d"),
                published_at_1="08:30:00",
            ),
            follow=True,
        )
        assert "Article programmé : il paraîtra seul le" in response.text
        assert "08:30" in response.text


def test_changelist_query_budget(client, editor, django_assert_max_num_queries):
    authors = [AuthorFactory() for _ in range(3)]
    for i in range(30):
        ArticleFactory(authors=authors[: 1 + i % 3])
    with django_assert_max_num_queries(12):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    assert response.text.count(authors[0].display_name) >= 30
