import pytest

from tests.factories import ArticleFactory


@pytest.mark.django_db
def test_home_lists_published_articles_with_working_links(client):
    article = ArticleFactory(title="Le budget adopté à Porto-Novo")
    response = client.get("/")
    assert response.status_code == 200
    assert "Le budget adopté à Porto-Novo" in response.text
    assert client.get(article.get_absolute_url()).status_code == 200
