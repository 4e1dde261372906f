"""Send readers' page views to the PostgreSQL read replica, everything else to the primary.

Enabled by DATABASE_REPLICA_URL (settings add the "replica" alias, this router
and :class:`ReplicaReadsMiddleware`). Only a reader's GET or HEAD outside the
admin reads from the replica: writes, the newsroom (which must see what it just
saved) and any request carrying a session read from the primary, so replication
lag is never visible to someone who just changed something.
"""

import contextvars

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"
_use_replica = contextvars.ContextVar("use_replica", default=False)


class PrimaryReplicaRouter:
    """Read from the replica while a reader's request allows it; always write to the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _use_replica.get() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: a replica row may point at a primary row.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary through PostgreSQL's replication.
        return db == PRIMARY


def replica_allowed(request):
    """Whether this request is a reader's page view that may read slightly stale data."""
    if request.method not in {"GET", "HEAD"}:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not request.path.startswith((f"/{settings.ADMIN_URL}", "/ckeditor/", "/healthz"))


class ReplicaReadsMiddleware:
    """Let the router read from the replica for the duration of a reader's request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _use_replica.set(replica_allowed(request))
        try:
            return self.get_response(request)
        finally:
            _use_replica.reset(token)
