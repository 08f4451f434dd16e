"""Public catalog API views: one per operation, reading through the catalog selectors.

Everything here is read-only and open to anyone, so no authentication runs (no session or
user lookup, no CSRF). Lists of things that grow with the catalog (products, regions,
producers) are paginated by page number: ``?page=2&page_size=50``. Page numbers rather than
a cursor because products can be sorted by relevance, price or date, and a cursor needs one
fixed ordering. The curated taxonomies (categories, programmes) are short and come whole.

Errors are JSON: an unknown filter value is a 400 naming the field, an unknown slug or page
a 404 with a ``detail``.
"""
import django_filters
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from ovop_market.cache import anonymous_page_cache
from sellers.models import Cooperative

from .. import selectors
from ..filters import ProductFilter
from ..models import Category, Programme, Region
from ..search import MAX_QUERY_CHARS
from . import serializers as output


class CatalogPagination(PageNumberPagination):
    # The storefront's paginator: counts through the cache and reads deep pages id-first.
    django_paginator_class = selectors.CatalogPaginator
    page_size = settings.CATALOG_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = 100


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No public object with this slug.")
INVALID_PAGE = OpenApiResponse(ErrorSerializer, description="The page does not exist.")
INVALID_FILTERS = OpenApiResponse(
    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description="A filter value is not valid; each bad parameter is a key with its messages.",
)


def _query(name, type_, description, **kwargs) -> OpenApiParameter:
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description, **kwargs)


PAGE_SIZE_PARAMETER = _query(
    "page_size", OpenApiTypes.INT,
    format_lazy(
        _("Results per page: {default} unless given, at most {max}."),
        default=CatalogPagination.page_size, max=CatalogPagination.max_page_size,
    ),
)
PRODUCT_FILTER_PARAMETERS = [
    _query("q", OpenApiTypes.STR, format_lazy(
        _("Words to find in names, stories, categories, places and producers. Accents and small typos are "
          "forgiven; only the first {limit} characters count."),
        limit=MAX_QUERY_CHARS,
    )),
    _query("category", OpenApiTypes.STR, _("A category's slug: products in it or in any category under it.")),
    _query("region", OpenApiTypes.STR, _("A region's slug: products made in it or anywhere under it.")),
    _query("programme", OpenApiTypes.STR, _("A programme's slug: products holding an unexpired grade under it.")),
    _query("grade", OpenApiTypes.STR, _("A grade level's slug: products holding that grade, unexpired.")),
    _query("min_price", OpenApiTypes.DECIMAL, _("Lowest price, in the marketplace currency.")),
    _query("max_price", OpenApiTypes.DECIMAL, _(
        "Highest price, in the marketplace currency. A range given upside down is read the right way up."
    )),
    PAGE_SIZE_PARAMETER,
]


class PublicCatalogApi:
    """Anyone may read; nobody logs in. JSON only, errors included, whatever a browser asks for:
    /api/docs/ is the browsable view, and the browsable renderer's filter forms would list every region.

    Answers come from the storefront's anonymous page cache (keyed by address, query string and
    language, dropped whenever the catalog changes), like the pages they mirror.
    """

    @classmethod
    def as_view(cls, **initkwargs):
        return anonymous_page_cache(super().as_view(**initkwargs))

    authentication_classes = ()
    permission_classes = (AllowAny,)
    renderer_classes = (JSONRenderer,)
    pagination_class = None
    filter_backends = ()


@extend_schema_view(
    get=extend_schema(
        summary="List public products",
        description=(
            "Approved products of verified producers, filtered and searched like the storefront listing. "
            "With `q` the default order is relevance, otherwise newest first."
        ),
        parameters=PRODUCT_FILTER_PARAMETERS,
        responses={200: output.ProductCardSerializer(many=True), 400: INVALID_FILTERS, 404: INVALID_PAGE},
    )
)
class ProductListApi(PublicCatalogApi, generics.ListAPIView):
    serializer_class = output.ProductCardSerializer
    pagination_class = CatalogPagination
    filter_backends = (DjangoFilterBackend,)
    filterset_class = ProductFilter

    def get_queryset(self):
        return selectors.product_list_public()


@extend_schema_view(
    get=extend_schema(
        summary="Read a public product",
        description="The product page's content: story, photos, grades, shipping facts and related products.",
        responses={200: output.ProductDetailSerializer, 404: NOT_FOUND},
    )
)
class ProductDetailApi(PublicCatalogApi, generics.RetrieveAPIView):
    serializer_class = output.ProductDetailSerializer

    def get_object(self):
        return selectors.product_detail_public(slug=self.kwargs["slug"])


@extend_schema_view(get=extend_schema(summary="List categories", description="The whole tree, parents first."))
class CategoryListApi(PublicCatalogApi, generics.ListAPIView):
    queryset = Category.objects.select_related("parent").order_by("path")
    serializer_class = output.CategorySerializer


class RegionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Region.Kind.choices, help_text=_("Only regions of this kind."))
    parent = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="slug", help_text=_("Only the direct children of this region.")
    )

    class Meta:
        model = Region
        fields: list[str] = []


@extend_schema_view(
    get=extend_schema(
        summary="List regions",
        description="Economies, provinces, districts and villages, in tree order.",
        parameters=[PAGE_SIZE_PARAMETER],
        responses={200: output.RegionSerializer(many=True), 400: INVALID_FILTERS, 404: INVALID_PAGE},
    )
)
class RegionListApi(PublicCatalogApi, generics.ListAPIView):
    queryset = Region.objects.select_related("parent").order_by("path")
    serializer_class = output.RegionSerializer
    pagination_class = CatalogPagination
    filter_backends = (DjangoFilterBackend,)
    filterset_class = RegionFilter


@extend_schema_view(
    get=extend_schema(
        summary="Read a region",
        description="A region or village with its story, photos and its place in the tree.",
        responses={200: output.RegionDetailSerializer, 404: NOT_FOUND},
    )
)
class RegionDetailApi(PublicCatalogApi, generics.RetrieveAPIView):
    serializer_class = output.RegionDetailSerializer

    def get_object(self):
        return selectors.region_public(slug=self.kwargs["slug"])


@extend_schema_view(
    get=extend_schema(summary="List programmes", description="Certifying programmes with their grade scales.")
)
class ProgrammeListApi(PublicCatalogApi, generics.ListAPIView):
    queryset = Programme.objects.select_related("economy").prefetch_related("levels")
    serializer_class = output.ProgrammeSerializer


@extend_schema_view(
    get=extend_schema(summary="Read a programme", responses={200: output.ProgrammeSerializer, 404: NOT_FOUND})
)
class ProgrammeDetailApi(PublicCatalogApi, generics.RetrieveAPIView):
    queryset = Programme.objects.select_related("economy").prefetch_related("levels")
    serializer_class = output.ProgrammeSerializer
    lookup_field = "slug"


@extend_schema_view(
    get=extend_schema(
        summary="List producers",
        description="Verified cooperatives, family workshops and community enterprises, by name.",
        parameters=[PAGE_SIZE_PARAMETER],
        responses={200: output.ProducerSerializer(many=True), 404: INVALID_PAGE},
    )
)
class ProducerListApi(PublicCatalogApi, generics.ListAPIView):
    queryset = (
        Cooperative.objects.filter(verification_status=Cooperative.Verification.VERIFIED)
        .select_related("village")
        .order_by("name", "pk")
    )
    serializer_class = output.ProducerSerializer
    pagination_class = CatalogPagination


@extend_schema_view(
    get=extend_schema(
        summary="Read a producer",
        description="A verified producer; one waiting for verification is not found.",
        responses={200: output.ProducerSerializer, 404: NOT_FOUND},
    )
)
class ProducerDetailApi(PublicCatalogApi, generics.RetrieveAPIView):
    serializer_class = output.ProducerSerializer

    def get_object(self):
        return selectors.cooperative_public(slug=self.kwargs["slug"])
