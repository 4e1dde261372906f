"""A Redis that hangs costs each process one timeout, not one per cache call.

With Redis stopped, every call fails at once (connection refused). With Redis
frozen or unreachable (overloaded, swapping, a network partition), every call waits
for SOCKET_TIMEOUT: a page making 30 cache calls took 30 s and gunicorn killed the
worker. This connection class opens a circuit on the first failure: for
CACHE_BREAKER_SECONDS, every cache call in this process fails immediately (django-redis
then answers "not cached", IGNORE_EXCEPTIONS), then one call tries Redis again.
"""

import logging
import time

from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)
CIRCUIT_OPEN = "cache circuit open"
DEFAULT_OPEN_SECONDS = 5.0

# Per process; a float assignment is atomic, so threads (gthread workers) share it safely.
_open_until = 0.0


def _open_seconds():
    from django.conf import settings

    return float(getattr(settings, "CACHE_BREAKER_SECONDS", DEFAULT_OPEN_SECONDS))


def is_open():
    """Whether cache calls are currently skipped in this process."""
    return time.monotonic() < _open_until


def trip(error):
    """Skip the cache for a while after `error`; log once per opening."""
    global _open_until
    seconds = _open_seconds()
    if seconds <= 0:
        return
    if not is_open():
        logger.warning("cache unavailable, skipped for %.0f s: %r", seconds, error)
    _open_until = time.monotonic() + seconds


def reset():
    """Close the circuit (tests)."""
    global _open_until
    _open_until = 0.0


class BreakerConnection(Connection):
    """redis-py connection that fails fast while the circuit is open."""

    def _refuse_if_open(self):
        if is_open():
            raise RedisConnectionError(f"{CIRCUIT_OPEN}: Redis failed recently")

    def connect(self, *args, **kwargs):
        self._refuse_if_open()
        try:
            return super().connect(*args, **kwargs)
        except FAILURES as error:
            trip(error)
            raise

    def send_packed_command(self, *args, **kwargs):
        self._refuse_if_open()
        try:
            return super().send_packed_command(*args, **kwargs)
        except FAILURES as error:
            trip(error)
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except FAILURES as error:
            trip(error)
            raise


class SkipWhileOpen(logging.Filter):
    """Keep django-redis's traceback for the failure that opened the circuit, not for each skip.

    Without it, one page logged ~45 "Exception ignored" tracebacks during an outage.
    """

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        for _ in range(5):  # ConnectionInterrupted from redis's ConnectionError
            if error is None:
                return True
            if isinstance(error, RedisConnectionError) and CIRCUIT_OPEN in str(error):
                return False
            error = error.__cause__ or error.__context__
        return True
