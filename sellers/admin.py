"""Cooperatives in admin. The verification status is read-only here and changes only through
sellers.services: the change form's "Decide" page verifies, requests changes or rejects with a
reason. Documents are listed with links to the private download view, never to a media URL."""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ovop_market.admin import StatusChangeInline

from . import services
from .models import Cooperative, CooperativeDocument, CooperativeEdit, CooperativeStatusChange, Membership

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


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        (Verification.VERIFIED, _("Verify")),
        (Verification.CHANGES_REQUESTED, _("Request changes")),
        (Verification.REJECTED, _("Reject")),
    ])
    reason = forms.CharField(label=_("Reason (the cooperative sees it)"), widget=forms.Textarea, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") != Verification.VERIFIED and not (data.get("reason") or "").strip():
            raise forms.ValidationError(_("Say what needs to change, or why it is rejected."))
        return data


@admin.register(Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
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
        cooperative = get_object_or_404(Cooperative, pk=pk)
        if not self.has_change_permission(request, cooperative):
            raise PermissionDenied
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.cooperative_set_status(
                    cooperative=cooperative, to=form.cleaned_data["decision"], by=request.user,
                    reason=form.cleaned_data["reason"].strip(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("Decision recorded and the cooperative notified."), messages.SUCCESS)
                return redirect("admin:sellers_cooperative_change", cooperative.pk)
        return render(request, "admin/sellers/cooperative/decide.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": cooperative,
            "cooperative": cooperative, "form": form, "title": _("Decide on %(name)s") % {"name": cooperative.name},
        })
