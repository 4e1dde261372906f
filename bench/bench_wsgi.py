"""WSGI app for `make bench`: production's, with Google's reCAPTCHA answer faked.

The comment POST is measured without the network call to Google (which the bench
cannot make and would only measure Google): every token is valid, with a good score.
"""

import os

from bench import captcha

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
captcha.install()

from newsportal.wsgi import application  # noqa: E402

__all__ = ["application"]
