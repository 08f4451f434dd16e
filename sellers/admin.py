"""Cooperatives in admin. The verification status is read-only here and changes only through
sellers.services: the verification page (the "Decide" link of a waiting cooperative, and each row of
the "Applications to verify" queue) shows the documents in place with their expiry checked, confirms
or merges a proposed village, and verifies, requests changes or rejects with a reason. Documents are
linked to the private download view, never to a media URL."""
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from ovop_market.admin import StatusChangeInline, audit_form_change, audit_trail_url
from ovop_market.admin_scale import LargeTableAdmin
from ovop_market.admin_spreadsheets import SpreadsheetAdminMixin
from ovop_market.forms import OfficerDecisionForm
from ovop_market.models import ApplicationToVerify
from ovop_market.officers import OfficerScopedAdmin, QueuePermissions, officer_scope_filter

from . import services
from .imports import COOPERATIVE_SHEET
from .models import Cooperative, CooperativeDocument, CooperativeEdit, CooperativeStatusChange, Membership
from .verification import applications_waiting, documents_blocking_verification, documents_checked

Verification = Cooperative.Verification


class CooperativeStatusChangeInline(StatusChangeInline):
    model = CooperativeStatusChange
    fields = ("created_at", "from_status", "to_status", "by", "on_behalf", "reason")
    readonly_fields = fields


class CooperativeEditInline(admin.TabularInline):
    model = CooperativeEdit
    extra = 0
    can_delete = False
    fields = ("created_at", "what", "by", "on_behalf")
    readonly_fields = fields
    verbose_name_plural = _("application edits")

    def has_add_permission(self, request, obj=None):
        return False


class CooperativeDocumentInline(admin.TabularInline):
    model = CooperativeDocument
    extra = 0
    can_delete = False
    fields = ("kind", "number", "issued_on", "expires_on", "uploaded_by", "uploaded_at", "download")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def download(self, document):
        return format_html('<a href="{}">{}</a>', document.get_absolute_url(), _("Download"))


class MembershipInline(admin.TabularInline):
    """Shown, not edited: owners manage members in the seller centre (sellers.services keeps the
    last owner), so admin cannot leave a cooperative without one."""

    model = Membership
    extra = 0
    can_delete = False
    fields = ("user", "role", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


VERIFICATION_DECISIONS = [
    (Verification.VERIFIED, _("Verify")),
    (Verification.CHANGES_REQUESTED, _("Request changes")),
    (Verification.REJECTED, _("Reject")),
]


class DecisionForm(OfficerDecisionForm):
    """Verify, request changes or reject, with a reason (a template and/or free text); with a new
    village proposed, verifying can add that village to the regions in the same step."""

    confirm_village = forms.BooleanField(label=_("Add the proposed village to the regions as part of this decision"),
                                         required=False)

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, decisions=VERIFICATION_DECISIONS, applies_to="cooperative",
                         needs_reason={Verification.CHANGES_REQUESTED, Verification.REJECTED}, **kwargs)
        self.fields["reason"].label = _("Reason (the cooperative sees it)")
        if not (cooperative.proposed_village_name and cooperative.village_id is None):
            del self.fields["confirm_village"]


class VillageConfirmForm(forms.Form):
    name = forms.CharField(label=_("Village name"), max_length=120,
                           help_text=_("Correct the spelling if needed; it is added under the district shown."))


class VillageMergeForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Existing village"), queryset=None, empty_label=None)

    def __init__(self, *args, district, **kwargs):
        from catalog.models import Region

        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Region.objects.filter(
            parent=district, kind=Region.Kind.VILLAGE).order_by("name") if district else Region.objects.none()


@admin.register(Cooperative)
class CooperativeAdmin(OfficerScopedAdmin, SpreadsheetAdminMixin, LargeTableAdmin, admin.ModelAdmin):
    spreadsheet = COOPERATIVE_SHEET
    list_display = ("name", "kind", "village", "proposed_village_name", "members_count", "women_members_count",
                    "verification_status")
    list_filter = ("kind", "verification_status")
    list_select_related = ("village",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("village", "proposed_village_district")
    readonly_fields = ("verification_status", "verified_at", "created_at", "applied_by", "payout_account",
                       "decide")
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "verification_status", "decide", "verified_at", "applied_by",
                           "created_at")}),
        (_("Village"), {"fields": ("village", "proposed_village_name", "proposed_village_district")}),
        (_("About"), {"fields": ("members_count", "women_members_count", "founded_year", "story",
                                 "programme_registrations")}),
        (_("Contact"), {"fields": ("contact_email", "contact_phone")}),
        (_("Payout"), {"fields": ("payout_account_holder", "payout_bank_name", "payout_account")}),
    )
    inlines = [MembershipInline, CooperativeDocumentInline, CooperativeStatusChangeInline, CooperativeEditInline]

    @admin.display(description=_("account number"))
    def payout_account(self, cooperative):
        return cooperative.payout_account_masked

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_form_change(request=request, obj=obj, form=form, change=change,
                          action="cooperative.admin_edit" if change else "cooperative.admin_create",
                          on_behalf=services.acts_on_behalf(cooperative=obj, by=request.user))

    @admin.display(description=_("verification decision"))
    def decide(self, cooperative):
        if cooperative.pk is None or cooperative.verification_status != Verification.PENDING:
            return "—"
        url = reverse("admin:sellers_cooperative_decide", args=[cooperative.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Verify, request changes or reject"))

    def get_urls(self):
        return [
            path("<int:pk>/decide/", self.admin_site.admin_view(self.decide_view), name="sellers_cooperative_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk: int):
        cooperative = self.get_queryset(request).filter(pk=pk).first()
        if cooperative is None:
            raise Http404
        if not self.has_change_permission(request, cooperative):
            raise PermissionDenied
        return verification_page(self, request, cooperative,
                                 done_url=reverse("admin:sellers_cooperative_change", args=[cooperative.pk]))


def verification_page(model_admin, request, cooperative: Cooperative, *, done_url: str):
    """The officer's verification page: the application, its documents (shown in place, expiry
    checked), a proposed new village to confirm or merge, and the decision. Every change goes
    through sellers.services; the caller has checked the officer may change ``cooperative``."""
    posted = request.POST if request.method == "POST" else None
    district = cooperative.proposed_village_district
    decision_form = DecisionForm(posted if posted and "_decide" in posted else None, cooperative=cooperative)
    confirm_form = VillageConfirmForm(posted if posted and "_village_confirm" in posted else None,
                                      initial={"name": cooperative.proposed_village_name})
    merge_form = VillageMergeForm(posted if posted and "_village_merge" in posted else None, district=district)
    bound = next((form for form in (decision_form, confirm_form, merge_form) if form.is_bound), None)
    if posted is not None and bound is None:
        decision_form = DecisionForm(posted, cooperative=cooperative)  # a form posted without its button
        bound = decision_form
    if bound is not None and bound.is_valid():
        try:
            message = _verification_apply(request, cooperative, bound)
        except ValidationError as error:
            cooperative.refresh_from_db()  # whatever the step changed in memory was rolled back
            bound.add_error(None, error)
        else:
            model_admin.message_user(request, message, messages.SUCCESS)
            return redirect(done_url if bound is decision_form else request.get_full_path())
    return render(request, "admin/sellers/cooperative/decide.html", {
        **model_admin.admin_site.each_context(request), "opts": Cooperative._meta, "original": cooperative,
        "cooperative": cooperative, "form": decision_form, "confirm_form": confirm_form, "merge_form": merge_form,
        "title": _("Decide on %(name)s") % {"name": cooperative.name},
        "documents": documents_checked(cooperative=cooperative),
        "blocking": documents_blocking_verification(cooperative=cooperative),
        "proposal": bool(cooperative.proposed_village_name and cooperative.village_id is None),
        "district": district, "village_trail": cooperative.village.ancestors() + [cooperative.village]
        if cooperative.village_id else [],
        "history": list(cooperative.status_changes.select_related("by")[:10]),
        "edits": list(cooperative.edits.select_related("by")[:10]),
        "queue_url": reverse("admin:ovop_market_applicationtoverify_changelist"),
        "change_url": reverse("admin:sellers_cooperative_change", args=[cooperative.pk]),
        "audit_url": audit_trail_url(cooperative),
    })


@transaction.atomic
def _verification_apply(request, cooperative: Cooperative, form) -> str:
    if isinstance(form, VillageConfirmForm):
        services.cooperative_village_confirm(cooperative=cooperative, by=request.user, name=form.cleaned_data["name"])
        return _("The village was added to the regions and set on the cooperative.")
    if isinstance(form, VillageMergeForm):
        services.cooperative_village_merge(cooperative=cooperative, village=form.cleaned_data["village"],
                                           by=request.user)
        return _("The cooperative's village is set; the proposal was merged into it.")
    decision = form.cleaned_data["decision"]
    if decision == Verification.VERIFIED and form.cleaned_data.get("confirm_village"):
        services.cooperative_village_confirm(cooperative=cooperative, by=request.user)
    services.cooperative_set_status(cooperative=cooperative, to=decision, by=request.user,
                                    reason=form.cleaned_data["full_reason"])
    return _("Decision recorded and the cooperative notified.")


# --- the verification queue -------------------------------------------------------------------------

class ApplicationWaitingFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "waiting"
    DAYS = (3, 7, 14, 30)

    def lookups(self, request, model_admin):
        return [(str(days), _("more than %(days)d days") % {"days": days}) for days in self.DAYS]

    def queryset(self, request, queryset):
        if self.value() not in {str(days) for days in self.DAYS}:
            return queryset
        return queryset.filter(waiting_since__lt=timezone.now() - timedelta(days=int(self.value())))


class ApplicationRegionFilter(admin.SimpleListFilter):
    """An economy or province (or any region by slug): its villages, and proposals in its districts."""

    title = _("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        from catalog.selectors import taxonomy_options

        return [(option["slug"], "\u2003" * option["depth"] + option["name"])
                for option in taxonomy_options()["regions"] if option["depth"] <= 1]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        from catalog.selectors import taxonomy_option

        option = taxonomy_option("regions", self.value())
        if option is None:
            return queryset.none()
        return queryset.filter(Q(village__path__startswith=option["path"])
                               | Q(village__isnull=True, proposed_village_district__path__startswith=option["path"]))


class ApplicationNeedsFilter(admin.SimpleListFilter):
    title = _("needs attention")
    parameter_name = "needs"

    def lookups(self, request, model_admin):
        return [("new_village", _("A new village is proposed")), ("expired", _("A document has expired"))]

    def queryset(self, request, queryset):
        if self.value() == "new_village":
            return queryset.filter(village__isnull=True).exclude(proposed_village_name="")
        if self.value() == "expired":
            return queryset.filter(has_expired_document=True)
        return queryset


@admin.register(ApplicationToVerify)
class ApplicationToVerifyAdmin(QueuePermissions, admin.ModelAdmin):
    """The verification queue: applications waiting, oldest first; the page of each (the change
    page here) is the verification page, with documents, the village proposal and the decision."""

    queue_of = "sellers.cooperative"

    list_display = ("verify_link", "kind", "where", "members_count", "women_members_count", "documents_flag",
                    "waiting")
    list_display_links = None
    list_filter = (ApplicationWaitingFilter, ApplicationRegionFilter, ApplicationNeedsFilter, "kind")
    list_select_related = ("village", "proposed_village_district")
    search_fields = ("name", "contact_email")
    show_full_result_count = False
    list_per_page = 50
    actions = None

    def get_queryset(self, request):
        # Not super(): it orders by get_ordering() before the annotation it names exists.
        waiting = applications_waiting(self.model._default_manager.get_queryset()).order_by(*self.get_ordering(request))
        return officer_scope_filter(waiting, request.user)

    def get_ordering(self, request):
        return ("waiting_since", "pk")

    @admin.display(description=_("cooperative"), ordering="name")
    def verify_link(self, cooperative):
        url = reverse("admin:ovop_market_applicationtoverify_change", args=[cooperative.pk])
        return format_html('<a href="{}">{}</a>', url, cooperative.name or _("(no name yet)"))

    @admin.display(description=_("village"))
    def where(self, cooperative):
        if cooperative.village_id:
            return cooperative.village.name
        if cooperative.proposed_village_name:
            district = cooperative.proposed_village_district
            return _("New: %(village)s (%(district)s)") % {
                "village": cooperative.proposed_village_name, "district": district.name if district else "?"}
        return "—"

    @admin.display(description=_("documents"), boolean=False)
    def documents_flag(self, cooperative):
        return _("expired") if cooperative.has_expired_document else "✓"

    @admin.display(description=_("waiting"), ordering="waiting_since")
    def waiting(self, cooperative):
        return timesince(cooperative.waiting_since) if cooperative.waiting_since else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        cooperative = self.get_object(request, unquote(object_id))
        if cooperative is None:
            self.message_user(request, _("This application is no longer waiting for verification."), messages.WARNING)
            return redirect("admin:ovop_market_applicationtoverify_changelist")
        if not self.has_view_or_change_permission(request, cooperative):
            raise PermissionDenied
        if request.method == "POST" and not self.has_change_permission(request, cooperative):
            raise PermissionDenied
        # The concrete cooperative (services and links expect it), fetched with what the page shows.
        concrete = Cooperative.objects.select_related("village", "proposed_village_district").get(pk=cooperative.pk)
        return verification_page(self, request, concrete,
                                 done_url=reverse("admin:ovop_market_applicationtoverify_changelist"))
