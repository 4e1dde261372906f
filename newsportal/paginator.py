"""A paginator for the admin's big tables: no COUNT(*) over every row of an unfiltered list."""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


def estimated_rows(model, using="default"):
    """Return PostgreSQL's own estimate of a table's rows (kept by ANALYZE), or None."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [connection.ops.quote_name(model._meta.db_table)],
        )
        row = cursor.fetchone()
    # -1: never analysed.
    return row[0] if row and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    """Count exactly when filtered (indexes make it quick); estimate a whole big table.

    Counting a million rows takes longer than showing the page itself; nobody needs
    the exact total of an unfiltered list, and the last pages still work.
    """

    # Below this, an exact count is cheap and an estimate would be noticeably off.
    exact_below = 50_000

    @cached_property
    def count(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is not None and not query.where and not query.combinator:
            estimate = estimated_rows(queryset.model, queryset.db)
            if estimate is not None and estimate >= self.exact_below:
                return estimate
        return super().count
