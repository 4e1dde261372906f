"""The project's URLs plus a constant-response view: the framework's floor."""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    """Answer "ok" after the whole middleware stack, with no query and no template."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("__bench/floor", floor, name="bench-floor"),
    path("", include("newsportal.urls")),
]
