"""Production settings as docker-compose sets them: `check --deploy` is clean, headers are hard.

The base case (`check --deploy` with production values) lives in
tests/articles/test_settings.py; these add the operations variants and what a
browser actually receives.
"""

import json

import pytest

from tests.articles.test_settings import production_env, run

COMPOSE = {
    "MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "np-media",
    "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
    "TRUSTED_PROXY_COUNT": "1",
    "REDIS_URL": "redis://127.0.0.1:6399/0",
    "LOG_FORMAT": "json",
}
# One request through the whole middleware stack, answered by the health check
# (an empty SQLite database is enough for SELECT 1).
REQUEST = """
import json, django
django.setup()
from django.test import Client
from django.conf import settings
client = Client(HTTP_HOST="example.org")
secure = client.get("/healthz", headers={"x-forwarded-proto": "https"})
plain = client.get("/", headers={"x-forwarded-proto": "http"})
print(json.dumps({
    "status": secure.status_code,
    "headers": dict(secure.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "proxies": settings.TRUSTED_PROXY_COUNT,
}))
"""


@pytest.mark.parametrize(
    "extra", [COMPOSE, {"CSP_REPORT_ONLY": "1"}], ids=["compose", "csp-report-only"]
)
def test_check_deploy_is_clean_in_operations_variants(tmp_path, extra):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(tmp_path, **extra),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_responses_carry_the_hardening_headers(tmp_path):
    result = run(["-c", REQUEST], production_env(tmp_path, DATABASE_URL=None))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    headers = answer["headers"]

    assert answer["status"] == 200
    assert headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert "object-src 'none'" in headers["Content-Security-Policy"]
    assert (
        "script-src 'self' https://www.google.com/recaptcha/"
        in (headers["Content-Security-Policy"])
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    # Plain HTTP is sent to HTTPS; cookies only travel over HTTPS.
    assert answer["plain_status"] == 301
    assert answer["plain_location"] == "https://example.org/"
    assert answer["cookies"] == [True, True]
    # Behind nginx by default: its X-Forwarded-For entry names the client.
    assert answer["proxies"] == 1
