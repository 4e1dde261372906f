"""CKEditor image uploads: staff with article rights only, images checked by Pillow first."""

from ckeditor_uploader import views as ckeditor_views
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .images import validate_image


def _can_write_articles(user):
    return user.has_perm("articles.add_article") or user.has_perm("articles.change_article")


def _refuse(message, status):
    # The JSON shape CKEditor 4's upload adapter reads to show the message.
    return JsonResponse({"uploaded": 0, "error": {"message": str(message)}}, status=status)


# CKEditor posts its uploads without Django's CSRF token; the package's view is
# csrf_exempt for that reason. We keep that, but only for staff who may write
# articles, and only for files Pillow accepts as images.
@csrf_exempt
@require_POST
@staff_member_required
def upload(request):
    """Validate the uploaded image, then hand it to ckeditor_uploader."""
    if not _can_write_articles(request.user):
        return _refuse(_("Vous n’avez pas le droit d’ajouter des images."), 403)
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return _refuse(_("Aucun fichier reçu."), 400)
    try:
        validate_image(uploaded)
    except ValidationError as exc:
        return _refuse(" ".join(exc.messages), 400)
    return ckeditor_views.upload(request)


@never_cache
@staff_member_required
def browse(request):
    """List uploaded images for staff who may write articles."""
    if not _can_write_articles(request.user):
        return _refuse(_("Vous n’avez pas le droit de parcourir les images."), 403)
    return ckeditor_views.browse(request)
