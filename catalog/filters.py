"""The catalog's filters, shared by the listing page and the API.

A value that names nothing (an unknown category, a non-number price) is a form error: the page
ignores that filter and says so, the API answers 400 with the error. Category, region,
programme and grade slugs are checked against the cached taxonomy, so a valid one costs no query.
"""
import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Product
from .search import product_search
from .selectors import products_in_category, products_with_active_grade, taxonomy_option


class TaxonomySlugField(forms.CharField):
    """A slug that must name an entry of the cached taxonomy; cleans to that entry (a dict)."""

    def __init__(self, *, taxonomy: str, **kwargs):
        self.taxonomy = taxonomy
        super().__init__(max_length=100, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        option = taxonomy_option(self.taxonomy, value)
        if option is None:
            raise ValidationError(_("“%(value)s” is not one of the choices."), code="invalid_choice",
                                  params={"value": value})
        return option


class TaxonomyFilter(django_filters.CharFilter):
    field_class = TaxonomySlugField


class ProductFilter(django_filters.FilterSet):
    class Availability:
        IN_STOCK = "in_stock"
        MADE_TO_ORDER = "made_to_order"
        CHOICES = [(IN_STOCK, _("In stock")), (MADE_TO_ORDER, _("Made to order"))]

    SORT_CHOICES = [
        ("relevance", _("Relevance")),
        ("newest", _("Newest")),
        ("price", _("Price: low to high")),
        ("-price", _("Price: high to low")),
    ]

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    category = TaxonomyFilter(label=_("Category"), taxonomy="categories", method="filter_category")
    region = TaxonomyFilter(label=_("Region"), taxonomy="regions", method="filter_region")
    programme = TaxonomyFilter(label=_("Programme"), taxonomy="programmes", method="filter_programme")
    grade = TaxonomyFilter(label=_("Grade"), taxonomy="grade_levels", method="filter_grade")
    min_price = django_filters.NumberFilter(label=_("Minimum price"), method="filter_price", min_value=0)
    max_price = django_filters.NumberFilter(label=_("Maximum price"), method="filter_price", min_value=0)
    availability = django_filters.ChoiceFilter(
        label=_("Availability"), choices=Availability.CHOICES, method="filter_availability"
    )
    sort = django_filters.ChoiceFilter(label=_("Sort"), choices=SORT_CHOICES, method="filter_sort", empty_label=None)

    class Meta:
        model = Product
        fields: list[str] = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            queryset = self.filter_sort(queryset, "sort", "relevance")
        return queryset

    def filter_q(self, queryset, name, value):
        return product_search(queryset, value) if value.strip() else queryset

    def filter_category(self, queryset, name, value):
        return products_in_category(queryset, category_path=value["path"])

    def filter_region(self, queryset, name, value):
        return queryset.filter(origin__path__startswith=value["path"])

    def filter_programme(self, queryset, name, value):
        return products_with_active_grade(queryset, programme_id=value["id"])

    def filter_grade(self, queryset, name, value):
        return products_with_active_grade(queryset, level_id=value["id"])

    def filter_price(self, queryset, name, value):
        # Both ends are applied together, swapped if entered upside down.
        low = self.form.cleaned_data.get("min_price")
        high = self.form.cleaned_data.get("max_price")
        if name == "max_price" and low is not None:
            return queryset
        if low is not None and high is not None and low > high:
            low, high = high, low
        if low is not None:
            queryset = queryset.filter(price__gte=low)
        if high is not None:
            queryset = queryset.filter(price__lte=high)
        return queryset

    def filter_availability(self, queryset, name, value):
        if value == self.Availability.MADE_TO_ORDER:
            return queryset.filter(made_to_order=True)
        return queryset.filter(made_to_order=False, stock__gt=0)

    def filter_sort(self, queryset, name, value):
        searching = bool(self.form.cleaned_data.get("q", "").strip())
        if value == "relevance" and searching:
            return queryset.order_by("-rank", "-approved_at", "-pk")
        if value == "price":
            return queryset.order_by("price", "-pk")
        if value == "-price":
            return queryset.order_by("-price", "-pk")
        return queryset.order_by("-approved_at", "-pk")
