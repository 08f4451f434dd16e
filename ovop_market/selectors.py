"""Platform reads shared by pages: a user's notifications."""
from django.db.models import QuerySet

from .models import Notification
from .notifications import IN_APP_KINDS


def notification_list(*, user) -> QuerySet[Notification]:
    """``user``'s notifications shown in the account, newest first (account e-mails are not listed)."""
    return Notification.objects.filter(user=user, kind__in=IN_APP_KINDS).only(
        "kind", "context", "created_at", "read_at", "user_id"
    )


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, kind__in=IN_APP_KINDS, read_at__isnull=True).count()
