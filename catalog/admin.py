"""Programme officers' view of the catalog. Moderation tooling comes with the officers issue;
status changes are never edited here directly (the field is read-only), only through services."""
from django.contrib import admin, messages
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ovop_market.admin import StatusChangeInline

from .models import (
    Category,
    Grade,
    GradeLevel,
    Photo,
    Product,
    ProductImage,
    ProductRevision,
    ProductStatusChange,
    Programme,
    Region,
    RegionImage,
)
from .search import product_search_refresh
from .selectors import taxonomy_cache_clear
from .services import (
    photo_add,
    photo_render_again,
    photo_replace,
    product_revision_approve,
    product_revision_reject,
)

PHOTO_INLINE_FIELDS = ("image", "alt_text", "position", "width", "height", "rendition_status", "rendition_error")
PHOTO_INLINE_READONLY = ("width", "height", "rendition_status", "rendition_error")


class PhotoInlinesSaveThroughServices:
    """New and replaced photos in an inline go through the photo services: checked, renamed, and
    their renditions requested from a worker. Other edits (alt text, order) save as usual."""

    def save_formset(self, request, form, formset, change):
        if not issubclass(formset.model, Photo):
            return super().save_formset(request, form, formset, change)
        photos = formset.save(commit=False)
        for photo in formset.deleted_objects:
            photo.delete()
        uploads = {
            id(photo_form.instance): photo_form.cleaned_data["image"]
            for photo_form in formset.forms
            if "image" in photo_form.changed_data and photo_form.cleaned_data.get("image")
        }
        for photo in photos:
            upload = uploads.get(id(photo))
            if photo.pk is None:
                photo_add(photo=photo, file=upload, by=request.user)
            elif upload is not None:
                photo_replace(photo=photo, file=upload, by=request.user)
            else:
                photo.save()
        formset.save_m2m()


@admin.action(description=_("Make the renditions again"))
def render_again(modeladmin, request, queryset):
    count = 0
    for photo in queryset:
        photo_render_again(photo=photo, by=request.user)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d photo will be rendered again.", "%(count)d photos will be rendered again.", count)
        % {"count": count},
        messages.SUCCESS,
    )


class PhotoAdmin(admin.ModelAdmin):
    """Photos and their renditions: officers find the failed ones and have them made again.
    Photos are added and replaced on their product's or region's page."""

    list_display = ("__str__", "owner", "rendition_status", "failure", "rendered_at")
    list_filter = ("rendition_status",)
    search_fields = ("alt_text",)
    actions = [render_again]
    readonly_fields = ("image", "width", "height", "rendition_status", "rendition_error", "placeholder_colour",
                       "source_fingerprint", "rendered_at", "renditions")
    fields = ("alt_text", "position", *readonly_fields)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("why it failed"))
    def failure(self, photo) -> str:
        return Truncator(photo.rendition_error).chars(80)


class TaxonomyAdmin(admin.ModelAdmin):
    """Categories, regions and programmes feed the cached filter menus: clear them on change."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        taxonomy_cache_clear()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        taxonomy_cache_clear()


class PhotoInline(admin.TabularInline):
    """Photos under their product or village, with their rendition status."""

    extra = 0
    fields = PHOTO_INLINE_FIELDS
    readonly_fields = PHOTO_INLINE_READONLY


class RegionImageInline(PhotoInline):
    model = RegionImage


@admin.register(RegionImage)
class RegionImageAdmin(PhotoAdmin):
    list_select_related = ("region",)
    search_fields = ("alt_text", "region__name")

    @admin.display(description=_("region"), ordering="region__name")
    def owner(self, photo):
        return photo.region


@admin.register(Region)
class RegionAdmin(PhotoInlinesSaveThroughServices, TaxonomyAdmin):
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
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("code", "name", "economy", "validity_months")
    search_fields = ("name", "code")
    prepopulated_fields = {"slug": ("code",)}
    inlines = [GradeLevelInline]


class ProductImageInline(PhotoInline):
    model = ProductImage


@admin.register(ProductImage)
class ProductImageAdmin(PhotoAdmin):
    list_select_related = ("product",)
    search_fields = ("alt_text", "product__name", "product__slug")

    @admin.display(description=_("product"), ordering="product__name")
    def owner(self, photo):
        return photo.product


class GradeInline(admin.TabularInline):
    model = Grade
    extra = 0
    fields = ("programme", "level", "issuing_level", "certificate_number", "issued_on", "expires_on")
    autocomplete_fields = ("level",)


class ProductStatusChangeInline(StatusChangeInline):
    model = ProductStatusChange


@admin.register(Product)
class ProductAdmin(PhotoInlinesSaveThroughServices, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
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


@admin.register(ProductRevision)
class ProductRevisionAdmin(admin.ModelAdmin):
    """Changes to approved products' stories and photos, waiting for an officer. Approve with the
    action; to turn one down, write the reason on the revision, save, then use "Reject"."""

    list_display = ("product", "status", "created_by", "created_at")
    list_filter = ("status",)
    list_select_related = ("product", "created_by")
    search_fields = ("product__name", "product__cooperative__name")
    fields = ("product", "data", "status", "created_by", "decided_by", "reason", "created_at")
    readonly_fields = ("product", "data", "status", "created_by", "decided_by", "created_at")
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Approve the selected changes"))
    def approve(self, request, queryset):
        for revision in queryset.filter(status=ProductRevision.Status.PENDING):
            product_revision_approve(revision=revision, by=request.user)
        self.message_user(request, _("Approved."), messages.SUCCESS)

    @admin.action(description=_("Reject the selected changes (with the reason written on each)"))
    def reject(self, request, queryset):
        pending = queryset.filter(status=ProductRevision.Status.PENDING)
        if pending.filter(reason="").exists():
            self.message_user(request, _("Write the reason on each revision first."), messages.ERROR)
            return
        for revision in pending:
            product_revision_reject(revision=revision, by=request.user, reason=revision.reason)
        self.message_user(request, _("Rejected."), messages.SUCCESS)
