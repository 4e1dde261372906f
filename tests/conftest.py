import pytest
from django.db import connection


@pytest.fixture
def postgres_only():
    """Skip (with the reason) a test that needs PostgreSQL features."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://…)")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Keep uploaded files of each test in a temporary folder."""
    from articles import renditions

    settings.MEDIA_ROOT = tmp_path / "media"
    # Rendition URLs a worker remembers belong to the previous test's media folder.
    renditions._MEMO.clear()
