"""The {% picture %} tag: responsive renditions of featured images."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image

from articles import renditions as renditions_module
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def image_upload(width=1600, height=900, fmt="JPEG", mode="RGB", name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height), (200, 30, 30) if mode == "RGB" else (200, 30, 30, 128)).save(
        buffer, fmt
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def render(article, args=""):
    return Template("{% load pictures %}{% picture article " + args + " %}").render(
        Context({"article": article})
    )


def srcset_entries(html, attribute_owner):
    """Return [(url, width)] of the srcset of <source> ("source") or <img> ("img")."""
    tag = re.search(rf"<{attribute_owner}\b[^>]*>", html).group(0)
    srcset = re.search(r'srcset="([^"]+)"', tag).group(1)
    return [(url, int(w[:-1])) for url, w in (part.split() for part in srcset.split(", "))]


def media_path(url):
    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)


def test_picture_offers_webp_and_jpeg_at_several_widths():
    article = ArticleFactory(featured_image=image_upload(), featured_image_alt="Le port de Cotonou")

    html = render(article)

    assert html.startswith("<picture>") and html.endswith("</picture>")
    assert 'type="image/webp"' in html
    webp, jpeg = srcset_entries(html, "source"), srcset_entries(html, "img")
    assert [w for _, w in webp] == [400, 800, 1200]
    assert [w for _, w in jpeg] == [400, 800, 1200]
    assert all(url.endswith(".webp") for url, _ in webp)
    assert all(url.endswith(".jpg") for url, _ in jpeg)
    # Every rendition exists with the width it advertises, in the advertised format.
    for url, width in webp + jpeg:
        with Image.open(media_path(url)) as image:
            assert image.width == width
            assert image.format == ("WEBP" if url.endswith(".webp") else "JPEG")
    src = re.search(r'<img src="([^"]+)"', html).group(1)
    assert src == jpeg[1][0]  # the 800 px JPEG for browsers without srcset
    assert 'width="1600" height="900"' in html
    assert 'alt="Le port de Cotonou"' in html
    assert 'sizes="(min-width: 60rem) 40rem, 100vw"' in html
    assert 'decoding="async"' in html


def test_picture_is_lazy_by_default_and_eager_for_the_lead_image():
    article = ArticleFactory(featured_image=image_upload())

    assert 'loading="lazy"' in render(article)
    assert "fetchpriority" not in render(article)
    lead = render(article, 'loading="eager" fetchpriority="high" sizes="100vw"')
    assert 'loading="eager"' in lead
    assert 'fetchpriority="high"' in lead
    assert 'sizes="100vw"' in lead


def test_renditions_are_generated_once_and_reused():
    article = ArticleFactory(featured_image=image_upload())
    url = srcset_entries(render(article), "img")[0][0]
    first_mtime = media_path(url).stat().st_mtime_ns

    media_path(url).touch()
    touched = media_path(url).stat().st_mtime_ns
    assert srcset_entries(render(article), "img")[0][0] == url
    # Rendering again does not regenerate (the file would have been rewritten).
    assert media_path(url).stat().st_mtime_ns == touched >= first_mtime


def test_small_image_is_not_upscaled():
    article = ArticleFactory(featured_image=image_upload(width=500, height=250))

    jpeg = srcset_entries(render(article), "img")

    assert [w for _, w in jpeg] == [400, 500]
    with Image.open(media_path(jpeg[-1][0])) as image:
        assert image.size == (500, 250)


def test_transparent_png_gets_a_jpeg_fallback():
    article = ArticleFactory(
        featured_image=image_upload(width=900, height=600, fmt="PNG", mode="RGBA", name="logo.png")
    )

    jpeg = srcset_entries(render(article), "img")

    with Image.open(media_path(jpeg[0][0])) as image:
        assert image.format == "JPEG"


def test_article_without_image_renders_nothing():
    assert render(ArticleFactory()).strip() == ""


def test_missing_file_renders_nothing_and_logs(caplog):
    article = ArticleFactory(featured_image=image_upload())
    Path(article.featured_image.path).unlink()

    assert render(article).strip() == ""
    assert "Impossible de produire les déclinaisons" in caplog.text


def test_missing_file_is_shown_once_it_is_back():
    article = ArticleFactory(featured_image=image_upload())
    path = Path(article.featured_image.path)
    content = path.read_bytes()
    path.unlink()
    assert render(article).strip() == ""

    path.write_bytes(content)

    assert "<picture>" in render(article)


def test_alt_text_is_escaped():
    article = ArticleFactory(
        featured_image=image_upload(), featured_image_alt='"><script>x</script>'
    )

    html = render(article)

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_rendered_picture_costs_one_cache_lookup(monkeypatch):
    """A worker's first render of an image makes one get_many; later ones none at all."""
    from django.core.cache.backends.locmem import LocMemCache

    article = ArticleFactory(featured_image=image_upload())
    render(article)  # generates the renditions
    calls, inside = [], []
    original_get, original_get_many = LocMemCache.get, LocMemCache.get_many

    def get(self, *args, **kwargs):
        if not inside:  # LocMemCache.get_many loops over get(); Redis sends one MGET.
            calls.append("get")
        return original_get(self, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        calls.append("get_many")
        inside.append(True)
        try:
            return original_get_many(self, *args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(LocMemCache, "get", get)
    monkeypatch.setattr(LocMemCache, "get_many", get_many)

    assert "<picture>" in render(article)
    assert calls == []  # this worker already knows the renditions' URLs

    renditions_module._MEMO.clear()  # as in a freshly started worker
    assert "<picture>" in render(article)
    assert calls == ["get_many"]
