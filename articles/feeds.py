"""RSS and Atom feeds of the latest published articles, site-wide and per category."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Article, Category

FEED_SIZE = 30


class LatestRssFeed(Feed):
    """The site's latest published articles."""

    description = _("Les derniers articles publiés.")
    language = "fr"

    def title(self):
        return settings.SITE_NAME

    def link(self):
        return reverse("articles:home")

    def articles(self):
        return Article.objects.published().select_related("category").prefetch_related("authors")

    def items(self):
        return self.articles()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return ", ".join(a.display_name for a in item.authors.all()) or None

    def item_categories(self, item):
        return [item.category.name]


class LatestAtomFeed(LatestRssFeed):
    feed_type = Atom1Feed
    subtitle = LatestRssFeed.description


class CategoryRssFeed(LatestRssFeed):
    """One category's latest published articles, its sub-categories' included."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return f"{obj.name} – {settings.SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or _("Les derniers articles de la rubrique %(name)s.") % {
            "name": obj.name
        }

    def items(self, obj):
        return self.articles().filter(Q(category=obj) | Q(category__parent=obj))[:FEED_SIZE]


class CategoryAtomFeed(CategoryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
