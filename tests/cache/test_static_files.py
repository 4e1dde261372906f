"""Static files as production serves them: hashed names, immutable, brotli and gzip."""

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected(settings, tmp_path):
    """Collect static files into a temporary folder with the production storage."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
    settings.DEBUG = False
    # CKEditor's thousands of files would make this test slow; they take the same path.
    call_command("collectstatic", "--noinput", verbosity=0, ignore_patterns=["ckeditor*"])
    return settings.STATIC_ROOT


def test_hashed_files_are_compressed_immutable_and_served_compressed(collected):
    hashed = [p for p in (collected / "css").glob("site.*.css") if p.suffix == ".css"]
    assert len(hashed) == 1
    assert hashed[0].with_name(hashed[0].name + ".br").exists()
    assert hashed[0].with_name(hashed[0].name + ".gz").exists()

    url = static("css/site.css")
    assert url != "/static/css/site.css"  # the name carries the content's hash
    client = Client()
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    control = response["Cache-Control"]
    assert "immutable" in control and "public" in control
    assert int(control.split("max-age=")[1].split(",")[0]) >= 365 * 24 * 3600
    gzip = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert gzip["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in gzip["Vary"]
