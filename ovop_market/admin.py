from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Notification, OutboxMessage, User
from .notifications import KINDS
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
