"""Catalog reads shaped for the storefront and the API.

Only approved products of verified cooperatives are public. Each selector returns what its
page shows, with related rows fetched up front so query counts do not grow with page size.
"""
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import (
    Avg,
    CharField,
    Count,
    Exists,
    FloatField,
    IntegerField,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property

from ovop_market.cache import catalog_count
from sellers.models import Cooperative

from .models import Category, Grade, GradeLevel, Product, ProductImage, Programme, Region, RegionImage

TAXONOMY_CACHE_KEY = "catalog:taxonomy:v2"
TAXONOMY_CACHE_SECONDS = 600
# Regions listed in filter menus; smaller ones are reached from a village page's link.
REGION_KINDS_IN_MENU = (Region.Kind.ECONOMY, Region.Kind.PROVINCE)


def grades_active(*, on=None) -> QuerySet:
    """Grades not yet expired on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return Grade.objects.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))


def products_public() -> QuerySet:
    """Approved products of verified cooperatives.

    Written as "not of an unverified cooperative": the few unverified cooperatives are one small
    hashed list, so a listing walks its product index without a lookup per row (a join on the
    cooperative costs a lookup for each row skipped on page 500).
    """
    # Named statuses rather than "not verified": an IN list can use the status index.
    statuses = [status for status in Cooperative.Verification.values if status != Cooperative.Verification.VERIFIED]
    unverified = Cooperative.objects.filter(verification_status__in=statuses).values("pk")
    return Product.objects.filter(status=Product.Status.APPROVED).exclude(cooperative__in=unverified)


def _products_public_by_join() -> QuerySet:
    """``products_public`` for a handful of known rows: checking each one's cooperative on the
    join is cheaper than listing the unverified cooperatives (and plans as lookups by key)."""
    return Product.objects.filter(
        status=Product.Status.APPROVED, cooperative__verification_status=Cooperative.Verification.VERIFIED
    )


def products_with_active_grade(queryset: QuerySet, **grade_filters) -> QuerySet:
    """Products of ``queryset`` holding an unexpired grade that matches ``grade_filters``."""
    return queryset.filter(Exists(grades_active().filter(product=OuterRef("pk"), **grade_filters)))


SEARCH_COLUMNS = ("search_name", "search_text", "search_vector")


def product_cards(queryset: QuerySet) -> QuerySet:
    """``queryset`` with what a product card shows: producer, origin, photos, active grades.

    The search columns (the folded text and its vector, the widest in the table) stay in the
    database: no page shows them.
    """
    return _card_rows(queryset).prefetch_related(*_card_prefetches())


def _card_rows(queryset: QuerySet) -> QuerySet:
    return queryset.defer(*SEARCH_COLUMNS).select_related("cooperative", "origin", "category")


def _card_prefetches() -> list[Prefetch]:
    return [
        # Photos added to an approved product stay hidden until the officer approves the revision.
        Prefetch("images", queryset=ProductImage.objects.filter(published=True).order_by("position", "pk")),
        Prefetch(
            "grades",
            queryset=grades_active().select_related("level", "programme").order_by("-level__rank"),
            to_attr="active_grades",
        ),
    ]


def product_list_public() -> QuerySet:
    return product_cards(products_public())


def product_detail_public(*, slug: str) -> Product:
    """The public product with ``slug``, or 404, with its review rating (``rating_average``,
    ``rating_count``) and its village's ancestors (for ``region_trail``) read in the same query,
    and its ``related_products``. The photos and grades of the product and of its related
    products are fetched together: two queries rather than four on every uncached visit."""
    queryset = (
        _card_rows(_products_public_by_join())
        # Villages sit three levels under their economy: the whole trail comes with the product.
        .select_related("cooperative__village__parent__parent__parent")
        .annotate(**review_rating_annotations())
    )
    product = get_object_or_404(queryset, slug=slug)
    product.related_products = _products_related(product=product)
    prefetch_related_objects([product, *product.related_products], *_card_prefetches())
    prefetch_related_objects([product], "makers")
    return product


def region_trail(region: Region) -> list[Region]:
    """``region``'s ancestors from the root down, then itself: no query when the parents were
    fetched with it (``select_related``)."""
    trail = [region]
    while trail[0].parent_id is not None:
        trail.insert(0, trail[0].parent)
    return trail


def review_rating_annotations() -> dict:
    """``rating_average`` (None without reviews) and ``rating_count`` of a product's published
    reviews, as subqueries: the product page gets them in its own query."""
    from orders.models import Review

    published = Review.objects.filter(product=OuterRef("pk"), published=True).order_by().values("product")
    return {
        "rating_average": Subquery(published.annotate(value=Avg("rating")).values("value"), output_field=FloatField()),
        "rating_count": Coalesce(Subquery(published.annotate(value=Count("pk")).values("value")), 0),
    }


PRODUCT_PAGE_REVIEWS = 10


def product_reviews_shown(*, product: Product, limit: int = PRODUCT_PAGE_REVIEWS) -> list:
    """The newest published reviews of ``product`` with the producer's reply and each review's
    first photo (``photo_shown``), in one query; none at all when it has no reviews."""
    from orders.models import Review, ReviewPhoto

    if not getattr(product, "rating_count", 1):
        return []
    photos = ReviewPhoto.objects.filter(review=OuterRef("pk")).order_by("position", "pk")
    photo_fields = {"rendition_status": CharField(), "renditions": JSONField(), "alt_text": CharField(),
                    "width": IntegerField(), "height": IntegerField()}
    reviews = list(
        Review.objects.filter(product=product, published=True)
        .only("author_name", "rating", "text", "reply", "replied_at", "created_at", "product_id")
        .annotate(**{f"photo_{name}": Subquery(photos.values(name)[:1], output_field=field)
                     for name, field in photo_fields.items()})
        .order_by("-created_at", "-pk")[:limit]
    )
    for review in reviews:
        review.photo_shown = ReviewPhoto(**{name: getattr(review, f"photo_{name}") for name in photo_fields}) if (
            review.photo_rendition_status) else None
    return reviews


def _products_related(*, product: Product, limit: int = 4) -> list[Product]:
    """Other public products from the same cooperative or the same village, newest first, with
    their producer, village and category (``product_detail_public`` adds photos and grades).

    The candidates are the newest few of each, read from two indexes and united: an ``OR`` of
    the two would walk the whole catalog by date when the product's producer and village have
    few others (one query all the same).
    """
    approved = Product.Status.APPROVED
    newest = """
        SELECT * FROM (SELECT id FROM catalog_product WHERE {column} = %s AND status = %s AND id <> %s
                       ORDER BY approved_at DESC, id DESC LIMIT %s) AS {column}_newest"""
    candidates = RawSQL(
        newest.format(column="cooperative_id") + " UNION " + newest.format(column="origin_id"),
        [product.cooperative_id, approved, product.pk, limit * 2, product.origin_id, approved, product.pk, limit * 2],
    )
    queryset = _products_public_by_join().filter(pk__in=candidates).order_by("-approved_at", "-pk")
    return list(_card_rows(queryset)[:limit])


def cooperative_public(*, slug: str) -> Cooperative:
    return get_object_or_404(
        Cooperative.objects.select_related("village", "village__parent"),
        slug=slug,
        verification_status=Cooperative.Verification.VERIFIED,
    )


def region_public(*, slug: str) -> Region:
    return get_object_or_404(Region.objects.select_related("parent"), slug=slug)


def products_in_region(*, region: Region) -> QuerySet:
    return product_list_public().filter(origin__path__startswith=region.path)


def region_children(*, region: Region) -> list[Region]:
    return list(region.children.order_by("name"))


def region_photos(*, region: Region) -> list[RegionImage]:
    return list(region.images.all())


def cooperatives_in_region(*, region: Region, limit: int = 24) -> list[Cooperative]:
    """Verified producers whose village is ``region`` or lies beneath it, by name."""
    return list(
        Cooperative.objects.filter(
            verification_status=Cooperative.Verification.VERIFIED,
            village__path__startswith=region.path,
        )
        .select_related("village")
        .order_by("name")[:limit]
    )


def products_of_cooperative(*, cooperative: Cooperative) -> QuerySet:
    return product_list_public().filter(cooperative=cooperative)


def products_in_category(queryset: QuerySet, *, category_path: str) -> QuerySet:
    return queryset.filter(category__path__startswith=category_path)


def home_page(*, products: int = 8, villages: int = 6) -> dict:
    """Featured villages, programmes and products for the home page."""
    featured = product_list_public().filter(featured=True)[:products]
    return {
        "featured_products": list(featured),
        "featured_villages": list(
            Region.objects.filter(featured=True)
            .select_related("parent")
            .prefetch_related("images")
            .order_by("name")[:villages]
        ),
        "programmes": list(Programme.objects.select_related("economy").prefetch_related("levels")),
    }


def taxonomy_options() -> dict:
    """Categories, menu regions, programmes and grade levels for filters and menus, cached.

    Three queries when cold, none when warm. Officers curate these rarely;
    ``taxonomy_cache_clear`` runs when they do.
    """
    options = cache.get(TAXONOMY_CACHE_KEY)
    if options is None:
        levels = list(
            GradeLevel.objects.order_by("programme__position", "programme__name", "-rank").values(
                "id", "slug", "name", "programme_id", "programme__code", "programme__slug", "programme__name"
            )
        )
        programmes = {}
        for level in levels:
            programmes.setdefault(level["programme__slug"], {
                "id": level["programme_id"], "slug": level["programme__slug"],
                "code": level["programme__code"], "name": level["programme__name"],
            })
        options = {
            "categories": list(Category.objects.values("id", "slug", "name", "depth", "path").order_by("path")),
            "regions": list(
                Region.objects.filter(kind__in=REGION_KINDS_IN_MENU)
                .values("id", "slug", "name", "depth", "kind", "path")
                .order_by("path")
            ),
            "programmes": list(programmes.values()),
            "grade_levels": levels,
        }
        cache.set(TAXONOMY_CACHE_KEY, options, TAXONOMY_CACHE_SECONDS)
    return options


def taxonomy_option(kind: str, slug: str) -> dict | None:
    """The cached ``categories``/``regions``/``programmes``/``grade_levels`` entry for ``slug``.

    A region too small for the menus (a district, a village) is read from the database.
    """
    for option in taxonomy_options()[kind]:
        if option["slug"] == slug:
            return option
    if kind == "regions":
        return Region.objects.filter(slug=slug).values("id", "slug", "name", "depth", "kind", "path").first()
    return None


def taxonomy_cache_clear() -> None:
    cache.delete(TAXONOMY_CACHE_KEY)


class CatalogPaginator(Paginator):
    """The storefront's paginator (the API's can be too: ``django_paginator_class``).

    Counts through the cache (the same count serves every page number of the same listing),
    and reads a deep page in two steps: the ids of the page first, from the index alone, then
    those rows with their producer, village and category. Joining first would join every row
    skipped on the way to page 500."""

    DEEP_FROM = 10  # pages; before that the single query is as fast and one query cheaper

    @cached_property
    def count(self) -> int:
        return catalog_count(self.object_list)

    def page(self, number):
        number = self.validate_number(number)
        if number <= self.DEEP_FROM:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:bottom + self.per_page])
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
