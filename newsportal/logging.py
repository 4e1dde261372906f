"""Structured logging: one JSON object a line on stdout, with the request's id."""

import contextvars
import json
import logging
import time
import uuid

from django.conf import settings

request_id_var = contextvars.ContextVar("request_id", default="-")
access_logger = logging.getLogger("newsportal.request")
REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"


class RequestIdFilter(logging.Filter):
    """Attach the current request id to every record."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON line (time, level, logger, message, extras, traceback)."""

    RESERVED = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}

    def format(self, record):
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for key, value in record.__dict__.items():
            if key not in self.RESERVED and not key.startswith("_"):
                payload[key] = (
                    value if isinstance(value, (int, float, bool, type(None))) else str(value)
                )
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


def _clean_request_id(value):
    # Accept an upstream id (proxy, load balancer) only if it is short and plain.
    if value and len(value) <= 64 and all(c.isalnum() or c in "-_." for c in value):
        return value
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """Give each request an id, log method, path, status, duration and staff user id."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.slow_ms = getattr(settings, "SLOW_REQUEST_MS", 500)

    def __call__(self, request):
        request_id = _clean_request_id(request.META.get(REQUEST_ID_HEADER))
        token = request_id_var.set(request_id)
        request.id = request_id
        start = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        duration_ms = round((time.perf_counter() - start) * 1000, 1)
        response["X-Request-ID"] = request_id
        user = getattr(request, "user", None)
        extra = {
            "request_id": request_id,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "user_id": user.pk
            if user is not None and user.is_authenticated and user.is_staff
            else None,
        }
        if duration_ms >= self.slow_ms:
            access_logger.warning("slow request", extra=extra)
        elif settings.LOG_REQUESTS:
            access_logger.info("request", extra=extra)
        return response
