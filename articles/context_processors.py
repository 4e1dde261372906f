from django.conf import settings

from .models import Category


def site(request):
    """Expose the site name and the navigation categories to every template."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_categories": Category.objects.filter(show_in_nav=True, parent=None),
    }
