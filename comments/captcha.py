"""reCAPTCHA v3 around django-recaptcha: French errors, outages held, settings read late.

django-recaptcha reads keys and the threshold when a form class is defined, lets a
network failure become an HTTP 500 and gives one English message for a bad token
and for a low score. Here the token is checked by `verify()` at validation time,
and a verdict (`CaptchaOutcome`) tells the comment service what to do.
"""

import logging
import socket
from dataclasses import dataclass
from urllib.error import URLError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_recaptcha import client
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV3

logger = logging.getLogger(__name__)

ACTION = "comment"
DEV_TOKEN = "dev-mode"

MISSING = _(
    "La vérification anti-robot n’a pas pu se faire (JavaScript est-il activé ?). "
    "Votre texte est conservé : renvoyez le formulaire."
)
INVALID = _(
    "La vérification anti-robot a échoué ou a expiré. "
    "Votre texte est conservé : renvoyez simplement le formulaire."
)
# Google answers with these on a network or service failure.
UNAVAILABLE_ERRORS = (URLError, TimeoutError, socket.timeout, OSError, ValueError, KeyError)


@dataclass(frozen=True)
class CaptchaOutcome:
    """The verdict on one token: `ok`, `low_score` or `unavailable`, with the score."""

    verdict: str
    score: float | None = None

    @property
    def is_ok(self):
        return self.verdict == "ok"


def dev_mode():
    """Whether the local verifier stands in for Google (development, no keys)."""
    local = settings.DEBUG or settings.RECAPTCHA_LOCAL_VERIFIER
    return local and not (settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY)


def public_key():
    return settings.RECAPTCHA_PUBLIC_KEY


class CommentCaptchaWidget(ReCaptchaV3):
    """A hidden input only: static/js/comments.js loads Google's script when needed."""

    template_name = "comments/captcha_widget.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        dev = dev_mode()
        context["sitekey"] = "" if dev else public_key()
        context["action"] = ACTION
        # The token is asked for at submit time; never echo a used one back.
        context["widget"]["value"] = DEV_TOKEN if dev else ""
        context["dev_mode"] = dev
        return context


class CommentCaptchaField(ReCaptchaField):
    """Check only that a token is present; `verify()` asks Google once the rest is valid."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", CommentCaptchaWidget(action=ACTION))
        # Placeholders: the real keys are read from settings when verifying.
        super().__init__(public_key="-", private_key="-", **kwargs)
        self.error_messages["required"] = MISSING

    def validate(self, value):
        if not value:
            raise ValidationError(MISSING, code="captcha_missing")

    def verify(self, token, *, remote_ip=None):
        """Return the outcome for `token`; raise ValidationError for a bad token."""
        if dev_mode():
            return CaptchaOutcome("ok", score=0.9)
        if not (settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY):
            # Misconfigured production (the system check says so): keep, do not publish.
            logger.error("reCAPTCHA keys are missing: comment held for moderation.")
            return CaptchaOutcome("unavailable")
        try:
            response = client.submit(
                recaptcha_response=token,
                private_key=settings.RECAPTCHA_PRIVATE_KEY,
                remoteip=remote_ip or "",
            )
        except UNAVAILABLE_ERRORS as exc:
            logger.warning("reCAPTCHA verification unavailable: %r", exc)
            return CaptchaOutcome("unavailable")
        if not response.is_valid:
            logger.info("reCAPTCHA token refused: %s", response.error_codes)
            raise ValidationError(INVALID, code="captcha_invalid")
        if response.action != ACTION:
            logger.info("reCAPTCHA token for another action: %r", response.action)
            raise ValidationError(INVALID, code="captcha_invalid")
        try:
            # Google always sends a score for v3; a missing one counts as the lowest.
            score = float(response.extra_data.get("score", 0.0))
        except (TypeError, ValueError):
            score = 0.0
        if score < float(settings.RECAPTCHA_REQUIRED_SCORE):
            return CaptchaOutcome("low_score", score=score)
        return CaptchaOutcome("ok", score=score)
