"""Error pages, landmarks and the stylesheet's promises (size, contrast, print)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.factories import ArticleFactory, CategoryFactory

CSS = Path(settings.BASE_DIR, "static", "css", "site.css").read_text()


def test_500_page_renders_without_any_database(monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("la base de données est injoignable")

    # Any connection attempt or query would raise, as when the database is down.
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", down)
    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", down)
    response = server_error(RequestFactory().get("/article/quelque-chose/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr">' in html
    assert "Un incident technique" in html and settings.SITE_NAME in html
    assert "/static/css/site.css" in html


def test_500_template_extends_nothing_and_loads_no_database_tags():
    templates = Path(settings.BASE_DIR, "templates")
    for name in ("500.html", "503.html"):
        source = (templates / name).read_text()
        # Only the static base, which itself extends and includes nothing.
        assert re.findall(r"{% extends ([^%]+)%}", source) == ['"static_error.html" ']
        assert "{% include" not in source
        assert re.findall(r"{% load ([^%]+)%}", source) == ["i18n "]
    base = (templates / "static_error.html").read_text()
    assert "{% extends" not in base and "{% include" not in base
    assert re.findall(r"{% load ([^%]+)%}", base) == ["static i18n articles_tags "]


@pytest.mark.django_db
def test_404_page_is_styled_with_site_navigation(client):
    CategoryFactory(name="Culture", slug="culture")
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.text
    assert "Cette page est introuvable" in html
    assert 'class="main-nav"' in html and 'href="/rubrique/culture/"' in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.django_db
def test_every_page_has_lang_skip_link_and_landmarks(client):
    article = ArticleFactory()
    for url in ["/", article.category.get_absolute_url(), article.get_absolute_url()]:
        html = client.get(url).text
        assert '<html lang="fr">' in html, url
        assert '<a class="skip-link" href="#contenu">' in html
        for landmark in ['<header class="site-header">', '<main id="contenu"', "<footer"]:
            assert landmark in html, (url, landmark)
        assert html.count("<h1") == 1, url


@pytest.mark.django_db
def test_article_images_have_alt_and_dimensions(client, tmp_path):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (1200, 675), (200, 30, 30)).save(buffer, "JPEG")
    article = ArticleFactory(
        featured_image=SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg"),
        featured_image_alt="Les députés en séance",
        featured_image_caption="L’hémicycle mardi.",
        featured_image_credit="AFP",
    )
    html = client.get(article.get_absolute_url()).text
    img = re.search(r"<figure class=\"featured\">.*?<img ([^>]+)>", html, re.S).group(1)
    assert 'alt="Les députés en séance"' in img
    assert re.search(r'width="\d+" height="\d+"', img)
    assert "L’hémicycle mardi." in html and "AFP" in html
    assert '<meta property="og:image"' in html


def test_stylesheet_is_small_and_has_focus_and_print_styles():
    assert len(CSS.encode()) < 12 * 1024
    assert ":focus-visible" in CSS
    assert "@media print" in CSS
    assert "@import" not in CSS and "url(http" not in CSS  # nothing fetched from elsewhere


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("ink", "bg"),
        ("muted", "bg"),
        ("accent", "bg"),
        ("accent-dark", "bg"),
        ("muted", "soft"),
        ("bg", "ink"),
        ("bg", "accent"),
    ],
)
def test_palette_meets_wcag_aa_for_body_text(text, background):
    palette = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", CSS))
    assert contrast(palette[text], palette[background]) >= 4.5


def test_page_links_keep_the_other_query_parameters():
    from django.template import Context, Template

    request = RequestFactory().get("/recherche/", {"q": "élection & budget", "page": "3"})
    template = Template("{% load articles_tags %}{% page_url 1 %}|{% page_url 4 %}")
    first, fourth = template.render(Context({"request": request})).split("|")
    assert first == "?q=%C3%A9lection+%26+budget"
    assert fourth == "?q=%C3%A9lection+%26+budget&amp;page=4"
