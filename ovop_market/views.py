"""Platform views that belong to no single app."""
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


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
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


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
