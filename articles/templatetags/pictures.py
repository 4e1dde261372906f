"""The ``{% picture %}`` tag: a responsive <picture> for an article's featured image."""

from django import template

from ..renditions import renditions

register = template.Library()

DEFAULT_SIZES = "(min-width: 60rem) 40rem, 100vw"


@register.inclusion_tag("includes/picture.html")
def picture(article, sizes=DEFAULT_SIZES, loading="lazy", fetchpriority="auto", css_class=""):
    """Render the featured image of `article` in WebP and JPEG at several widths, or nothing.

    Use ``loading="eager" fetchpriority="high"`` for the lead image above the fold.
    """
    image = getattr(article, "featured_image", None)
    if not image:
        return {"picture": None}
    found = renditions(image, article.featured_image_width, article.featured_image_height)
    if found is None:
        return {"picture": None}
    return {
        "picture": found,
        "alt": article.featured_image_alt,
        "sizes": sizes,
        "loading": "eager" if loading == "eager" else "lazy",
        "fetchpriority": fetchpriority if fetchpriority in {"high", "low"} else None,
        "css_class": css_class,
    }
