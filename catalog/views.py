"""The storefront: server-rendered pages a buyer browses, phone first, usable without JavaScript."""
import posixpath

from django.conf import settings
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import render
from django.views.static import serve

from orders.models import MAX_LINE_QUANTITY
from ovop_market.cache import anonymous_page_cache

from . import selectors
from .filters import ProductFilter


@anonymous_page_cache
def home(request):
    return render(request, "catalog/home.html", selectors.home_page())


@anonymous_page_cache
def product_list(request):
    filterset = ProductFilter(request.GET, queryset=selectors.product_list_public())
    page = _page(request, filterset.qs)
    # A value that named nothing was dropped from the filtering; the page says which ones.
    ignored_filters = [filterset.form.fields[name].label for name in filterset.form.errors]
    region = filterset.form.cleaned_data.get("region")
    return render(
        request,
        "catalog/product_list.html",
        {
            "page_obj": page,
            "products": page.object_list,
            "params": filterset.form.data,
            "taxonomy": selectors.taxonomy_options(),
            "region_outside_menu": region if region and region["kind"] not in selectors.REGION_KINDS_IN_MENU else None,
            "availability_choices": ProductFilter.Availability.CHOICES,
            "sort_choices": ProductFilter.SORT_CHOICES,
            "ignored_filters": ignored_filters,
        },
    )


@anonymous_page_cache
def product_detail(request, slug):
    product = selectors.product_detail_public(slug=slug)
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "images": product.images.all(),
            "village_trail": selectors.region_trail(product.cooperative.village),
            "related_products": product.related_products,
            "reviews": selectors.product_reviews_shown(product=product),
            # The add-to-cart form offers what may be bought at once; the cart checks it again.
            "max_quantity": MAX_LINE_QUANTITY if product.made_to_order else min(MAX_LINE_QUANTITY, product.stock),
        },
    )


@anonymous_page_cache
def producer(request, slug):
    cooperative = selectors.cooperative_public(slug=slug)
    village = cooperative.village
    page = _page(request, selectors.products_of_cooperative(cooperative=cooperative))
    return render(
        request,
        "catalog/producer.html",
        {
            "cooperative": cooperative,
            "village_trail": [*village.ancestors(), village],
            "page_obj": page,
            "products": page.object_list,
        },
    )


@anonymous_page_cache
def region(request, slug):
    region = selectors.region_public(slug=slug)
    page = _page(request, selectors.products_in_region(region=region))
    return render(
        request,
        "catalog/region.html",
        {
            "region": region,
            "ancestors": region.ancestors(),
            "photos": selectors.region_photos(region=region),
            "children": selectors.region_children(region=region),
            "producers": selectors.cooperatives_in_region(region=region),
            "page_obj": page,
            "products": page.object_list,
        },
    )


def _page(request, queryset: QuerySet) -> Page:
    """The requested page of ``queryset``; a page number that is not one still gets a page."""
    return selectors.CatalogPaginator(queryset, settings.CATALOG_PAGE_SIZE).get_page(request.GET.get("page"))


# Rendition names contain a fingerprint of their content, so a browser may keep them for good.
IMMUTABLE = "public, max-age=31536000, immutable"


def media(request, path):
    """Media files for the embedded run (``SERVE_MEDIA``). Renditions are cached for a year;
    photo originals are never served (they may carry the GPS position of an artisan's home), nor
    anything under ``private/`` (cooperative documents, served only by sellers:document_download).
    The path is normalised first, as ``serve`` will, so "renditions/../private/…" is refused too."""
    if posixpath.normpath(path).lstrip("/").startswith(("originals/", "private/")):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if path.startswith("renditions/"):
        response["Cache-Control"] = IMMUTABLE
    return response
