"""Admin changelists at national scale (220,000 products, 100,000 producers).

Django's changelist counts the rows it pages through. Counting a whole large table on
PostgreSQL reads all of it; for an unfiltered list the planner's estimate (``pg_class.reltuples``,
kept by autovacuum) is close enough to say "about N". Filtered lists (and any scoped officer's
list) are counted exactly: they are smaller and the number matters there.
"""
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

# Below this many rows an exact count is cheap; the estimate is used only above it.
ESTIMATE_FROM_ROWS = 50_000


def table_rows_estimate(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the rows in ``queryset``'s table, or None elsewhere or if unknown."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                       [connection.ops.quote_name(queryset.model._meta.db_table)])
        row = cursor.fetchone()
    return row[0] if row and row[0] is not None and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    """A paginator that takes PostgreSQL's estimate for an unfiltered, large table."""

    @cached_property
    def count(self):
        queryset = self.object_list
        if isinstance(queryset, QuerySet) and not queryset.query.where and not queryset.query.distinct:
            estimate = table_rows_estimate(queryset)
            if estimate is not None and estimate >= ESTIMATE_FROM_ROWS:
                return estimate
        return super().count


class LargeTableAdmin:
    """For changelists over large tables: no full count, an estimated count when unfiltered."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50
