from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Article, Category


def nav_categories(request):
    """Return the main categories of the navigation, fetched once per request."""
    cached = getattr(request, "_nav_categories", None)
    if cached is None:
        cached = list(Category.objects.filter(show_in_nav=True, parent=None))
        request._nav_categories = cached
    return cached


def breaking_article(request):
    """Return the latest live breaking article, or None (one query, at most once)."""
    if not hasattr(request, "_breaking_article"):
        request._breaking_article = (
            Article.objects.published()
            .filter(is_breaking=True)
            .only("title", "slug", "published_at")
            .first()
        )
    return request._breaking_article


def site(request):
    """Expose the site name, the navigation and the breaking-news strip to every template."""
    # Lazy: a page that does not render them (robots.txt, feeds) pays no query.
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "nav_categories": SimpleLazyObject(lambda: nav_categories(request)),
        "breaking_article": SimpleLazyObject(lambda: breaking_article(request)),
    }
