"""seed_demo: realistic, idempotent, fast enough for the benchmark."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command

from articles import roles
from articles.demo import NewsWriter
from articles.models import Article, Author, Category, Tag

pytestmark = pytest.mark.django_db


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Category, Tag, Author, get_user_model())
    } | {
        "authors_links": Article.authors.through.objects.count(),
        "tag_links": Article.tags.through.objects.count(),
    }


def test_running_twice_creates_no_duplicates():
    seed("--articles", "40")
    first = counts()
    assert first["Article"] == 40
    out = seed("--articles", "40")
    assert "0 article(s) créé(s)" in out
    assert counts() == first


def test_a_change_in_the_demo_text_does_not_duplicate_articles(monkeypatch):
    seed("--articles", "12")
    first = counts()
    # As after an update of the demo sentences: new runs generate other titles.
    monkeypatch.setattr(NewsWriter, "headline", lambda self, category: "Un tout autre titre")
    seed("--articles", "12")
    assert counts() == first


def test_a_larger_count_adds_only_the_missing_articles():
    seed("--articles", "10")
    assert "5 article(s) créé(s)" in seed("--articles", "15")
    assert Article.objects.count() == 15
    assert Article.objects.values("slug").distinct().count() == 15


def test_categories_form_a_two_level_tree():
    seed("--articles", "5")
    assert Category.objects.get(name="Politique").parent.name == "News - Infos"
    assert Category.objects.get(name="Économie").parent.slug == "news-infos"
    for name in ["Bénin", "Niger", "Togo", "Burkina Faso", "Algérie", "Centrafrique"]:
        assert Category.objects.get(name=name).parent.name == "Afrique"
    assert not Category.objects.filter(parent__parent__isnull=False).exists()


def test_one_user_per_role_in_the_right_group():
    seed("--articles", "1")
    User = get_user_model()
    for role in (roles.JOURNALIST, roles.EDITOR, roles.MODERATOR, roles.AD_MANAGER):
        members = User.objects.filter(groups__name=role)
        assert members.exists(), role
        assert all(user.is_staff for user in members)
    assert User.objects.filter(is_superuser=True).count() == 1
    assert User.objects.get(username="journaliste").author_profile.display_name


def test_mixes_published_scheduled_and_draft_articles_with_stored_images():
    seed("--articles", "20")
    assert Article.objects.published().count() >= 15
    assert Article.objects.scheduled().exists()
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.filter(status=Article.Status.REVIEW).exists()
    for name in set(Article.objects.values_list("featured_image", flat=True)):
        assert default_storage.exists(name), name
    article = Article.objects.published().first()
    assert article.authors.exists()
    assert article.body.startswith("<p>")


def test_if_empty_does_nothing_when_articles_exist():
    seed("--articles", "3")
    before = counts()
    out = seed("--articles", "50", "--if-empty")
    assert "existent déjà" in out
    assert counts() == before


def test_if_empty_seeds_an_empty_site():
    seed("--articles", "4", "--if-empty")
    assert Article.objects.count() == 4


def test_credentials_printed_and_working_only_with_debug(settings, client):
    settings.DEBUG = True
    out = seed("--articles", "1")
    assert "demo-newsportal" in out
    assert client.login(username="redacteur", password="demo-newsportal")


def test_no_credentials_without_debug(settings, client):
    settings.DEBUG = False
    out = seed("--articles", "1")
    assert "demo-newsportal" not in out
    assert not client.login(username="redacteur", password="demo-newsportal")
    # Turning DEBUG on later must not print a password that does not work.
    settings.DEBUG = True
    assert "demo-newsportal" not in seed("--articles", "1")


def test_negative_count_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        seed("--articles", "-1")


def test_three_thousand_articles_in_bulk(django_assert_max_num_queries):
    with django_assert_max_num_queries(200):
        seed("--articles", "3000")
    assert Article.objects.count() == 3000
    assert Article.objects.values("slug").distinct().count() == 3000
