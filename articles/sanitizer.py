"""Server-side allowlist for rich-text bodies: whatever CKEditor lets through stops here."""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "b", "em", "i",
    "u", "s", "sub", "sup", "blockquote", "q", "cite", "hr", "figure", "figcaption",
    "img", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "iframe",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen"},
    "blockquote": {"cite"},
}
VIDEO_HOSTS = {
    "www.youtube.com",
    "www.youtube-nocookie.com",
    "player.vimeo.com",
    "www.dailymotion.com",
    "geo.dailymotion.com",
}


def _is_our_media(url):
    """Accept images served from our own media folder only."""
    media_url = settings.MEDIA_URL
    if url.startswith(media_url) and ".." not in url:
        return True
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    return (
        parts.scheme in {"http", "https"}
        and parts.netloc == site.netloc
        and parts.path.startswith(media_url)
        and ".." not in parts.path
    )


def _filter_attribute(element, attribute, value):
    if element == "img" and attribute == "src":
        return value if _is_our_media(value) else None
    if element == "iframe" and attribute == "src":
        parts = urlsplit(value)
        return value if parts.scheme == "https" and parts.netloc in VIDEO_HOSTS else None
    if attribute in {"width", "height", "colspan", "rowspan"}:
        return value if value.isdigit() and len(value) <= 4 else None
    return value


_SOURCELESS = re.compile(
    r"<img(?![^>]*\ssrc=)[^>]*>|<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.DOTALL
)


def sanitize_html(html):
    """Return the allowlisted subset of `html`, safe to store and show."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html.replace("\x00", ""),
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
        strip_comments=True,
        set_tag_attribute_values={
            "img": {"loading": "lazy"},
            "iframe": {
                "loading": "lazy",
                "sandbox": "allow-scripts allow-same-origin allow-presentation",
                "referrerpolicy": "strict-origin-when-cross-origin",
            },
        },
    )
    # An image or video whose source was refused is useless: drop the element.
    return _SOURCELESS.sub("", cleaned).strip()
