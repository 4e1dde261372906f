"""Shared page cache for anonymous readers, invalidated exactly by a content generation.

Every cached page is stored with the generation it was rendered at. Any change a
reader could see (article, category, tag, author, approved comment, ad) bumps the
generation, so every page rendered before it stops being served at once, in every
process sharing the cache. Scheduled publications and ad campaign starts/ends are
exact too: the cache keeps the next such moment and the first request after it
bumps. One cache round trip per request: generation, next moment and page together.
A cache outage only costs speed: every error is caught and the page is rendered.
"""

import hashlib
import logging
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

logger = logging.getLogger(__name__)

GEN_KEY = "pagecache:gen"
NEXT_KEY = "pagecache:next"
PAGE_KEY = "pagecache:page:{}"
NO_NEXT = 0.0  # stored when nothing is scheduled: "missing" must stay distinguishable
IGNORED_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options", "Cache-Control")


def _bypass_cookies():
    # Project glue may read an app's constants; the apps never import this module.
    from comments.readers import MINE_COOKIE, REMEMBER_COOKIE

    return {
        settings.SESSION_COOKIE_NAME,  # staff (and anyone logged in)
        "messages",  # a flash message waits to be shown (CookieStorage's name)
        MINE_COOKIE,  # the reader's own comments awaiting moderation
        REMEMBER_COOKIE,  # the form is pre-filled with the reader's name
        *getattr(settings, "PAGE_CACHE_BYPASS_COOKIES", ()),
    }


def _bypass_prefixes():
    return (
        f"/{settings.ADMIN_URL}",
        "/pub/",
        "/commentaires/",
        "/healthz",
        "/ckeditor/",
        "/i18n/",
        settings.STATIC_URL,
        settings.MEDIA_URL,
        *getattr(settings, "PAGE_CACHE_BYPASS_PREFIXES", ()),
    )


def next_change_at():
    """Return the next moment pages change by themselves (scheduled article, ad campaign)."""
    from django.apps import apps

    now = timezone.now()
    Article = apps.get_model("articles", "Article")
    moments = [
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    ]
    if apps.is_installed("ads"):
        Campaign = apps.get_model("ads", "Campaign")
        running = Campaign.objects.filter(is_active=True, ends_at__gt=now)
        moments.append(
            running.filter(starts_at__gt=now)
            .order_by("starts_at")
            .values_list("starts_at", flat=True)
            .first()
        )
        moments.append(running.order_by("ends_at").values_list("ends_at", flat=True).first())
    moments = [m for m in moments if m is not None]
    return min(moments).timestamp() if moments else NO_NEXT


def bump():
    """Make every cached page stale now, in every process sharing the cache."""
    try:
        try:
            cache.incr(GEN_KEY)
        except ValueError:
            # Not 0: after a cache restart, pages stored under old numbers stay unused.
            cache.add(GEN_KEY, int(time.time() * 1000), timeout=None)
        # Recomputed by the next request, once this change is visible to it.
        cache.delete(NEXT_KEY)
    except Exception:  # a cache outage must not break a save
        logger.warning("pagecache: could not bump the generation", exc_info=True)


def content_changed(**kwargs):
    """Signal receiver: bump now and again after commit.

    Bumping before the commit alone would let a concurrent request store the old
    content under the new generation; the second bump, after commit, evicts it.
    """
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed: act once, after the change
    bump()
    transaction.on_commit(bump, robust=True)


def comment_changed(sender, instance, created=False, update_fields=None, **kwargs):
    """Bump for comments readers see or saw; a new comment awaiting moderation changes nothing."""
    approved = instance.status == sender.Status.APPROVED
    status_changed = update_fields is None or "status" in update_fields
    if approved or (not created and status_changed):
        content_changed()


def page_key(request, language):
    """Return the cache key of this page: language and path with its normalized query."""
    params = sorted(
        (k, v)
        for k, v in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not k.startswith(IGNORED_PARAMS)
    )
    raw = f"{language}:{request.path}?{urlencode(params)}"
    return PAGE_KEY.format(hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest())


def _page_request(request):
    """Whether this request asks for a reader page (not a form post, the admin, ads, files)."""
    return request.method in ("GET", "HEAD") and not request.path.startswith(_bypass_prefixes())


def _shared_request(request):
    """Whether the page asked for is the same for everyone (no personal cookie)."""
    if _bypass_cookies().intersection(request.COOKIES):
        return False
    try:
        request.get_host()
    except DisallowedHost:
        return False  # the inner middleware answers 400
    return True


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _from_entry(entry, request):
    response = HttpResponse(b"" if request.method == "HEAD" else entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    response["ETag"] = entry["etag"]
    response["Content-Length"] = str(len(entry["content"]))
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def _public_headers(response):
    if "max-age" not in response.get("Cache-Control", ""):
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_MAX_AGE,
            stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
        )
    patch_vary_headers(response, ("Cookie", "Accept-Language"))


class PageCacheMiddleware:
    """Serve anonymous GET pages from the shared cache; store the ones that may be shared.

    Sits before the session, CSRF and messages middleware: a hit skips them all, and
    on a miss it sees the response they finished (with any cookie they set).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        if not _page_request(request):
            return self.get_response(request)  # these set their own caching headers
        if not _shared_request(request):
            response = self._private(self.get_response(request))
            response["X-Cache"] = "BYPASS"
            return response
        language = translation.get_language_from_request(request)
        key = page_key(request, language)
        try:
            found = cache.get_many([GEN_KEY, NEXT_KEY, key])
            generation = self._generation(found)
        except Exception:  # outage: render from the database
            logger.warning("pagecache: cache unavailable", exc_info=True)
            return self.get_response(request)
        entry = found.get(key)
        if generation is not None and entry and entry.get("gen") == generation:
            response = _from_entry(entry, request)
            response["X-Cache"] = "HIT"
            return get_conditional_response(request, etag=entry["etag"], response=response)
        response = self.get_response(request)
        if request.method != "GET" or generation is None or not _cacheable_response(response):
            response["X-Cache"] = "BYPASS"
            return self._private(response)
        _public_headers(response)
        etag = f'W/"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response["ETag"] = etag
        entry = {
            "gen": generation,
            "etag": etag,
            "content": response.content,
            "headers": [(h, response[h]) for h in STORED_HEADERS if h in response],
        }
        try:
            cache.set(key, entry, timeout=settings.PAGE_CACHE_TTL)
        except Exception:
            logger.warning("pagecache: could not store a page", exc_info=True)
        response["X-Cache"] = "MISS"
        return get_conditional_response(request, etag=etag, response=response)

    def _generation(self, found):
        """Return the current generation (None: do not cache now), bumping if a moment passed."""
        generation = found.get(GEN_KEY)
        if generation is None:
            cache.add(GEN_KEY, int(time.time() * 1000), timeout=None)
            return None
        next_at = found.get(NEXT_KEY)
        if next_at is None:
            next_at = next_change_at()
            cache.set(NEXT_KEY, next_at, timeout=settings.PAGE_CACHE_TTL)
        if next_at != NO_NEXT and time.time() >= next_at:
            bump()
            return None
        return generation

    @staticmethod
    def _private(response):
        """Keep pages made for one person out of shared caches (unless the view decided)."""
        if "Cache-Control" not in response and not response.streaming:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
