"""A reader's journey in a real browser: home, a category, an article."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE, DESKTOP = 390, 1280


@pytest.fixture
def newsroom():
    """A parent category with a child, articles with authors and tags."""
    news = CategoryFactory(name="News - Infos", slug="news-infos", position=1)
    politics = CategoryFactory(name="Politique", slug="politique", parent=news)
    sport = CategoryFactory(name="Sport", slug="sport", position=2)
    author = AuthorFactory(display_name="Aïcha Dossou", slug="aicha-dossou")
    tag = TagFactory(name="Élections")
    lead = ArticleFactory(
        title="Le Parlement adopte la réforme du code électoral",
        kicker="Assemblée nationale",
        standfirst="Les députés ont voté le texte en seconde lecture, après un long débat.",
        body="<p>Le texte a été adopté.</p><blockquote><p>Une étape.</p></blockquote>",
        category=politics,
        authors=[author],
        tags=[tag],
    )
    related = ArticleFactory(
        title="L’opposition saisit la Cour constitutionnelle",
        category=politics,
        authors=[author],
        tags=[tag],
    )
    ArticleFactory(title="Les Guépards qualifiés pour la CAN", category=sport)
    return {"news": news, "politics": politics, "author": author, "lead": lead, "related": related}


def test_reader_follows_a_category_to_an_article(page, screenshot, newsroom):
    lead, related = newsroom["lead"], newsroom["related"]

    page.goto("/")
    expect(page).to_have_title(re.compile(".+"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    screenshot("home-phone", width=PHONE)
    screenshot("home-desktop", width=DESKTOP)

    page.get_by_role("navigation", name="Rubriques", exact=True).get_by_role(
        "link", name="News - Infos"
    ).click()
    expect(page).to_have_url(re.compile(r"/rubrique/news-infos/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("News - Infos")
    # A parent category also lists its children's articles.
    expect(page.get_by_role("link", name=lead.title)).to_be_visible()
    screenshot("category-phone", width=PHONE)
    screenshot("category-desktop", width=DESKTOP)

    page.get_by_role("link", name=lead.title).click()
    expect(page).to_have_url(re.compile(rf"/article/{lead.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(lead.title)

    breadcrumb = page.get_by_role("navigation", name="Fil d’Ariane")
    expect(breadcrumb.get_by_role("listitem")).to_have_text(
        ["Accueil", "News - Infos", "Politique", lead.title]
    )
    expect(breadcrumb.get_by_role("link", name="Politique")).to_have_attribute(
        "href", "/rubrique/politique/"
    )

    byline = page.get_by_role("link", name="Aïcha Dossou")
    expect(byline).to_have_attribute("href", "/auteur/aicha-dossou/")
    expect(page.locator("time[datetime]").first).to_be_visible()

    related_section = page.get_by_role("region", name="À lire aussi")
    expect(related_section.get_by_role("link", name=related.title)).to_be_visible()
    expect(related_section.get_by_role("link", name=lead.title)).to_have_count(0)
    screenshot("article-phone", width=PHONE)
    screenshot("article-desktop", width=DESKTOP)

    byline.click()
    expect(page).to_have_url(re.compile(r"/auteur/aicha-dossou/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aïcha Dossou")


def test_reader_searches_from_the_header(page, screenshot, newsroom):
    page.goto("/")

    page.get_by_role("searchbox", name="Rechercher un article").fill("réforme code électoral")
    page.get_by_role("searchbox", name="Rechercher un article").press("Enter")

    expect(page).to_have_url(re.compile(r"/recherche/\?q="))
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name=newsroom["lead"].title)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("1 article trouvé")
    screenshot("search-phone", width=PHONE)

    page.get_by_role("searchbox", name="Mots à rechercher").fill("introuvable")
    page.get_by_role("button", name="Rechercher").last.click()
    expect(page.get_by_role("status")).to_contain_text("Aucun article ne correspond")
    expect(page.get_by_role("heading", name="Les derniers articles")).to_be_visible()


def test_nothing_overflows_on_a_phone(page, newsroom):
    page.set_viewport_size({"width": PHONE, "height": 800})

    for url in ["/", "/rubrique/news-infos/", newsroom["lead"].get_absolute_url()]:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px on a phone"
