"""Cooperatives in admin. Verification tooling comes with the officers issue; the status is
read-only here and changes only through sellers.services."""
from django.contrib import admin

from .models import Cooperative, CooperativeStatusChange


class CooperativeStatusChangeInline(admin.TabularInline):
    model = CooperativeStatusChange
    extra = 0
    can_delete = False
    fields = ("created_at", "from_status", "to_status", "by", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


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
