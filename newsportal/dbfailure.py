"""A database outage answers 503 with a static French page and Retry-After, not a 500."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

# Connection refused, server restarting, connection cut mid-request: all transient.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _is_outage(exc):
    return isinstance(exc, UNAVAILABLE) or isinstance(getattr(exc, "__cause__", None), UNAVAILABLE)


def unavailable_response():
    """Return the 503 page, rendered without context or database."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Neither the page cache nor a CDN may keep the error once the database is back.
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turn a database outage met by a view into a 503, logged in one line without a trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _is_outage(exception):
            return None
        logger.warning(
            "database unavailable, answered 503: %s %s (%s)",
            request.method,
            request.path,
            str(exception).strip().splitlines()[0] if str(exception).strip() else type(exception),
        )
        return unavailable_response()


def server_error(request, template_name="500.html"):
    """handler500: an outage met outside a view (a middleware saving the session) is a 503 too."""
    if _is_outage(sys.exception()):
        return unavailable_response()
    return defaults.server_error(request, template_name)
