"""RSS and Atom feeds: valid XML, published articles only, per category."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def content():
    news = CategoryFactory(name="News - Infos", slug="news-infos")
    politics = CategoryFactory(name="Politique", slug="politique", parent=news)
    sport = CategoryFactory(name="Sport", slug="sport")
    author = AuthorFactory(display_name="Koffi Adjovi")
    ArticleFactory(title="Loi adoptée", category=politics, authors=[author])
    ArticleFactory(title="Match gagné", category=sport)
    ArticleFactory(title="Brouillon", category=politics, status=Article.Status.DRAFT)
    ArticleFactory(
        title="Programmé", category=politics, published_at=timezone.now() + timedelta(hours=1)
    )
    return news


def rss_titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    return [item.findtext("title") for item in root.iter("item")], root


def test_site_rss_contains_only_published_articles(client, content):
    titles, root = rss_titles(client.get("/flux/rss/"))
    assert sorted(titles) == ["Loi adoptée", "Match gagné"]
    item = next(i for i in root.iter("item") if i.findtext("title") == "Loi adoptée")
    assert item.findtext("link").endswith("/article/loi-adoptee/")
    assert item.findtext("category") == "Politique"
    assert "Koffi Adjovi" in ElementTree.tostring(item, encoding="unicode")
    assert root.find("channel/language").text == "fr"


def test_site_atom_feed_is_valid_and_published_only(client, content):
    response = client.get("/flux/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    titles = sorted(e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry"))
    assert titles == ["Loi adoptée", "Match gagné"]


def test_category_feed_includes_children_and_nothing_else(client, content):
    titles, root = rss_titles(client.get("/rubrique/news-infos/flux/"))
    assert titles == ["Loi adoptée"]
    assert "News - Infos" in root.findtext("channel/title")
    atom = ElementTree.fromstring(client.get("/rubrique/news-infos/flux/atom/").content)
    assert [e.findtext(f"{ATOM}title") for e in atom.iter(f"{ATOM}entry")] == ["Loi adoptée"]


def test_category_page_advertises_its_feed(client, content):
    html = client.get("/rubrique/news-infos/").text
    assert 'type="application/rss+xml"' in html and 'href="/rubrique/news-infos/flux/"' in html


def test_unknown_category_feed_is_404(client):
    assert client.get("/rubrique/inconnue/flux/").status_code == 404
