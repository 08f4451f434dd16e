from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_scale import LargeTableAdmin
from .models import AuditEntry, DecisionReason, Notification, OutboxMessage, User
from .notifications import KINDS
from .officers import OfficerScopedAdmin
from .outbox import outbox_retry
from .services import notification_email_resend


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "language", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "language")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


class StatusChangeInline(admin.TabularInline):
    """A read-only status history under the object it belongs to: it is never edited by hand."""

    extra = 0
    can_delete = False
    fields = ("created_at", "from_status", "to_status", "by", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the platform: staff look, filter and run the actions, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


class OutboxStuckFilter(admin.SimpleListFilter):
    title = _("needs attention")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("stuck", _("Waiting too long")), ("failed", _("Failed"))]

    def queryset(self, request, queryset):
        Status = OutboxMessage.Status
        if self.value() == "stuck":
            since = timezone.now() - timedelta(seconds=settings.OUTBOX_STUCK_AFTER)
            return queryset.filter(
                Q(status=Status.PENDING, created_at__lt=since) | Q(status=Status.PUBLISHED, published_at__lt=since)
            )
        if self.value() == "failed":
            return queryset.filter(status=Status.FAILED)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    """The background work queue as the database sees it: what is waiting, running, done or failed."""

    list_display = ("pk", "task_name", "queue", "status", "attempts", "publish_attempts", "created_at",
                    "published_at", "finished_at", "short_error")
    list_filter = (OutboxStuckFilter, "status", "queue", "task_name")
    search_fields = ("task_name", "last_error")
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fieldsets = (
        (None, {"fields": ("task_name", "kwargs", "queue", "status")}),
        (_("Progress"), {"fields": ("attempts", "publish_attempts", "available_at", "created_at", "published_at",
                                    "finished_at", "last_error")}),
    )

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return (obj.last_error[:80] + "…") if len(obj.last_error) > 80 else obj.last_error

    @admin.action(description=_("Send the selected tasks to a worker again"), permissions=["retry"])
    def send_again(self, request, queryset):
        with transaction.atomic():
            messages_to_retry = list(queryset.exclude(status=OutboxMessage.Status.DONE))
            for message in messages_to_retry:
                outbox_retry(message=message)
        self.message_user(request, ngettext(
            "%(count)d task sent to a worker again.", "%(count)d tasks sent to a worker again.", len(messages_to_retry),
        ) % {"count": len(messages_to_retry)}, messages.SUCCESS)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "kind", "email", "user", "language", "email_status", "email_attempts",
                    "email_sent_at", "read_at")
    list_filter = ("email_status", "kind", "language")
    list_select_related = ("user",)
    search_fields = ("email", "user__email")
    date_hierarchy = "created_at"
    actions = ["resend_failed"]
    readonly_fields = ("shown_context",)
    fieldsets = (
        (None, {"fields": ("kind", "user", "email", "language", "shown_context", "created_at", "read_at")}),
        (_("E-mail"), {"fields": ("email_status", "email_attempts", "email_sent_at", "email_last_error")}),
    )

    @admin.display(description=_("context"))
    def shown_context(self, obj):
        secret = KINDS[obj.kind].secret if obj.kind in KINDS else ()
        return {key: ("(hidden)" if key in secret else value) for key, value in obj.context.items()}

    @admin.action(description=_("Send the failed e-mails again"), permissions=["retry"])
    def resend_failed(self, request, queryset):
        count = sum(notification_email_resend(notification=n) for n in queryset.filter(
            email_status=Notification.EmailStatus.FAILED))
        self.message_user(request, ngettext(
            "%(count)d e-mail will be sent again.", "%(count)d e-mails will be sent again.", count,
        ) % {"count": count}, messages.SUCCESS)


class AuditActionFilter(admin.SimpleListFilter):
    """The actions recorded so far, from an indexed DISTINCT (the list of codes is open-ended)."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
        return [(action, action) for action in actions]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class AuditByFilter(admin.SimpleListFilter):
    """Who acted: staff accounts only (officers), not every buyer in the user table."""

    title = _("by")
    parameter_name = "by"

    def lookups(self, request, model_admin):
        return [(str(user.pk), str(user)) for user in User.objects.filter(is_staff=True).order_by("email")[:200]]

    def queryset(self, request, queryset):
        return queryset.filter(by_id=self.value()) if (self.value() or "").isdigit() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(OfficerScopedAdmin, LargeTableAdmin, admin.ModelAdmin):
    """The audit trail: read, filtered and searched, never changed. Nobody, superusers included,
    adds, edits or deletes an entry here (the change page is read-only, delete is refused).
    A scoped officer sees the entries about the cooperatives of their regions and their own
    (``ovop_market.officers``); another entry's page answers 404."""

    list_display = ("created_at", "action", "by", "target_link", "on_behalf", "short_reason")
    list_filter = (AuditActionFilter, AuditByFilter, "on_behalf", "created_at")
    list_select_related = ("by", "target_type")
    search_fields = ("action", "target_repr", "target_id", "reason", "by__email")
    raw_id_fields = ("by",)
    date_hierarchy = "created_at"
    show_full_result_count = False
    fields = ("created_at", "action", "by", "target_type", "target_id", "target_link", "cooperative", "region_path",
              "on_behalf", "reason", "before", "after")
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Read-only for everyone: a POST to the change page never saves.
        if request.method == "POST":
            raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("object"), ordering="target_repr")
    def target_link(self, entry):
        if entry.target_type_id and entry.target_id:
            try:
                url = reverse(
                    f"admin:{entry.target_type.app_label}_{entry.target_type.model}_change", args=[entry.target_id]
                )
            except NoReverseMatch:
                url = ""
            if url:
                return format_html('<a href="{}">{}</a>', url, entry.target_repr)
        return entry.target_repr

    @admin.display(description=_("reason"))
    def short_reason(self, entry):
        return (entry.reason[:80] + "…") if len(entry.reason) > 80 else entry.reason


@admin.register(DecisionReason)
class DecisionReasonAdmin(admin.ModelAdmin):
    """Reason templates officers pick in the moderation and verification queues."""

    list_display = ("title", "applies_to", "active", "position")
    list_editable = ("active", "position")
    list_filter = ("applies_to", "active")
    search_fields = ("title", "text")


def audit_trail_url(obj) -> str:
    """The audit trail's changelist limited to ``obj`` (links from the officers' pages)."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(obj)
    return f"{reverse('admin:ovop_market_auditentry_changelist')}?target_type={content_type.pk}&target_id={obj.pk}"


def _audit_value(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, (QuerySet, list, tuple, set)):
        return [_audit_value(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool, Decimal, date)):
        return value
    return str(value)


def audit_form_change(*, request, obj, form, change: bool, action: str, on_behalf: bool = False):
    """Record an officer's edit made in an admin change form: the fields changed, before and after.
    (Status fields are read-only in admin; decisions are audited by the services themselves.)"""
    from .audit import audit_record

    names = [name for name in form.changed_data if name in form.fields]
    if change and not names:
        return None
    return audit_record(
        by=request.user, action=action, target=obj, on_behalf=on_behalf,
        before={name: _audit_value(form.initial.get(name)) for name in names} if change else None,
        after={name: _audit_value(form.cleaned_data.get(name)) for name in names},
    )
