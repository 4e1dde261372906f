"""Uploaded images are real, reasonable images; anything else gets a clear French message."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import roles
from articles.images import validate_image
from articles.models import Article
from tests.articles.test_admin_roles import ADD_URL, article_form
from tests.factories import CategoryFactory, UserFactory

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)


def image_bytes(fmt="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def png_declaring(width, height):
    """Return a tiny PNG whose header declares width × height (a decompression bomb)."""
    data = bytearray(image_bytes("PNG", (1, 1)))
    # IHDR: 8-byte signature, 4-byte length, b"IHDR", then width and height.
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def truncated_jpeg():
    data = image_bytes("JPEG", (800, 600))
    return data[: len(data) // 2]


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


BAD_FILES = {
    "text renamed .jpg": (
        upload("photo.jpg", b"Ceci n'est pas une image.\n" * 20),
        "pas une image",
    ),
    "truncated JPEG": (upload("coupee.jpg", truncated_jpeg()), "pas une image"),
    "SVG": (upload("logo.svg", SVG, "image/svg+xml"), "pas une image"),
    "bomb 100000×100000": (upload("bombe.png", png_declaring(100_000, 100_000)), "bombe"),
    "HTML renamed .png": (upload("page.png", b"<html><script>alert(1)</script></html>"), "pas une"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_files_are_refused_with_a_french_message(name):
    file, expected = BAD_FILES[name]
    with pytest.raises(ValidationError) as exc:
        validate_image(file)
    assert expected in " ".join(exc.value.messages)


def test_too_many_pixels_for_our_limit(settings):
    settings.IMAGE_MAX_PIXELS = 100
    with pytest.raises(ValidationError) as exc:
        validate_image(upload("grande.png", image_bytes("PNG", (20, 20))))
    assert "Image trop grande (20 × 20 pixels)" in exc.value.messages[0]


def test_too_heavy(settings):
    settings.IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        validate_image(upload("lourde.png", image_bytes("PNG", (60, 60)) + b"\0" * 200))
    assert "Image trop lourde" in exc.value.messages[0]


def test_a_format_outside_the_list_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_image(upload("scan.bmp", image_bytes("BMP")))
    assert "Format d’image non accepté (BMP)" in exc.value.messages[0]


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_real_images_pass_and_the_file_is_rewound(fmt):
    file = upload(f"photo.{fmt.lower()}", image_bytes(fmt))
    file.seek(5)
    assert validate_image(file) == fmt
    assert file.tell() == 5


@pytest.mark.django_db
class TestFeaturedImageInTheAdmin:
    @pytest.fixture(autouse=True)
    def _login(self, client):
        client.force_login(UserFactory(role=roles.JOURNALIST))
        self.category = CategoryFactory()

    @pytest.mark.parametrize("name", BAD_FILES)
    def test_refused_with_the_message_on_the_page_and_fields_kept(self, client, name):
        file, expected = BAD_FILES[name]
        file.seek(0)
        data = article_form(
            self.category,
            title="Un titre tapé avec soin",
            standfirst="Un chapô qu’on ne veut pas retaper.",
            featured_image_alt="Une foule au marché",
            featured_image=file,
        )
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["featured_image"]
        assert expected in " ".join(errors)
        assert expected in response.text
        assert 'value="Un titre tapé avec soin"' in response.text
        assert "Un chapô qu’on ne veut pas retaper." in response.text
        assert 'value="Une foule au marché"' in response.text
        assert not Article.objects.exists()

    def test_real_image_is_stored_under_a_dated_folder_with_a_random_name(self, client):
        data = article_form(
            self.category,
            featured_image=upload("Photo du Président.PNG", image_bytes("PNG", (64, 48))),
            featured_image_alt="Le président",
        )
        assert client.post(ADD_URL, data).status_code == 302
        article = Article.objects.get()
        assert re.fullmatch(r"articles/\d{4}/\d{2}/[0-9a-f]{32}\.png", article.featured_image.name)
        assert (article.featured_image_width, article.featured_image_height) == (64, 48)
        assert article.featured_image.storage.exists(article.featured_image.name)
