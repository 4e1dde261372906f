"""Sitemaps: valid XML, published content only, Google News for the last 48 hours."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def locs(response):
    assert response.status_code == 200
    assert "xml" in response["Content-Type"]
    root = ElementTree.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SM}loc")], root


@pytest.fixture
def content():
    category = CategoryFactory(name="Politique", slug="politique")
    writer = AuthorFactory(display_name="Afi", slug="afi")
    AuthorFactory(display_name="Sans article", slug="sans-article")
    ArticleFactory(title="Publié", category=category, authors=[writer])
    ArticleFactory(
        title="Ancien", category=category, published_at=timezone.now() - timedelta(days=5)
    )
    ArticleFactory(title="Brouillon", category=category, status=Article.Status.DRAFT)
    ArticleFactory(
        title="Programmé", category=category, published_at=timezone.now() + timedelta(hours=3)
    )


def test_sitemap_index_lists_the_three_sections(client, content):
    urls, _ = locs(client.get("/sitemap.xml"))
    assert sorted(u.rsplit("/", 1)[1] for u in urls) == [
        "sitemap-articles.xml",
        "sitemap-auteurs.xml",
        "sitemap-rubriques.xml",
    ]


def test_article_sitemap_holds_published_articles_only(client, content):
    urls, root = locs(client.get("/sitemap-articles.xml"))
    assert sorted(u.rsplit("/", 2)[1] for u in urls) == ["ancien", "publie"]
    assert all(url.find(f"{SM}lastmod") is not None for url in root.iter(f"{SM}url"))


def test_category_and_author_sitemaps(client, content):
    urls, _ = locs(client.get("/sitemap-rubriques.xml"))
    assert [u.rsplit("/", 2)[1] for u in urls] == ["politique"]
    urls, _ = locs(client.get("/sitemap-auteurs.xml"))
    assert [u.rsplit("/", 2)[1] for u in urls] == ["afi"]  # no page for an author with nothing


def test_news_sitemap_covers_the_last_48_hours(client, content):
    response = client.get("/sitemap-news.xml")
    urls, root = locs(response)
    assert [u.rsplit("/", 2)[1] for u in urls] == ["publie"]
    news = root.find(f"{SM}url/{NEWS}news")
    assert news.findtext(f"{NEWS}title") == "Publié"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "fr"
    assert news.findtext(f"{NEWS}publication_date").startswith(str(timezone.localdate().year))


def test_news_sitemap_escapes_titles(client):
    ArticleFactory(title="Tom & Jerry <b>au</b> parlement")
    _, root = locs(client.get("/sitemap-news.xml"))
    assert root.find(f".//{NEWS}title").text == "Tom & Jerry <b>au</b> parlement"
