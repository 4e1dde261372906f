"""Load settings in a fresh interpreter with a given environment (settings read it at import)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def clean_env(tmp_path, module="newsportal.settings.dev", **overrides):
    """Return a minimal environment for `module`; overrides of None are removed."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": module,
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def run_python(code, env):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def load_settings(tmp_path, names, module="newsportal.settings.dev", **env):
    """Return {name: value} of the given settings (JSON-able), or raise with the error."""
    values = f"{{n: getattr(settings, n, None) for n in {list(names)!r}}}"
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({values}, default=str))"
    )
    result = run_python(code, clean_env(tmp_path, module, **env))
    if result.returncode:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])
