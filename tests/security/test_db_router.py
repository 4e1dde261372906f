"""DATABASE_REPLICA_URL: readers' page views read from the replica, all else from the primary."""

import pytest
from django.test import RequestFactory

from newsportal.db_router import PrimaryReplicaRouter, ReplicaReadsMiddleware

from .utils import load_settings

PRIMARY_URL = "postgres://np:secret@primary.internal:5432/newsportal"
REPLICA_URL = "postgres://np_ro:secret@replica.internal:5432/newsportal"


def test_no_replica_by_default(tmp_path):
    values = load_settings(
        tmp_path, ["DATABASES", "DATABASE_ROUTERS", "MIDDLEWARE"], DATABASE_URL=PRIMARY_URL
    )
    assert list(values["DATABASES"]) == ["default"]
    assert values["DATABASE_ROUTERS"] == []
    assert "newsportal.db_router.ReplicaReadsMiddleware" not in values["MIDDLEWARE"]


def test_replica_url_adds_the_alias_the_router_and_the_middleware(tmp_path):
    values = load_settings(
        tmp_path,
        ["DATABASES", "DATABASE_ROUTERS", "MIDDLEWARE"],
        DATABASE_URL=PRIMARY_URL,
        DATABASE_REPLICA_URL=REPLICA_URL,
    )
    replica = values["DATABASES"]["replica"]
    assert (replica["HOST"], replica["USER"]) == ("replica.internal", "np_ro")
    assert replica["ENGINE"] == "django.db.backends.postgresql"
    assert replica["TEST"]["MIRROR"] == "default"
    assert values["DATABASE_ROUTERS"] == ["newsportal.db_router.PrimaryReplicaRouter"]
    middleware = values["MIDDLEWARE"]
    assert middleware.index("newsportal.db_router.ReplicaReadsMiddleware") < middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


def alias_for(method, path, cookies=None):
    """Return the database the router picks for a read during such a request."""
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies or {})
    router = PrimaryReplicaRouter()
    return ReplicaReadsMiddleware(lambda r: router.db_for_read(None))(request)


@pytest.mark.parametrize(
    ("method", "path", "cookies", "expected"),
    [
        ("get", "/", None, "replica"),
        ("head", "/article/le-budget/", None, "replica"),
        ("post", "/commentaires/1/", None, "default"),  # a write request reads its own writes
        ("get", "/", {"sessionid": "abc"}, "default"),  # a logged-in editor checks their edit
        ("get", "/admin/articles/article/", None, "default"),
        ("get", "/ckeditor/browse/", None, "default"),
        ("get", "/healthz", None, "default"),
    ],
)
def test_reads_go_to_the_replica_only_for_readers_page_views(method, path, cookies, expected):
    assert alias_for(method, path, cookies) == expected


def test_outside_a_request_and_for_writes_the_primary_is_used():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(None) == "default"  # commands, cron jobs
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "articles") is False
    assert router.allow_migrate("default", "articles") is True
