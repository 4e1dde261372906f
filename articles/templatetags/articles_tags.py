"""Template helpers for reader pages: absolute URLs, JSON-LD, pagination and share links."""

import json
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

# Escapes that keep a JSON document inside <script> inert, whatever the titles contain.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def absolute(path):
    """Turn a site path (or a URL already absolute) into an absolute URL on SITE_URL."""
    path = str(path)
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def json_ld_script(data):
    """Return a <script type="application/ld+json"> safe to embed in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Safe: <, > and & are escaped above, so no title can close the script element.
    return mark_safe(
        f'<script type="application/ld+json">{text.translate(_JSON_SCRIPT_ESCAPES)}</script>'
    )


def _crumbs(article):
    crumbs = [(_("Accueil"), reverse("articles:home"))]
    crumbs += [(c.name, c.get_absolute_url()) for c in article.category.ancestors()]
    crumbs.append((article.title, article.get_absolute_url()))
    return crumbs


@register.simple_tag
def breadcrumb_json_ld(article):
    """Render the BreadcrumbList JSON-LD of an article page."""
    items = [
        {"@type": "ListItem", "position": i, "name": name, "item": absolute(url)}
        for i, (name, url) in enumerate(_crumbs(article), start=1)
    ]
    return json_ld_script(
        {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    )


@register.simple_tag
def article_json_ld(article, authors, updated=False):
    """Render the NewsArticle JSON-LD of an article page."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.description,
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "articleSection": article.category.name,
        "inLanguage": "fr",
        "datePublished": article.published_at,
        "dateModified": article.updated_at if updated else article.published_at,
        "author": [
            {"@type": "Person", "name": a.display_name, "url": absolute(a.get_absolute_url())}
            for a in authors
        ]
        or [{"@type": "Organization", "name": settings.SITE_NAME}],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": absolute("/"),
        },
    }
    if article.featured_image:
        data["image"] = [absolute(article.featured_image.url)]
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """Return ?page=N keeping the other query parameters (a search query, for example)."""
    request = context.get("request")
    params = request.GET.copy() if request else {}
    if hasattr(params, "setlist"):
        params.setlist("page", [str(number)])
        if str(number) == "1":
            del params["page"]
        encoded = params.urlencode()
    else:
        encoded = "" if str(number) == "1" else urlencode({"page": number})
    return f"?{encoded}" if encoded else "."


@register.simple_tag
def share_links(article):
    """Return (network, label, url) for plain share links: no third-party script."""
    url = absolute(article.get_absolute_url())
    title = article.title
    q = quote
    return [
        (
            "facebook",
            "Facebook",
            f"https://www.facebook.com/sharer/sharer.php?u={q(url, safe='')}",
        ),
        (
            "x",
            "X",
            f"https://x.com/intent/post?url={q(url, safe='')}&text={q(title, safe='')}",
        ),
        ("whatsapp", "WhatsApp", f"https://wa.me/?text={q(f'{title} {url}', safe='')}"),
        (
            "linkedin",
            "LinkedIn",
            f"https://www.linkedin.com/sharing/share-offsite/?url={q(url, safe='')}",
        ),
        (
            "email",
            _("E-mail"),
            f"mailto:?subject={q(title, safe='')}&body={q(url, safe='')}",
        ),
    ]


@register.simple_tag
def breadcrumb(article):
    """Return the (name, url) path of an article: home, categories, then the article."""
    return _crumbs(article)


@register.simple_tag
def elided_pages(page_obj):
    """Return the page numbers to link to around the current page, with ellipses."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )


@register.simple_tag
def site_name():
    """Return the site's name from settings (for templates rendered without context)."""
    return settings.SITE_NAME


@register.simple_tag
def content_lang():
    """Return ` lang="fr"` for editorial content when the UI speaks another language."""
    # Screen readers switch voice on lang; French pages (the default) stay free of it.
    content = settings.CONTENT_LANGUAGE_CODE
    if (get_language() or content).split("-")[0] == content.split("-")[0]:
        return ""
    return format_html(' lang="{}"', content)
