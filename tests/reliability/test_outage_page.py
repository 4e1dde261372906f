"""In-process: a database outage anywhere in a request answers the French 503 page."""

import pytest
from django.db import OperationalError
from django.test import Client

from newsportal.dbfailure import server_error
from tests.articles.test_health import database_down
from tests.factories import ArticleFactory


# serialized_rollback keeps the roles of the data migration for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_and_comment_posts_answer_503_while_the_database_is_down(tmp_path):
    article = ArticleFactory(title="Le budget 2027 adopté")
    # As in production: an unhandled error becomes a response, not a test failure.
    client = Client(raise_request_exception=False)
    with database_down(tmp_path):
        answers = [
            client.get("/"),
            client.get(article.get_absolute_url()),
            client.get("/recherche/?q=budget"),
            client.post(f"/commentaires/article/{article.pk}/", {"body": "Bonjour à tous"}),
        ]
    for response in answers:
        text = response.content.decode()
        assert response.status_code == 503
        assert response["Retry-After"].isdigit()
        assert "no-store" in response["Cache-Control"]
        assert "momentanément indisponible" in text and "Traceback" not in text
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.urls("tests.reliability.broken_urls")
def test_only_database_outages_answer_503():
    client = Client(raise_request_exception=False)
    outage = client.get("/outage/")
    assert outage.status_code == 503
    assert "momentanément indisponible" in outage.content.decode()
    bug = client.get("/bug/")
    assert bug.status_code == 500
    assert "Un incident technique" in bug.content.decode()


def test_an_outage_met_outside_a_view_answers_503_too(rf):
    """handler500 sees the exception a middleware raised (saving a session, say)."""
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        outage = server_error(rf.get("/"))
    try:
        raise ValueError("a bug")
    except ValueError:
        bug = server_error(rf.get("/"))
    assert (outage.status_code, bug.status_code) == (503, 500)
    assert outage["Retry-After"] == "30"
