"""The officers' reports: counts and sums over the catalog, cooperatives and sales.

Every table is one or two GROUP BY queries in the database, whatever the number of products
(220,000 at national scale); Python only names and orders the groups. Each report reads through
the officer's scope (``ovop_market.officers``): a provincial officer's figures are their
province's, a superuser's the whole marketplace's.
"""
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Concat, StrIndex, Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .officers import officer_scope, officer_scope_filter

# Shipments that did not end in a sale.
NOT_SALES = ("cancelled", "returned")


@dataclass
class ReportTable:
    """One report: its column headings, its rows of values (numbers stay numbers, for export) and
    which column the bar chart draws."""

    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart_column: int | None = 1
    note: str = ""

    def lines(self) -> list[tuple[list, int | None]]:
        """Each row as (value, is a number) pairs, with its bar's width in percent of the largest
        value charted (None: no chart)."""
        largest = 1
        if self.chart_column is not None:
            largest = max((row[self.chart_column] or 0 for row in self.rows), default=0) or 1
        return [
            ([(value, isinstance(value, int | float | Decimal) and not isinstance(value, bool)) for value in row],
             None if self.chart_column is None else round(100 * (row[self.chart_column] or 0) / largest))
            for row in self.rows
        ]


def path_segment(path_field: str, index: int):
    """The ``index``-th (1 or 2) slug of a materialised path ("vn/ha-noi/gia-lam/" → "vn", "ha-noi")
    as a database expression, on PostgreSQL and SQLite alike. Slugs are unique, so they name nodes."""
    path = F(path_field)
    if index == 1:
        return Substr(path, 1, StrIndex(path, Value("/")) - 1)
    rest = Substr(path, StrIndex(path, Value("/")) + 1)
    return Substr(rest, 1, StrIndex(Concat(rest, Value("/")), Value("/")) - 1)


def _percent(part, whole) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _choice_rows(counts: dict, choices) -> list[list]:
    return [[str(label), counts.get(value, 0)] for value, label in choices if counts.get(value)]


# --- the scope ---------------------------------------------------------------------------------------

def _products(user) -> QuerySet:
    from catalog.models import Product

    return officer_scope_filter(Product.objects.all(), user)


def _cooperatives(user) -> QuerySet:
    from sellers.models import Cooperative

    return officer_scope_filter(Cooperative.objects.all(), user)


def _active_grades(user) -> QuerySet:
    from catalog.selectors import grades_active

    return officer_scope_filter(grades_active(), user)


def _sold_shipments(user) -> QuerySet:
    from orders.models import Shipment

    shipments = Shipment.objects.exclude(status__in=NOT_SALES)
    if not officer_scope(user).everything:
        shipments = shipments.filter(cooperative__in=_cooperatives(user).values("pk"))
    return shipments


# --- products ----------------------------------------------------------------------------------------

def products_by_status(*, user) -> ReportTable:
    from catalog.models import Product

    counts = dict(_products(user).order_by().values_list("status").annotate(n=Count("pk")))
    return ReportTable("products-status", _("Products by status"), [_("Status"), _("Products")],
                       _choice_rows(counts, Product.Status.choices))


def products_by_programme(*, user) -> ReportTable:
    rows = (
        _active_grades(user).order_by().values_list("programme__code", "programme__name")
        .annotate(products=Count("product", distinct=True)).order_by("-products", "programme__code")
    )
    return ReportTable(
        "products-programme", _("Products by programme"), [_("Programme"), _("Products"), _("Name")],
        [[code, products, name] for code, name, products in rows],
        note=_("Products holding an unexpired certificate of the programme."),
    )


def products_by_grade(*, user) -> ReportTable:
    rows = (
        _active_grades(user).order_by().values_list("programme__code", "level__name", "level__rank")
        .annotate(products=Count("product", distinct=True)).order_by("programme__code", "-level__rank")
    )
    return ReportTable(
        "products-grade", _("Products by grade"), [_("Grade"), _("Products"), _("Programme")],
        [[f"{code} {level}", products, code] for code, level, _rank, products in rows],
        note=_("Unexpired certificates only."),
    )


def _region_names(slugs) -> dict:
    from catalog.models import Region

    return {region.slug: region for region in Region.objects.filter(slug__in=[s for s in slugs if s])
            .select_related("parent")}


def products_by_region(*, user) -> ReportTable:
    counts = dict(
        _products(user).order_by().annotate(province=path_segment("origin__path", 2))
        .values_list("province").annotate(n=Count("pk"))
    )
    regions = _region_names(counts)
    rows = []
    for slug, products in counts.items():
        region = regions.get(slug)
        economy = region.parent.name if region and region.parent_id else ""
        rows.append([region.name if region else _("(economy level)"), products, economy])
    rows.sort(key=lambda row: (-row[1], row[0]))
    return ReportTable("products-region", _("Products by province"), [_("Province"), _("Products"), _("Economy")],
                       rows, note=_("By the product's origin."))


def products_by_category(*, user) -> ReportTable:
    from catalog.models import Category

    counts = dict(
        _products(user).order_by().annotate(top=path_segment("category__path", 1))
        .values_list("top").annotate(n=Count("pk"))
    )
    names = dict(Category.objects.filter(slug__in=list(counts)).values_list("slug", "name"))
    rows = sorted(([names.get(slug, slug), products] for slug, products in counts.items()),
                  key=lambda row: (-row[1], row[0]))
    return ReportTable("products-category", _("Products by category"), [_("Category"), _("Products")], rows,
                       note=_("Top-level categories, with everything under them."))


def decision_times(*, user) -> ReportTable:
    """How long listings waited: from each submission to the officer's decision on it (approve,
    request changes, reject), from the products' status history. Median found in the database:
    one count, then the middle row(s) of the sorted waits."""
    from catalog.models import Product, ProductStatusChange

    Status = Product.Status
    changes = officer_scope_filter(ProductStatusChange.objects.all(), user)
    submitted_at = Subquery(
        ProductStatusChange.objects.filter(
            product=OuterRef("product"), to_status=Status.SUBMITTED, created_at__lte=OuterRef("created_at")
        ).order_by("-created_at", "-pk").values("created_at")[:1]
    )
    decisions = (
        changes.filter(from_status=Status.SUBMITTED,
                       to_status__in=[Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED])
        .annotate(submitted_at=submitted_at).filter(submitted_at__isnull=False)
        .annotate(wait=ExpressionWrapper(F("created_at") - F("submitted_at"), output_field=DurationField()))
    )
    count = decisions.count()
    median_days = None
    if count:
        middle = list(decisions.order_by("wait").values_list("wait", flat=True)[(count - 1) // 2: count // 2 + 1])
        seconds = sum(wait.total_seconds() for wait in middle) / len(middle)
        median_days = Decimal(seconds / 86400).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return ReportTable(
        "decision-time", _("Time from submission to decision"), [_("Measure"), _("Value")],
        [[_("Decisions"), count], [_("Median wait (days)"), median_days if median_days is not None else ""]],
        chart_column=None,
    )


# --- cooperatives ------------------------------------------------------------------------------------

def cooperatives_by_type(*, user) -> ReportTable:
    from sellers.models import Cooperative

    counts = dict(_cooperatives(user).order_by().values_list("kind").annotate(n=Count("pk")))
    return ReportTable("cooperatives-type", _("Cooperatives by type"), [_("Type"), _("Cooperatives")],
                       _choice_rows(counts, Cooperative.Kind.choices))


def cooperatives_by_verification(*, user) -> ReportTable:
    from sellers.models import Cooperative

    counts = dict(_cooperatives(user).order_by().values_list("verification_status").annotate(n=Count("pk")))
    return ReportTable("cooperatives-verification", _("Cooperatives by verification status"),
                       [_("Status"), _("Cooperatives")], _choice_rows(counts, Cooperative.Verification.choices))


def women_in_cooperatives(*, user) -> ReportTable:
    """Members, women members and women-led cooperatives (more than half women) of the verified
    cooperatives, by type, with a total row."""
    from sellers.models import Cooperative

    groups = (
        _cooperatives(user).filter(verification_status=Cooperative.Verification.VERIFIED).order_by()
        .annotate(women_twice=F("women_members_count") * 2)
        .values_list("kind")
        .annotate(cooperatives=Count("pk"), members=Sum("members_count"), women=Sum("women_members_count"),
                  women_led=Count("pk", filter=Q(women_twice__gt=F("members_count"))))
    )
    found = {kind: rest for kind, *rest in groups}
    rows = []
    total = [0, 0, 0, 0]
    for kind, label in Cooperative.Kind.choices:
        if kind not in found:
            continue
        cooperatives, members, women, women_led = (value or 0 for value in found[kind])
        total = [a + b for a, b in zip(total, (cooperatives, members, women, women_led), strict=True)]
        rows.append([str(label), cooperatives, members, women, _percent(women, members), women_led,
                     _percent(women_led, cooperatives)])
    if rows:
        cooperatives, members, women, women_led = total
        rows.append([_("All"), cooperatives, members, women, _percent(women, members), women_led,
                     _percent(women_led, cooperatives)])
    return ReportTable(
        "women", _("Women members and women-led cooperatives"),
        [_("Type"), _("Cooperatives"), _("Members"), _("Women members"), _("Women (%)"), _("Women-led"),
         _("Women-led (%)")],
        rows, chart_column=None, note=_("Verified cooperatives. Women-led: more than half of the members are women."),
    )


# --- sales -------------------------------------------------------------------------------------------

def sales_by_province(*, user) -> ReportTable:
    groups = (
        _sold_shipments(user).order_by().annotate(province=path_segment("cooperative__village__path", 2))
        .values_list("province", "order__currency")
        .annotate(shipments=Count("pk"), goods=Sum("subtotal"))
    )
    groups = list(groups)
    regions = _region_names({province for province, *_rest in groups})
    rows = []
    for province, currency, shipments, goods in groups:
        region = regions.get(province)
        rows.append([region.name if region else _("(no province)"), shipments, currency, goods])
    rows.sort(key=lambda row: (-row[1], row[0], row[2]))
    return ReportTable(
        "sales-province", _("Sales by province"), [_("Province"), _("Shipments"), _("Currency"), _("Goods sold")],
        rows, note=_("By the producer's province. Cancelled and returned shipments are not counted; "
                     "amounts are the goods, without shipping."),
    )


def sales_by_programme(*, user) -> ReportTable:
    from catalog.selectors import grades_active
    from orders.models import OrderLine

    lines = OrderLine.objects.filter(shipment__in=_sold_shipments(user).values("pk"))
    grades = grades_active()
    scope = officer_scope(user)
    if scope.programme_ids is not None and not scope.everything:
        grades = grades.filter(programme__in=scope.programme_ids)
    groups = (
        lines.annotate(programme=Subquery(
            grades.filter(product=OuterRef("product")).order_by("-level__rank").values("programme__code")[:1]))
        .filter(programme__isnull=False).order_by()
        .values_list("programme", "shipment__order__currency")
        .annotate(shipments=Count("shipment", distinct=True), units=Sum("quantity"), sales=Sum("line_total"))
    )
    rows = sorted(([programme, shipments, currency, units, sales] for programme, currency, shipments, units, sales
                   in groups), key=lambda row: (-row[1], row[0], row[2]))
    return ReportTable(
        "sales-programme", _("Sales by programme"),
        [_("Programme"), _("Shipments"), _("Currency"), _("Units"), _("Goods sold")], rows,
        note=_("Lines of certified products, each counted under its best unexpired certificate."),
    )


REPORTS = {
    "products-status": products_by_status,
    "products-programme": products_by_programme,
    "products-grade": products_by_grade,
    "products-region": products_by_region,
    "products-category": products_by_category,
    "decision-time": decision_times,
    "cooperatives-type": cooperatives_by_type,
    "cooperatives-verification": cooperatives_by_verification,
    "women": women_in_cooperatives,
    "sales-province": sales_by_province,
    "sales-programme": sales_by_programme,
}
SECTIONS = (
    (gettext_lazy("Products"), ("products-status", "products-programme", "products-grade", "products-region",
                                "products-category", "decision-time")),
    (gettext_lazy("Cooperatives"), ("cooperatives-type", "cooperatives-verification", "women")),
    (gettext_lazy("Sales"), ("sales-province", "sales-programme")),
)


def report_tables(*, user) -> list[tuple[str, list[ReportTable]]]:
    return [(title, [REPORTS[key](user=user) for key in keys]) for title, keys in SECTIONS]
