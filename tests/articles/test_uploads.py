"""CKEditor uploads: staff who write articles, real images only, safe names."""

import re
from datetime import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.storage import default_storage

from articles import roles
from tests.articles.test_images import BAD_FILES, image_bytes, upload
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/ckeditor/upload/"


def post_image(client, file):
    return client.post(URL, {"upload": file})


def test_anonymous_is_sent_to_the_login_page(client):
    response = post_image(client, upload("a.png", image_bytes("PNG"), "image/png"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_article_rights_is_refused(client):
    moderator = UserFactory(role=roles.MODERATOR)
    # A moderator-like role with a permission unrelated to articles.
    Group.objects.get(name=roles.MODERATOR).permissions.add(
        Permission.objects.get(codename="view_category")
    )
    client.force_login(moderator)
    response = post_image(client, upload("a.png", image_bytes("PNG"), "image/png"))
    assert response.status_code == 403
    assert response.json()["uploaded"] == 0
    assert "droit" in response.json()["error"]["message"]


@pytest.mark.parametrize("name", BAD_FILES)
def test_non_images_are_refused_with_a_json_error(client, name):
    client.force_login(UserFactory(role=roles.JOURNALIST))
    file, expected = BAD_FILES[name]
    file.seek(0)
    response = post_image(client, file)
    assert response.status_code == 400
    assert response.json()["uploaded"] == 0
    assert expected in response.json()["error"]["message"]
    assert not default_storage.exists("editor")


def test_missing_file_is_a_clear_error(client):
    client.force_login(UserFactory(role=roles.JOURNALIST))
    response = client.post(URL, {})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Aucun fichier reçu."


def test_get_is_not_allowed(client):
    client.force_login(UserFactory(role=roles.JOURNALIST))
    assert client.get(URL).status_code == 405


def test_journalist_uploads_a_png_stored_with_a_random_dated_name(client):
    client.force_login(UserFactory(role=roles.JOURNALIST))
    response = post_image(client, upload("Mon image <b>.png", image_bytes("PNG"), "image/png"))
    assert response.status_code == 200
    payload = response.json()
    assert payload["uploaded"] == "1"
    # ckeditor_uploader names the folder after the server's local date.
    today = datetime.now().strftime("%Y/%m/%d")
    match = re.fullmatch(rf"/media/editor/{today}/([0-9a-f]{{32}})\.png", payload["url"])
    assert match, payload["url"]
    assert default_storage.exists(f"editor/{today}/{match.group(1)}.png")


def test_browse_is_refused_to_staff_without_article_rights(client):
    client.force_login(UserFactory(role=roles.AD_MANAGER))
    assert client.get("/ckeditor/browse/").status_code == 403
