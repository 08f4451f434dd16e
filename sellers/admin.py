"""Cooperatives in admin. Verification tooling comes with the officers issue; the status is
read-only here and changes only through sellers.services."""
from django.contrib import admin

from ovop_market.admin import StatusChangeInline

from .models import Cooperative, CooperativeStatusChange


class CooperativeStatusChangeInline(StatusChangeInline):
    model = CooperativeStatusChange


@admin.register(Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "village", "members_count", "women_members_count", "verification_status")
    list_filter = ("kind", "verification_status")
    list_select_related = ("village",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("village",)
    readonly_fields = ("verification_status", "verified_at", "created_at")
    inlines = [CooperativeStatusChangeInline]
