from django.utils.functional import SimpleLazyObject


def most_commented(request):
    """Expose `most_commented` lazily: only a page that shows it pays (at most) one query."""
    from .templatetags.comments_tags import most_commented_cached

    return {"most_commented": SimpleLazyObject(most_commented_cached)}
