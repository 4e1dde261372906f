"""Exit 0 when the site answers /healthz, for Docker's HEALTHCHECK."""

import os
import sys
import urllib.request

# Django answers 400 to a Host it does not allow, so ask with one it does.
host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
if not host or "*" in host:
    host = "localhost"
port = os.environ.get("PORT", "8000")
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/healthz",
    headers={"Host": host, "X-Forwarded-Proto": "https"},
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as exc:  # noqa: BLE001 (any failure at all means unhealthy)
    sys.exit(f"healthcheck failed: {exc}")
