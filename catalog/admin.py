"""Programme officers' view of the catalog. Moderation tooling comes with the officers issue;
status changes are never edited here directly (the field is read-only), only through services."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ovop_market.admin import StatusChangeInline

from .models import (
    Category,
    Grade,
    GradeLevel,
    Product,
    ProductImage,
    ProductStatusChange,
    Programme,
    Region,
    RegionImage,
)
from .search import product_search_refresh
from .selectors import taxonomy_cache_clear


class TaxonomyAdmin(admin.ModelAdmin):
    """Categories, regions and programmes feed the cached filter menus: clear them on change."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        taxonomy_cache_clear()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        taxonomy_cache_clear()


class RegionImageInline(admin.TabularInline):
    model = RegionImage
    extra = 0


@admin.register(Region)
class RegionAdmin(TaxonomyAdmin):
    list_display = ("name", "kind", "path", "featured")
    list_filter = ("kind", "featured")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "depth")
    inlines = [RegionImageInline]


@admin.register(Category)
class CategoryAdmin(TaxonomyAdmin):
    list_display = ("name", "path", "position")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "depth")


class GradeLevelInline(admin.TabularInline):
    model = GradeLevel
    extra = 0
    prepopulated_fields = {"slug": ("code",)}


@admin.register(Programme)
class ProgrammeAdmin(TaxonomyAdmin):
    list_display = ("code", "name", "economy", "validity_months")
    search_fields = ("name", "code")
    prepopulated_fields = {"slug": ("code",)}
    inlines = [GradeLevelInline]


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    extra = 0
    fields = ("image", "alt_text", "position", "width", "height")
    readonly_fields = ("width", "height")


class GradeInline(admin.TabularInline):
    model = Grade
    extra = 0
    fields = ("programme", "level", "issuing_level", "certificate_number", "issued_on", "expires_on")
    autocomplete_fields = ("level",)


class ProductStatusChangeInline(StatusChangeInline):
    model = ProductStatusChange


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "cooperative", "category", "price", "stock", "status", "approved_at")
    list_filter = ("status", "made_to_order", "fragile", "featured")
    list_select_related = ("cooperative", "category")
    search_fields = ("name", "slug", "cooperative__name")
    raw_id_fields = ("cooperative", "origin")
    autocomplete_fields = ("category",)
    readonly_fields = ("status", "approved_at", "created_at", "updated_at")
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("name", "slug", "cooperative", "category", "origin", "summary", "featured")}),
        (_("Story"), {"fields": ("story_makers", "story_materials", "story_process", "story_place",
                              "story_use", "story_care", "video_url")}),
        (_("Sale"), {"fields": ("price", "stock", "made_to_order", "lead_time_days", "season_note")}),
        (_("Shipping"), {"fields": ("weight_grams", "length_cm", "width_cm", "height_cm", "fragile")}),
        (_("Moderation"), {"fields": ("status", "approved_at", "created_at", "updated_at")}),
    )
    inlines = [ProductImageInline, GradeInline, ProductStatusChangeInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        product_search_refresh(product_ids=[form.instance.pk])


@admin.register(GradeLevel)
class GradeLevelAdmin(TaxonomyAdmin):
    list_display = ("programme", "name", "code", "rank", "min_score")
    list_filter = ("programme",)
    search_fields = ("name", "code", "programme__code")


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ("product", "programme", "level", "issuing_level", "certificate_number", "expires_on")
    list_filter = ("programme", "issuing_level")
    list_select_related = ("product", "programme", "level__programme")
    search_fields = ("certificate_number", "product__name")
    raw_id_fields = ("product",)
    autocomplete_fields = ("level",)
