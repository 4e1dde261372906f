"""The site's URLs plus views that fail on purpose (tests of the error pages)."""

from django.db import OperationalError
from django.urls import path

from newsportal.urls import handler500  # noqa: F401 — the handler under test
from newsportal.urls import urlpatterns as site_urlpatterns


def bug(request):
    raise RuntimeError("a bug, not an outage")


def outage(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


urlpatterns = [path("bug/", bug), path("outage/", outage), *site_urlpatterns]
