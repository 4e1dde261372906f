#!/bin/sh
# Prepare the container, then run its command (gunicorn by default).
#
# collectstatic cannot run at build time: the production settings refuse to
# load without SECRET_KEY and ALLOWED_HOSTS, which only exist at run time. It
# writes to STATIC_ROOT, a volume that nginx serves.
#
# Migrations run here so that `docker compose up` is enough. With several web
# replicas, set DJANGO_MIGRATE=0 on all but one (or run `manage.py migrate` as
# a release step) so that two containers never migrate at the same time.
set -eu

if [ "${1:-}" = "gunicorn" ]; then
    if [ "${DJANGO_MIGRATE:-1}" = "1" ]; then
        python manage.py migrate --noinput
    fi
    if [ "${DJANGO_COLLECTSTATIC:-1}" = "1" ]; then
        python manage.py collectstatic --noinput --verbosity 0
    fi
fi

exec "$@"
