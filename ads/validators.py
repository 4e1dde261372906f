"""Validators for advertising content: target URLs and uploaded images."""

import warnings
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")


def validate_target_url(value):
    """Accept only absolute http(s) addresses (no javascript:, data: or relative links)."""
    if urlsplit(value).scheme.lower() not in {"http", "https"}:
        raise ValidationError(
            _("L’adresse de destination doit commencer par https:// ou http://."),
            code="target_scheme",
        )
    URLValidator(schemes=["http", "https"])(value)


def validate_ad_image(file):
    """Refuse anything that is not a real, reasonably sized JPEG, PNG, GIF or WebP image."""
    max_bytes = getattr(settings, "IMAGE_MAX_BYTES", 10 * 1024 * 1024)
    max_pixels = getattr(settings, "IMAGE_MAX_PIXELS", 40_000_000)
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("Image trop lourde : la limite est de %(max)s Mo.") % {"max": max_bytes // 1_048_576},
            code="image_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise ValidationError(
                        _("Image trop grande (%(width)s × %(height)s pixels).")
                        % {"width": width, "height": height},
                        code="image_too_many_pixels",
                    )
                if image.format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _(
                            "Format d’image non accepté (%(format)s) : "
                            "utilisez JPEG, PNG, GIF ou WebP."
                        )
                        % {"format": image.format},
                        code="image_format",
                    )
                image.verify()
            # verify() checks the structure only; decoding catches truncated files.
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("Image refusée : ses dimensions déclarées sont démesurées."), code="image_bomb"
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("Ce fichier n’est pas une image valide (JPEG, PNG, GIF ou WebP)."),
            code="image_invalid",
        ) from exc
    finally:
        file.seek(position)
