"""Production settings fail loudly when misconfigured and pass Django's deployment checks."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **overrides):
    """Return a clean environment with production values (overrides of None are removed)."""
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "newsportal.settings.prod",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "ALLOWED_HOSTS": "example.org",
        "EMAIL_URL": "smtp://mail.example.org:587",
        # Production needs real reCAPTCHA keys for the comment form.
        "RECAPTCHA_PUBLIC_KEY": "production-public-key",
        "RECAPTCHA_PRIVATE_KEY": "production-private-key",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_import_with_production_values(tmp_path):
    result = run(["-c", "import newsportal.settings.prod"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS"),
        ({"DEBUG": "1"}, "DEBUG"),
        ({"DEBUG": "peut-être"}, "DEBUG"),
    ],
)
def test_production_settings_refuse_a_bad_environment(tmp_path, overrides, expected):
    result = run(["-c", "import newsportal.settings.prod"], production_env(tmp_path, **overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert expected in result.stderr.splitlines()[-1]


def test_check_deploy_is_clean_with_production_values(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_dev_settings_keep_a_local_secret_key_out_of_git(tmp_path):
    env = production_env(
        tmp_path, DJANGO_SETTINGS_MODULE="newsportal.settings.dev", SECRET_KEY=None
    )
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    script = f"import django; django.setup(); {code}"
    first, second = run(["-c", script], env), run(["-c", script], env)
    assert first.returncode == 0, first.stderr
    assert len(first.stdout.strip()) >= 50
    assert first.stdout == second.stdout
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_dev_settings_without_keys_or_debug_use_the_local_verifier(tmp_path):
    """`manage.py makemigrations --check` works out of the box; production still refuses."""
    no_keys = {"RECAPTCHA_PUBLIC_KEY": None, "RECAPTCHA_PRIVATE_KEY": None}
    dev = production_env(
        tmp_path, DJANGO_SETTINGS_MODULE="newsportal.settings.dev", SECRET_KEY=None, **no_keys
    )
    result = run(["manage.py", "makemigrations", "--check", "--dry-run"], dev)
    assert result.returncode == 0, result.stdout + result.stderr
    code = "from comments.captcha import dev_mode; print(dev_mode())"
    script = f"import django; django.setup(); {code}"
    assert run(["-c", script], dev).stdout.strip() == "True"

    prod = run(["manage.py", "check"], production_env(tmp_path, **no_keys))
    assert prod.returncode != 0
    assert "comments.E001" in prod.stderr
