from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from articles import sitemaps, uploads
from articles import views as article_views

from . import media, views

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = _("Rédaction")

# A database outage answers 503 with Retry-After instead of the 500 page.
handler500 = "newsportal.dbfailure.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("ckeditor/upload/", uploads.upload, name="ckeditor_upload"),
    path("ckeditor/browse/", uploads.browse, name="ckeditor_browse"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", article_views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="sitemap-news"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("commentaires/", include("comments.urls")),
    path("", include("ads.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    # Production serves media from the reverse proxy (see docker/nginx.conf).
    urlpatterns += [
        # Same rules as nginx: nosniff, a sandbox CSP, non-images downloaded.
        re_path(r"^media/(?P<path>.*)$", media.serve_media),
    ]
