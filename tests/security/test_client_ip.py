"""Behind nginx, the client's address comes from X-Forwarded-For, as far as proxies are trusted."""

import pytest
from django.test import RequestFactory

from newsportal.middleware import ClientIPMiddleware


def seen_address(settings, count, remote, forwarded=None):
    settings.TRUSTED_PROXY_COUNT = count
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **headers)
    return ClientIPMiddleware(lambda r: r.META["REMOTE_ADDR"])(request)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "172.18.0.5"),  # no proxy trusted: the header is anyone's
        (1, "198.51.100.7", "198.51.100.7"),  # nginx's entry
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # a forged entry further left
        (2, "198.51.100.7, 10.0.0.2", "198.51.100.7"),  # load balancer, then nginx
        (2, "198.51.100.7", "172.18.0.5"),  # fewer entries than proxies: not believed
        (1, "not-an-ip", "172.18.0.5"),
        (1, "", "172.18.0.5"),
        (1, None, "172.18.0.5"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address(settings, count, forwarded, expected):
    assert seen_address(settings, count, "172.18.0.5", forwarded) == expected
