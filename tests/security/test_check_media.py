"""`manage.py check_media` finds the images articles and authors point to but storage lost."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def jpeg(name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#a4161a").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def run():
    out = io.StringIO()
    call_command("check_media", stdout=out)
    return out.getvalue()


@pytest.fixture
def newsroom(settings):
    editor_image = default_storage.save("editor/2026/11/carte.jpg", ContentFile(jpeg().read()))
    article = ArticleFactory(
        title="Le budget 2027",
        featured_image=jpeg("une.jpg"),
        body=(
            f'<p>Voir la carte.</p><img src="{settings.MEDIA_URL}{editor_image}" alt="Carte">'
            f'<img src="{settings.SITE_URL}{settings.MEDIA_URL}{editor_image}" alt="Carte">'
        ),
    )
    author = AuthorFactory(display_name="Afi Houngbédji", photo=jpeg("afi.jpg"))
    return {"article": article, "author": author, "editor_image": editor_image}


def test_everything_present_exits_zero(newsroom):
    output = run()
    # Featured image, the editor image (referenced twice, checked once), the photo.
    assert "Tous les fichiers référencés sont présents (3 vérifiés)" in output


def test_each_missing_file_is_listed_and_the_exit_code_is_one(newsroom):
    article, author = newsroom["article"], newsroom["author"]
    default_storage.delete(article.featured_image.name)
    default_storage.delete(newsroom["editor_image"])
    default_storage.delete(author.photo.name)
    out = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("check_media", stdout=out)

    assert error.value.returncode == 1
    assert "4 référence(s)" in str(error.value)
    lines = out.getvalue().splitlines()
    prefix = f"Article {article.pk} « Le budget 2027 »"
    assert f"{prefix}, image principale : {article.featured_image.name}" in lines
    assert lines.count(f"{prefix}, image du texte : {newsroom['editor_image']}") == 2
    assert f"Auteur {author.pk} « Afi Houngbédji », photo : {author.photo.name}" in lines


def test_images_of_other_sites_and_articles_without_images_are_ignored(settings):
    ArticleFactory(body='<p>Sans image.</p><img src="https://ailleurs.example/x.jpg" alt="">')
    ArticleFactory(featured_image="")
    assert "(0 vérifiés)" in run()
