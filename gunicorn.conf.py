"""Gunicorn settings for production, read from the environment (12-factor)."""

import multiprocessing
import os


def _int(name, default):
    """Read a positive integer variable, failing with a clear message."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise SystemExit(f"{name} must be an integer, not {value!r}.") from exc
    if number < 1:
        raise SystemExit(f"{name} must be at least 1, not {number}.")
    return number


# Inside a container the proxy talks to us on the container's network address.
bind = f"0.0.0.0:{_int('PORT', 8000)}"

# The classic 2 × cores + 1, capped: every sync worker holds a full copy of
# Django (~60-100 MB), and a container often sees all of the host's cores while
# its memory limit is small. WEB_CONCURRENCY (Heroku's convention) overrides it.
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9))

# Sync workers by default: pages are rendered from the cache or a short query
# and nginx buffers slow clients, so one request per worker is enough and the
# simplest to reason about. gthread suits waits on the network (reCAPTCHA
# verification): GUNICORN_WORKER_CLASS=gthread with GUNICORN_THREADS per worker.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = _int("GUNICORN_THREADS", 4 if worker_class == "gthread" else 1)

# A request that takes longer than this is stuck; its worker is killed and
# replaced instead of leaving the site one worker short.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On restart or deploy, in-flight requests get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind nginx, which reuses upstream connections for a short while.
keepalive = 5

# Recycle each worker after ~2000 requests so that slow leaks (caches that
# grow, fragmented memory from image processing) stay bounded; the jitter keeps
# workers from all restarting at the same moment.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Logs to stdout/stderr, collected by the container runtime.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Trust X-Forwarded-* (scheme, client address) only from the proxy in front
# of us. In docker-compose the proxy is another container: set it to the
# compose network (or "*" when gunicorn is reachable only through nginx).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Each worker imports the application itself: a database connection or Redis
# client opened at import time is never shared across forked processes, and a
# HUP reload picks up new code.
preload_app = False

# Temporary files in RAM: /tmp in a container may be an overlay on slow disk,
# and the heartbeat file is written constantly.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
