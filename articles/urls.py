from django.urls import path, re_path
from django.views.generic import TemplateView

from . import feeds, views, views_search

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("rubrique/<slug:slug>/", views.category_detail, name="category-detail"),
    path("rubrique/<slug:slug>/flux/", feeds.CategoryRssFeed(), name="category-feed-rss"),
    path("rubrique/<slug:slug>/flux/atom/", feeds.CategoryAtomFeed(), name="category-feed-atom"),
    path("article/<slug:slug>/", views.article_detail, name="article-detail"),
    path("auteur/<slug:slug>/", views.author_detail, name="author-detail"),
    path("mot-cle/<slug:slug>/", views.tag_detail, name="tag-detail"),
    path("recherche/", views_search.search, name="search"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.month_archive, name="archive-month"
    ),
    path(
        "mentions-legales/",
        TemplateView.as_view(template_name="pages/legal.html"),
        name="legal",
    ),
    path(
        "confidentialite/",
        TemplateView.as_view(template_name="pages/privacy.html"),
        name="privacy",
    ),
    path("flux/rss/", feeds.LatestRssFeed(), name="feed-rss"),
    path("flux/atom/", feeds.LatestAtomFeed(), name="feed-atom"),
]
