"""Local development: `make run`. DEBUG still comes from the environment."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR

# `manage.py makemigrations`, `createsuperuser`… run here without DEBUG=1: with no
# reCAPTCHA keys, the local verifier is used (and announced on the form) instead
# of the system check that stops a production start (comments.E001).
RECAPTCHA_LOCAL_VERIFIER = True

if not SECRET_KEY:  # noqa: F405
    # A key of this machine's own, kept in the git-ignored var/ folder so that
    # sessions survive a restart; never a key written in the repository.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _key_file = VAR_DIR / "secret_key"
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()
