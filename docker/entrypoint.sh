#!/bin/sh
# Prepare the container, then run its command (gunicorn by default).
#
# collectstatic cannot run at build time: the production settings refuse to
# load without SECRET_KEY and ALLOWED_HOSTS, which only exist at run time. It
# writes to STATIC_ROOT, a volume that nginx serves.
#
# Migrations run here so that `docker compose up` is enough. With several web
# replicas, docker/migrate.py holds a PostgreSQL advisory lock so that two
# containers never migrate at the same time; DJANGO_MIGRATE=0 skips the step
# (when migrations run as a separate release step).
set -eu

if [ "${1:-}" = "gunicorn" ]; then
    if [ "${DJANGO_MIGRATE:-1}" = "1" ]; then
        python /app/docker/migrate.py
    fi
    if [ "${DJANGO_COLLECTSTATIC:-1}" = "1" ]; then
        python manage.py collectstatic --noinput --verbosity 0
    fi
fi

exec "$@"
