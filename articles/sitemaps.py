"""Sitemaps for search engines: articles, categories, authors, and Google News."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from .models import Article, Author, Category

NEWS_WINDOW = timedelta(hours=48)
# Google News reads at most 1000 URLs per news sitemap.
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "published_at")

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


class CategorySitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Category.objects.order_by("position", "pk")


class AuthorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        # Only authors with at least one published article have a page worth indexing.
        authors = Article.objects.published().values("authors")
        return Author.objects.filter(pk__in=authors).order_by("pk")


SITEMAPS = {"articles": ArticleSitemap, "rubriques": CategorySitemap, "auteurs": AuthorSitemap}


@cache_control(max_age=600, public=True)
def news_sitemap(request):
    """Google News sitemap: articles published in the last 48 hours."""
    since = timezone.now() - NEWS_WINDOW
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("slug", "title", "published_at")[:NEWS_LIMIT]
    )
    return render(
        request,
        "sitemap_news.xml",
        {"articles": articles, "site_url": settings.SITE_URL, "publication": settings.SITE_NAME},
        content_type="application/xml; charset=utf-8",
    )
