"""Catalog reads shaped for the storefront and the API.

Only approved products of verified cooperatives are public. Each selector returns what its
page shows, with related rows fetched up front so query counts do not grow with page size.
"""
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sellers.models import Cooperative

from .models import Category, Grade, GradeLevel, Product, ProductImage, Programme, Region

TAXONOMY_CACHE_KEY = "catalog:taxonomy:v1"
TAXONOMY_CACHE_SECONDS = 600


def grades_active(*, on=None) -> QuerySet:
    """Grades not yet expired on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return Grade.objects.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))


def products_public() -> QuerySet:
    return Product.objects.filter(
        status=Product.Status.APPROVED,
        cooperative__verification_status=Cooperative.Verification.VERIFIED,
    )


def products_with_active_grade(queryset: QuerySet, **grade_filters) -> QuerySet:
    """Products of ``queryset`` holding an unexpired grade that matches ``grade_filters``."""
    return queryset.filter(Exists(grades_active().filter(product=OuterRef("pk"), **grade_filters)))


def product_cards(queryset: QuerySet) -> QuerySet:
    """``queryset`` with what a product card shows: producer, origin, photos, active grades."""
    return queryset.select_related("cooperative", "origin", "category").prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("position", "pk")),
        Prefetch(
            "grades",
            queryset=grades_active().select_related("level", "programme").order_by("-level__rank"),
            to_attr="active_grades",
        ),
    )


def product_list_public() -> QuerySet:
    return product_cards(products_public())


def product_detail_public(*, slug: str) -> Product:
    """The public product with ``slug``, or 404."""
    queryset = product_cards(products_public()).select_related("cooperative__village")
    return get_object_or_404(queryset, slug=slug)


def products_related(*, product: Product, limit: int = 4) -> list[Product]:
    """Other public products from the same cooperative or the same village."""
    queryset = products_public().filter(
        Q(cooperative_id=product.cooperative_id) | Q(origin_id=product.origin_id)
    ).exclude(pk=product.pk)
    return list(product_cards(queryset)[:limit])


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


def products_in_category(queryset: QuerySet, *, category: Category) -> QuerySet:
    return queryset.filter(category__path__startswith=category.path)


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
    """Categories, regions and programmes with grade levels for filter menus, cached.

    Officers curate these rarely; ``taxonomy_cache_clear`` runs when they do.
    """
    options = cache.get(TAXONOMY_CACHE_KEY)
    if options is None:
        options = {
            "categories": list(Category.objects.values("slug", "name", "depth").order_by("path")),
            "regions": list(
                Region.objects.filter(kind__in=[Region.Kind.ECONOMY, Region.Kind.PROVINCE])
                .values("slug", "name", "depth", "kind")
                .order_by("path")
            ),
            "programmes": list(Programme.objects.values("slug", "code", "name")),
            "grade_levels": list(
                GradeLevel.objects.select_related("programme")
                .order_by("programme__position", "programme__name", "-rank")
                .values("slug", "name", "programme__code")
            ),
        }
        cache.set(TAXONOMY_CACHE_KEY, options, TAXONOMY_CACHE_SECONDS)
    return options


def taxonomy_cache_clear() -> None:
    cache.delete(TAXONOMY_CACHE_KEY)
