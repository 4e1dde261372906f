# syntax=docker/dockerfile:1
# Production image: gunicorn serving newsportal.wsgi with the prod settings.
# Build: docker build -t newsportal .   (or `docker compose up --build`)

# --- Build stage: install the locked runtime dependencies into a venv ----------
FROM python:3.13-slim AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
COPY requirements/base.txt /tmp/requirements.txt
# Runtime dependencies only, each one checked against the hash in the lock file.
RUN /opt/venv/bin/pip install --require-hashes -r /tmp/requirements.txt

# --- Runtime stage ----------------------------------------------------------------
FROM python:3.13-slim

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=newsportal.settings.prod \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    VAR_DIR=/app/var \
    PORT=8000

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
# The code stays owned by root, read-only for the app user; only the folders
# it writes to (uploads, collected static files, var/) belong to it. Named
# volumes mounted there start with this ownership.
COPY . /app
RUN mkdir -p /app/media /app/staticfiles /app/var \
    && chown app:app /app/media /app/staticfiles /app/var \
    && chmod 0755 /app/docker/entrypoint.sh

USER app

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "/app/docker/healthcheck.py"]

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "newsportal.wsgi"]
