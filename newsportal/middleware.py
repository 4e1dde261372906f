"""The client's address behind the reverse proxy, for lock-outs, rate limits and logs."""

import ipaddress

from django.conf import settings


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """Return the client's address, read from X-Forwarded-For only as far as proxies are trusted.

    nginx appends the address it saw to X-Forwarded-For, so with N trusted
    proxies the client is the N-th entry from the right; what a client writes
    in the header itself sits further left and is never believed.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= count and (address := _valid_ip(forwarded[-count])):
            return address
    return remote


class ClientIPMiddleware:
    """Put the real client address in REMOTE_ADDR when the site runs behind trusted proxies.

    gunicorn sets REMOTE_ADDR to the peer of its socket, which behind nginx is
    nginx itself: every reader would share one address for axes' lock-outs and
    the comments' rate limit. First in MIDDLEWARE so that everything sees the fix.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.TRUSTED_PROXY_COUNT > 0:
            request.META["REMOTE_ADDR"] = client_ip(request)
        return self.get_response(request)
