"""The admin index's "comments waiting" badge."""

from django import template
from django.urls import reverse

from ..models import Comment

register = template.Library()


@register.inclusion_tag("comments/admin_badge.html", takes_context=True)
def pending_comments_badge(context):
    """Show how many comments wait, to users who may see them (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("comments.view_comment"):
        return {"count": None}
    url = reverse("admin:comments_comment_changelist")
    return {"count": Comment.objects.pending().count(), "url": f"{url}?status__exact=pending"}
