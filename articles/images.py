"""Validation and storage names for uploaded images (featured images and editor uploads)."""

import uuid
import warnings
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}


def validate_image(file):
    """Refuse anything that is not a real, reasonably sized image in an allowed format."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("Image trop lourde (%(size)s Mo) : la limite est de %(max)s Mo.")
            % {"size": round(size / 1_048_576, 1), "max": settings.IMAGE_MAX_BYTES // 1_048_576},
            code="image_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                image_format = image.format
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        _(
                            "Image trop grande (%(width)s × %(height)s pixels) : "
                            "la limite est de %(max)s millions de pixels."
                        )
                        % {
                            "width": width,
                            "height": height,
                            "max": settings.IMAGE_MAX_PIXELS // 1_000_000,
                        },
                        code="image_too_many_pixels",
                    )
                if image_format not in settings.IMAGE_ALLOWED_FORMATS:
                    raise ValidationError(
                        _(
                            "Format d’image non accepté (%(format)s) : "
                            "utilisez JPEG, PNG, GIF ou WebP."
                        )
                        % {"format": image_format},
                        code="image_format",
                    )
                image.verify()
            # verify() checks the structure only: a truncated JPEG passes it.
            # Decode the pixels too (at a reduced scale for JPEG, to bound memory).
            file.seek(0)
            with Image.open(file) as image:
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("Image refusée : ses dimensions déclarées sont démesurées (bombe de décompression)."),
            code="image_bomb",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("Ce fichier n’est pas une image valide (JPEG, PNG, GIF ou WebP)."),
            code="image_invalid",
        ) from exc
    finally:
        file.seek(position)
    return image_format


def dated_upload_path(folder):
    """Return an `upload_to` callable storing files as FOLDER/YYYY/MM/<random>.<ext>."""

    def upload_to(instance, filename):
        suffix = PurePath(filename).suffix.lower()
        if suffix not in {".jpg", ".jpeg", ".png", ".gif", ".webp"}:
            suffix = ".jpg"
        now = timezone.now()
        return f"{folder}/{now:%Y/%m}/{uuid.uuid4().hex}{suffix}"

    upload_to.__qualname__ = f"dated_upload_path.{folder}"
    return upload_to


def article_image_path(instance, filename):
    """Store featured images under articles/YYYY/MM/ with a random name."""
    return dated_upload_path("articles")(instance, filename)


def author_photo_path(instance, filename):
    """Store author photos under authors/YYYY/MM/ with a random name."""
    return dated_upload_path("authors")(instance, filename)


def editor_upload_filename(filename, request):
    """Name CKEditor uploads randomly; the dated folder comes from ckeditor_uploader."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in {*EXTENSIONS.values(), ".jpeg"}:
        suffix = ".jpg"
    return f"{uuid.uuid4().hex}{suffix}"


class SafeImageFormField(forms.ImageField):
    """An image form field that explains, in French, why a file is refused."""

    def to_python(self, data):
        # Run our checks first: Django's own message is the same for a text
        # file, a truncated photo and a decompression bomb.
        if data and hasattr(data, "seek"):
            validate_image(data)
        return super().to_python(data)
