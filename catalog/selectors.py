"""Catalog reads shaped for the storefront and the API.

Only approved products of verified cooperatives are public. Each selector returns what its
page shows, with related rows fetched up front so query counts do not grow with page size.
"""
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

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
        # Photos added to an approved product stay hidden until the officer approves the revision.
        Prefetch("images", queryset=ProductImage.objects.filter(published=True).order_by("position", "pk")),
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
    queryset = (
        product_cards(products_public()).select_related("cooperative__village").prefetch_related("makers")
    )
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
