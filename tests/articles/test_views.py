"""Reader pages through the test client: content, links and every 404 a reader can hit."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db


def json_ld(html, type_):
    """Return the JSON-LD object of `type_` in a page."""
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == type_:
            return data
    raise AssertionError(f"no {type_} JSON-LD in the page")


@pytest.fixture
def tree():
    news = CategoryFactory(name="News - Infos", slug="news-infos", position=0)
    politics = CategoryFactory(name="Politique", slug="politique", parent=news)
    return news, politics


# --- Home --------------------------------------------------------------------------


def test_home_shows_lead_latest_and_a_block_per_main_category(client, tree):
    news, politics = tree
    sport = CategoryFactory(name="Sport", slug="sport", position=1)
    lead = ArticleFactory(title="La une du jour", category=politics, is_featured=True)
    child = ArticleFactory(title="Vote du budget", category=politics)
    match = ArticleFactory(title="Victoire des Écureuils", category=sport)
    ArticleFactory(title="Brouillon secret", category=sport, status=Article.Status.DRAFT)
    html = client.get("/").text
    assert 'class="lead"' in html and "La une du jour" in html
    # The category blocks include the children's articles, and not the lead twice.
    news_block = html.split('id="block-news-infos"')[1].split("</section>")[0]
    assert child.title in news_block and lead.title not in news_block
    assert match.title in html.split('id="block-sport"')[1]
    assert "Brouillon secret" not in html


def test_home_blocks_hold_at_most_four_articles_per_category(client, tree):
    _, politics = tree
    for i in range(6):
        ArticleFactory(title=f"Article politique {i}", category=politics)
    block = client.get("/").text.split('id="block-news-infos"')[1].split("</section>")[0]
    assert block.count('class="card"') == 4
    assert "Article politique 5" in block and "Article politique 1" not in block


def test_breaking_strip_only_when_a_breaking_article_is_live(client, tree):
    _, politics = tree
    ArticleFactory(
        title="Alerte programmée",
        category=politics,
        is_breaking=True,
        published_at=timezone.now() + timedelta(hours=2),
    )
    assert "Dernière minute" not in client.get("/").text
    ArticleFactory(title="Alerte en cours", category=politics, is_breaking=True)
    html = client.get("/").text
    assert 'class="breaking"' in html and "Alerte en cours" in html
    assert "Alerte programmée" not in html


def test_home_without_content_is_a_normal_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Aucun article pour le moment." in response.text
    assert "Les plus commentés" not in response.text


# --- Category ----------------------------------------------------------------------


def test_category_lists_children_articles_newest_first_with_subcategories(client, tree):
    news, politics = tree
    older = ArticleFactory(
        title="Ancien", category=news, published_at=timezone.now() - timedelta(days=3)
    )
    newer = ArticleFactory(title="Récent", category=politics)
    news.description = "Toute l’actualité nationale."
    news.save()
    html = client.get(news.get_absolute_url()).text
    assert "Toute l’actualité nationale." in html
    assert html.index(newer.title) < html.index(older.title)
    assert 'aria-label="Sous-rubriques de News - Infos"' in html
    assert f'href="{politics.get_absolute_url()}"' in html


def test_category_pagination_has_numbered_links_and_rel(client, settings, tree):
    settings.ARTICLES_PER_PAGE = 2
    news, _ = tree
    for i in range(5):
        ArticleFactory(category=news, title=f"Titre {i}")
    html = client.get(news.get_absolute_url() + "?page=2").text
    assert 'href="?page=3" rel="next"' in html
    assert 'href="." rel="prev"' in html
    assert 'href="?page=2" aria-current="page"' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/rubrique/news-infos/?page=2">' in html


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "1.5", "9" * 30])
def test_category_bad_page_is_404(client, settings, tree, page):
    settings.ARTICLES_PER_PAGE = 2
    news, _ = tree
    for _i in range(5):
        ArticleFactory(category=news)
    assert client.get(news.get_absolute_url(), {"page": page}).status_code == 404


def test_unknown_slugs_are_404_with_the_styled_page(client, tree):
    for url in [
        "/rubrique/inconnue/",
        "/article/inconnu/",
        "/auteur/inconnu/",
        "/mot-cle/inconnu/",
        "/rubrique/inconnue/flux/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
    assert "Cette page est introuvable" in response.text
    assert 'class="main-nav"' in response.text and "News - Infos" in response.text


# --- Article -----------------------------------------------------------------------


@pytest.fixture
def article(tree):
    _, politics = tree
    return ArticleFactory(
        title="Le Parlement adopte la loi",
        kicker="Analyse",
        standfirst="Un vote serré à Porto-Novo.",
        category=politics,
        authors=[AuthorFactory(display_name="Afi Houngbédji"), AuthorFactory(display_name="Koffi")],
        tags=[TagFactory(name="Budget")],
    )


def test_article_page_shows_everything_a_reader_expects(client, article):
    html = client.get(article.get_absolute_url()).text
    assert '<p class="kicker">Analyse</p>' in html
    assert "<h1>Le Parlement adopte la loi</h1>" in html
    assert "Un vote serré à Porto-Novo." in html
    assert "Afi Houngbédji</a> et <a" in html
    assert f'<time datetime="{article.published_at.isoformat()}' not in html  # local time, not UTC
    assert "<time datetime=" in html and "Publié le" in html
    assert "Premier paragraphe." in html
    assert 'href="/mot-cle/budget/"' in html
    for host in ["facebook.com/sharer", "x.com/intent", "wa.me", "linkedin.com", "mailto:"]:
        assert host in html
    # No third-party script to read an article (reCAPTCHA loads only when commenting).
    assert not re.search(r'<script[^>]+src="(https?:)?//', html)


def test_breadcrumb_follows_the_category_tree_in_order(client, article):
    html = client.get(article.get_absolute_url()).text
    crumb = html.split('class="breadcrumb"')[1].split("</nav>")[0]
    positions = [crumb.index(s) for s in ["Accueil", "News - Infos", "Politique", article.title]]
    assert positions == sorted(positions)
    names = [i["name"] for i in json_ld(html, "BreadcrumbList")["itemListElement"]]
    assert names == ["Accueil", "News - Infos", "Politique", article.title]


def test_news_article_json_ld_parses_and_cannot_be_broken_by_a_title(client, tree):
    _, politics = tree
    evil = ArticleFactory(title='Fin</script><script>alert(1)</script> & "guillemets"')
    html = client.get(evil.get_absolute_url()).text
    data = json_ld(html, "NewsArticle")
    assert data["headline"] == evil.title
    assert data["mainEntityOfPage"].endswith(evil.get_absolute_url())
    assert "<script>alert(1)" not in html


def test_updated_date_only_when_meaningfully_later(client, article):
    # A typo fixed five minutes after publication is not an update worth showing.
    Article.objects.filter(pk=article.pk).update(
        updated_at=article.published_at + timedelta(minutes=5)
    )
    assert "mis à jour" not in client.get(article.get_absolute_url()).text
    Article.objects.filter(pk=article.pk).update(
        updated_at=article.published_at + timedelta(hours=3)
    )
    html = client.get(article.get_absolute_url()).text
    assert "mis à jour le" in html
    assert 'property="article:modified_time"' in html


def test_meta_tags_for_search_engines_and_social_networks(client, article):
    html = client.get(article.get_absolute_url()).text
    url = f"http://127.0.0.1:8000{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta name="description" content="Un vote serré à Porto-Novo.">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Le Parlement adopte la loi">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_related_articles_same_category_first_then_tags_never_itself(client, tree, article):
    news, politics = tree
    other = CategoryFactory(name="Sport", slug="sport")
    same_cat = ArticleFactory(title="Même rubrique", category=politics)
    same_tag = ArticleFactory(title="Même mot-clé", category=other, tags=list(article.tags.all()))
    ArticleFactory(title="Sans rapport", category=other)
    ArticleFactory(title="Brouillon lié", category=politics, status=Article.Status.DRAFT)
    html = client.get(article.get_absolute_url()).text
    related = html.split('id="related-title"')[1].split("</section>")[0]
    assert related.index(same_cat.title) < related.index(same_tag.title)
    assert "Sans rapport" not in related and "Brouillon lié" not in related
    assert article.title not in related


def test_more_articles_are_labelled_by_category(client, tree, article):
    sport = CategoryFactory(name="Sport", slug="sport")
    ArticleFactory(title="Match nul", category=sport)
    html = client.get(article.get_absolute_url()).text
    more = html.split('id="more-title"')[1].split("</aside>")[0]
    assert 'class="label" href="/rubrique/sport/">Sport</a>' in more
    assert "Match nul" in more


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.REVIEW, "published_at": None},
        {"status": Article.Status.UNPUBLISHED},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "review", "unpublished", "scheduled"],
)
def test_unpublished_and_scheduled_articles_are_404_for_readers(client, tree, fields):
    hidden = ArticleFactory(**fields)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert hidden.title not in client.get("/").text


# --- Author, tag, archives, static pages --------------------------------------------


def test_author_page_bio_and_published_articles_only(client, tree):
    author = AuthorFactory(display_name="Mariam Sanni", bio="Correspondante à Parakou.")
    ArticleFactory(title="Reportage à Parakou", authors=[author])
    ArticleFactory(title="Pas encore", authors=[author], status=Article.Status.DRAFT)
    html = client.get(author.get_absolute_url()).text
    assert "<h1>Mariam Sanni</h1>" in html and "Correspondante à Parakou." in html
    assert "Reportage à Parakou" in html and "Pas encore" not in html


def test_tag_page_lists_its_published_articles(client):
    tag = TagFactory(name="Élections")
    ArticleFactory(title="Campagne ouverte", tags=[tag])
    ArticleFactory(title="Autre sujet")
    html = client.get(tag.get_absolute_url()).text
    assert "<h1>Élections</h1>" in html
    assert "Campagne ouverte" in html and "Autre sujet" not in html


def test_month_archive_lists_the_month_and_links_neighbours(client):
    tz = timezone.get_current_timezone()
    ArticleFactory(title="En mars", published_at=timezone.datetime(2025, 3, 10, 12, tzinfo=tz))
    ArticleFactory(title="En mai", published_at=timezone.datetime(2025, 5, 31, 23, 30, tzinfo=tz))
    ArticleFactory(title="En janvier", published_at=timezone.datetime(2025, 1, 5, tzinfo=tz))
    html = client.get("/2025/03/").text
    assert "En mars" in html and "En mai" not in html and "En janvier" not in html
    assert 'href="/2025/01/" rel="prev"' in html and 'href="/2025/05/" rel="next"' in html
    assert "En mai" in client.get("/2025/05/").text  # 23:30 local time stays in May


@pytest.mark.parametrize("url", ["/2025/13/", "/2025/00/", "/0000/05/", "/2025/5/"])
def test_invalid_month_archive_is_404(client, url):
    assert client.get(url).status_code == 404


def test_legal_pages_are_linked_from_the_footer(client):
    html = client.get("/").text
    for url in ["/mentions-legales/", "/confidentialite/", "/flux/rss/"]:
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200


def test_robots_txt_is_plain_text_pointing_at_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in response.text
    assert "Sitemap: http://127.0.0.1:8000/sitemap-news.xml" in response.text


def test_staff_author_previews_a_draft_with_a_banner_and_noindex(client, tree):
    from tests.factories import UserFactory

    journalist = UserFactory(role="Journaliste")
    author = AuthorFactory(user=journalist)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, authors=[author])
    client.force_login(journalist)
    html = client.get(draft.get_absolute_url()).text
    assert "Aperçu : cet article n’est pas visible des lecteurs." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_footer_links_to_this_month_archive(client):
    ArticleFactory(title="Paru ce mois-ci", published_at=timezone.now() - timedelta(seconds=1))
    url = timezone.localdate().strftime("/%Y/%m/")
    assert f'href="{url}"' in client.get("/").text
    assert "Paru ce mois-ci" in client.get(url).text
