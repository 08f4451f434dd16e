"""Programme officers' view of the catalog. Moderation tooling comes with the officers issue;
status changes are never edited here directly (the field is read-only), only through services."""
from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ovop_market.admin import StatusChangeInline, audit_form_change, audit_trail_url
from ovop_market.admin_scale import LargeTableAdmin
from ovop_market.admin_spreadsheets import SpreadsheetAdminMixin
from ovop_market.forms import OfficerDecisionForm
from ovop_market.models import ListingToReview
from ovop_market.officers import OfficerScopedAdmin, QueuePermissions, officer_scope_filter
from sellers.services import acts_on_behalf

from .grading_admin import GradeInline, GradeRecordAdmin, ProgrammeForm
from .imports import GRADE_SHEET, PRODUCT_SHEET
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
from .moderation import product_review, products_waiting_for_review
from .search import product_search_refresh
from .selectors import grades_active, taxonomy_cache_clear, taxonomy_option, taxonomy_options
from .services import (
    photo_add,
    photo_render_again,
    photo_replace,
    product_revision_approve,
    product_revision_reject,
    product_set_status,
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
    form = ProgrammeForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("code", "name", "economy", "validity_months")
    search_fields = ("name", "code")
    prepopulated_fields = {"slug": ("code",)}
    inlines = [GradeLevelInline]


class ProductImageInline(PhotoInline):
    model = ProductImage


@admin.register(ProductImage)
class ProductImageAdmin(OfficerScopedAdmin, LargeTableAdmin, PhotoAdmin):
    list_select_related = ("product",)
    search_fields = ("alt_text", "product__name", "product__slug")

    @admin.display(description=_("product"), ordering="product__name")
    def owner(self, photo):
        return photo.product


class ProductStatusChangeInline(StatusChangeInline):
    model = ProductStatusChange


@admin.register(Product)
class ProductAdmin(OfficerScopedAdmin, SpreadsheetAdminMixin, PhotoInlinesSaveThroughServices, LargeTableAdmin,
                   admin.ModelAdmin):
    spreadsheet = PRODUCT_SHEET
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_form_change(request=request, obj=obj, form=form, change=change,
                          action="product.admin_edit" if change else "product.admin_create",
                          on_behalf=acts_on_behalf(cooperative=obj.cooperative, by=request.user))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        product_search_refresh(product_ids=[form.instance.pk])


@admin.register(GradeLevel)
class GradeLevelAdmin(TaxonomyAdmin):
    list_display = ("programme", "name", "code", "rank", "min_score")
    list_filter = ("programme",)
    search_fields = ("name", "code", "programme__code")


@admin.register(Grade)
class GradeAdmin(SpreadsheetAdminMixin, GradeRecordAdmin):
    """Grades are recorded through catalog.grading (catalog/grading_admin.py: form, list, scope)."""

    spreadsheet = GRADE_SHEET


@admin.register(ProductRevision)
class ProductRevisionAdmin(OfficerScopedAdmin, LargeTableAdmin, admin.ModelAdmin):
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


# --- the moderation queue ---------------------------------------------------------------------------

class QueueProgrammeFilter(admin.SimpleListFilter):
    """A programme the product is graded under, or its cooperative has registered with."""

    title = _("programme")
    parameter_name = "programme"

    def lookups(self, request, model_admin):
        programmes = Programme.objects.order_by("position", "code").values_list("pk", "code")
        return [(str(pk), code) for pk, code in programmes]

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        programme = Programme.objects.filter(pk=self.value()).only("code").first()
        if programme is None:
            return queryset.none()
        return queryset.filter(
            Exists(Grade.objects.filter(product=OuterRef("pk"), programme=programme))
            | Q(cooperative__programme_registrations__icontains=programme.code)
        )


class TreeSubtreeFilter(admin.SimpleListFilter):
    """Choose a node of a tree (by slug); everything beneath it matches too (a path prefix)."""

    option_kind = ""  # "regions" or "categories" in catalog.selectors.taxonomy_options
    max_depth = 1

    def lookups(self, request, model_admin):
        return [
            (option["slug"], "\u2003" * option["depth"] + option["name"])
            for option in taxonomy_options()[self.option_kind] if option["depth"] <= self.max_depth
        ]

    def path(self) -> str | None:
        option = taxonomy_option(self.option_kind, self.value()) if self.value() else None
        return option["path"] if option else None


class QueueRegionFilter(TreeSubtreeFilter):
    title = _("region")
    parameter_name = "region"
    option_kind = "regions"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        path = self.path()
        return queryset.filter(origin__path__startswith=path) if path else queryset.none()


class QueueCategoryFilter(TreeSubtreeFilter):
    title = _("category")
    parameter_name = "category"
    option_kind = "categories"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        path = self.path()
        return queryset.filter(category__path__startswith=path) if path else queryset.none()


class QueueCooperativeFilter(admin.SimpleListFilter):
    """The cooperatives with something in the queue (not all 100,000 producers)."""

    title = _("producer")
    parameter_name = "cooperative"

    def lookups(self, request, model_admin):
        from sellers.models import Cooperative

        waiting = model_admin.get_queryset(request).order_by().values("cooperative_id")
        return [(str(pk), name) for pk, name in
                Cooperative.objects.filter(pk__in=waiting).order_by("name").values_list("pk", "name")[:100]]

    def queryset(self, request, queryset):
        return queryset.filter(cooperative_id=self.value()) if (self.value() or "").isdigit() else queryset


class WaitingTimeFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "waiting"
    DAYS = (3, 7, 14, 30)

    def lookups(self, request, model_admin):
        return [(str(days), _("more than %(days)d days") % {"days": days}) for days in self.DAYS]

    def queryset(self, request, queryset):
        if self.value() not in {str(days) for days in self.DAYS}:
            return queryset
        return queryset.filter(waiting_since__lt=timezone.now() - timedelta(days=int(self.value())))


LISTING_DECISIONS = [
    (Product.Status.APPROVED, _("Approve")),
    (Product.Status.CHANGES_REQUESTED, _("Request changes")),
    (Product.Status.REJECTED, _("Reject")),
]
REVISION_DECISIONS = [
    (Product.Status.APPROVED, _("Approve the changes")),
    (Product.Status.CHANGES_REQUESTED, _("Do not approve the changes (the listing stays as it is)")),
]


@admin.register(ListingToReview)
class ListingToReviewAdmin(OfficerScopedAdmin, QueuePermissions, admin.ModelAdmin):
    """The moderation queue: submitted listings and changes to approved ones, oldest first. The
    review page (the change page here) shows the listing as a buyer will see it beside what changed,
    and records the decision through the catalog services."""

    queue_of = "catalog.product"

    list_display = ("review_link", "what", "cooperative", "category", "origin", "price", "waiting")
    list_display_links = None
    list_filter = (WaitingTimeFilter, QueueProgrammeFilter, QueueRegionFilter, QueueCategoryFilter,
                   QueueCooperativeFilter)
    list_select_related = ("cooperative", "category", "origin")
    search_fields = ("name", "cooperative__name")
    show_full_result_count = False
    list_per_page = 50
    actions = ["approve_selected"]

    def get_queryset(self, request):
        # Not super(): it orders by get_ordering() before the annotation it names exists.
        return officer_scope_filter(products_waiting_for_review(self.model._default_manager.get_queryset()).order_by(
            *self.get_ordering(request)), request.user)

    def get_ordering(self, request):
        # Oldest first (an annotation, so not in ``ordering``, which admin checks against fields).
        return ("waiting_since", "pk")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("listing"), ordering="name")
    def review_link(self, product):
        url = reverse("admin:ovop_market_listingtoreview_change", args=[product.pk])
        return format_html('<a href="{}">{}</a>', url, product.name)

    @admin.display(description=_("to review"))
    def what(self, product):
        if product.revision_id:
            return _("Changes to a live listing")
        return _("Sent again") if product.approved_at else _("New listing")

    @admin.display(description=_("waiting"), ordering="waiting_since")
    def waiting(self, product):
        return timesince(product.waiting_since) if product.waiting_since else "—"

    @admin.action(description=_("Approve the selected listings"), permissions=["change"])
    def approve_selected(self, request, queryset):
        approved, refused = 0, []
        for product in queryset.select_related(None).only("pk", "name", "status", "cooperative_id"):
            if not self.has_change_permission(request, product):
                refused.append(_("%(product)s: you may not decide on it") % {"product": product.name})
                continue
            try:
                listing_decide(product=product, decision=Product.Status.APPROVED, by=request.user, reason="")
            except ValidationError as error:
                refused.append(f"{product.name}: {' '.join(error.messages)}")
            else:
                approved += 1
        if approved:
            self.message_user(request, ngettext(
                "%(count)d listing approved.", "%(count)d listings approved.", approved) % {"count": approved},
                messages.SUCCESS)
        if refused:
            self.message_user(request, _("Not approved: %(list)s") % {"list": "; ".join(refused)}, messages.WARNING)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        product = self.get_object(request, unquote(object_id))
        if product is None:
            # Decided meanwhile (by someone else, or in another tab), or out of this officer's reach.
            self.message_user(request, _("This listing is no longer waiting for review."), messages.WARNING)
            return redirect("admin:ovop_market_listingtoreview_changelist")
        if not self.has_view_or_change_permission(request, product):
            raise PermissionDenied
        form = OfficerDecisionForm(
            request.POST if request.method == "POST" else None,
            decisions=REVISION_DECISIONS if product.revision_id else LISTING_DECISIONS,
            needs_reason={Product.Status.CHANGES_REQUESTED, Product.Status.REJECTED}, applies_to="product",
        )
        if request.method == "POST":
            if not self.has_change_permission(request, product):
                raise PermissionDenied
            if form.is_valid():
                try:
                    listing_decide(product=product, decision=form.cleaned_data["decision"], by=request.user,
                                   reason=form.cleaned_data["full_reason"])
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(request, _("Decision recorded; the producer has been told."), messages.SUCCESS)
                    return redirect("admin:ovop_market_listingtoreview_changelist")
        shown = (
            Product.objects.select_related("cooperative__village", "category", "origin")
            .prefetch_related("makers", Prefetch(
                "grades", queryset=grades_active().select_related("level", "programme"), to_attr="active_grades"))
            .get(pk=product.pk)
        )
        review = product_review(product=shown)
        return render(request, "admin/catalog/listing_review.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "original": product,
            "title": _("Review %(name)s") % {"name": product.name}, "review": review, "product": review.product,
            "form": form, "can_change": self.has_change_permission(request, product),
            "waiting_since": product.waiting_since,
            "product_admin_url": reverse("admin:catalog_product_change", args=[product.pk]),
            "audit_url": audit_trail_url(shown),
        })


def listing_decide(*, product: Product, decision: str, by, reason: str) -> None:
    """Apply an officer's decision to a listing in the queue through the catalog services: on a
    pending revision approve or turn down the changes, otherwise move the product's status."""
    revision = product.revisions.filter(status=ProductRevision.Status.PENDING).first()
    if revision is not None:
        if decision == Product.Status.APPROVED:
            product_revision_approve(revision=revision, by=by, reason=reason)
        else:
            product_revision_reject(revision=revision, by=by, reason=reason)
        return
    product_set_status(product=product, to=decision, by=by, reason=reason)
