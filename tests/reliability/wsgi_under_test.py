"""The production WSGI app for the reliability tests, with Google's verification answered here.

Only what is outside our reach is replaced: reCAPTCHA's server call (always a valid,
high-score token) and the static-files manifest (collectstatic costs ~17 s and no
test reads a static file). Everything else is newsportal.wsgi with prod settings.
"""

import os

from django_recaptcha import client
from django_recaptcha.client import RecaptchaResponse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings.prod")


def _google_says_human(recaptcha_response, private_key, remoteip):
    return RecaptchaResponse(is_valid=True, extra_data={"score": 0.9}, action="comment")


client.submit = _google_says_human

from django.conf import settings  # noqa: E402

settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from newsportal.wsgi import application  # noqa: E402, F401
