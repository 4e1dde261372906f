"""GET /healthz answers 200 when the database answers and 503 when it does not."""

import socket
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from articles import roles

URL = "/healthz"


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database_down(tmp_path):
    """Point the default connection at a database that cannot be reached, then restore it."""
    settings_dict = connection.settings_dict
    saved_settings = dict(settings_dict)
    # SQLite's in-memory test database disappears when closed: set it aside instead.
    saved_connection = connection.connection if connection.vendor == "sqlite" else None
    if connection.vendor == "sqlite":
        connection.connection = None
        settings_dict["NAME"] = str(tmp_path / "missing-folder" / "db.sqlite3")
    else:
        connection.close()
        settings_dict.update(HOST="127.0.0.1", PORT=str(unused_port()))
    try:
        yield
    finally:
        if connection.connection is not None and connection.connection is not saved_connection:
            connection.connection.close()
        settings_dict.clear()
        settings_dict.update(saved_settings)
        connection.connection = saved_connection
        connection.health_check_done = False


@pytest.mark.django_db
def test_ok_when_the_database_answers(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


# serialized_rollback keeps the roles of the data migration for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_503_when_the_database_does_not_answer(client, tmp_path):
    with database_down(tmp_path):
        response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    # The connection is back: the next request is healthy again.
    assert client.get(URL).status_code == 200
    assert Group.objects.filter(name=roles.EDITOR).exists()
