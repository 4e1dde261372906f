"""Project-level endpoints that belong to no app."""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("healthz: database unavailable", exc_info=True)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# Fields that are machinery, not what the person wrote.
_NOT_TEXT = {"csrfmiddlewaretoken", "g-recaptcha-response", "captcha", "website", "parent"}


def csrf_failure(request, reason=""):
    """Explain a refused form in French and give back what the person typed."""
    texts = []
    if request.method == "POST":
        texts = [
            value
            for name, value in request.POST.items()
            if name not in _NOT_TEXT and len(value) > 40
        ]
    response = render(request, "403_csrf.html", {"texts": texts[:3]}, status=403)
    add_never_cache_headers(response)
    return response
