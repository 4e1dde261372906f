"""System checks: no reCAPTCHA keys outside development stops the start."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def recaptcha_keys_check(app_configs, **kwargs):
    """Refuse DEBUG off without reCAPTCHA keys: comments would never be verified."""
    if settings.DEBUG or settings.RECAPTCHA_LOCAL_VERIFIER:
        return []
    if settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY:
        return []
    return [
        checks.Error(
            "RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY must be set when DEBUG is off.",
            hint=(
                "Create reCAPTCHA v3 keys for this domain at "
                "https://www.google.com/recaptcha/admin and set them in the environment. "
                "With DEBUG on, a local verifier is used instead."
            ),
            id="comments.E001",
        )
    ]
