"""Platform views that belong to no single app: health, error pages, a user's notifications."""
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import Notification, OutboxMessage

NOTIFICATIONS_PER_PAGE = 20


@never_cache
def healthz(request):
    """Liveness plus a check of each configured dependency; 503 when one is down."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # any driver error means "down"
        checks["database"] = f"error: {error.__class__.__name__}"
    if settings.REDIS_URL:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
            checks["redis"] = "ok"
        except redis.RedisError as error:
            checks["redis"] = f"error: {error.__class__.__name__}"
    else:
        checks["redis"] = "not configured"
    healthy = all(value in ("ok", "not configured") for value in checks.values())
    body = {"status": "ok" if healthy else "error", **checks}
    if checks["database"] == "ok":
        # Reported for monitoring, never a reason to fail: the web still works while a queue is stuck.
        body["outbox"] = _outbox_backlog()
    return JsonResponse(body, status=200 if healthy else 503)


def _outbox_backlog() -> dict:
    Status = OutboxMessage.Status
    stuck_since = timezone.now() - timedelta(seconds=settings.OUTBOX_STUCK_AFTER)
    return OutboxMessage.objects.filter(status__in=[Status.PENDING, Status.PUBLISHED, Status.FAILED]).aggregate(
        failed=Count("pk", filter=Q(status=Status.FAILED)),
        stuck=Count("pk", filter=Q(status=Status.PENDING, created_at__lt=stuck_since)
                    | Q(status=Status.PUBLISHED, published_at__lt=stuck_since)),
    )


def bad_request(request, exception=None):
    return _error_page(request, 400)


def page_not_found(request, exception=None):
    return _error_page(request, 404)


def server_error(request):
    return _error_page(request, 500)


def _error_page(request, status):
    if request.path.startswith("/api/"):
        messages = {400: "Bad request.", 404: "Not found.", 500: "Server error."}
        return JsonResponse({"detail": messages[status]}, status=status)
    return render(request, f"{status}.html", status=status)


@login_required
def notification_list(request):
    page = Paginator(selectors.notification_list(user=request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {
        "page_obj": page,
        "notifications": page.object_list,
        "unread_count": selectors.notification_unread_count(user=request.user),
    })


@require_POST
@login_required
def notification_mark_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.notification_mark_read(notification=notification, by=request.user)
    return _back(request)


@require_POST
@login_required
def notification_mark_all_read(request):
    services.notification_mark_all_read(user=request.user)
    return _back(request)


def _back(request):
    """Back to the page the form was on (the seller centre reuses these forms), else the list."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("notifications:list")
