"""How django-axes sees a login attempt, and what a locked-out person is shown.

Failures are counted per (e-mail, IP address): the e-mail is taken from whichever key the login
path used (``username`` for Django's and DRF's forms, ``email`` for ``authenticate(email=...)``),
folded to lower case so "Mai@Example.com" and "mai@example.com" share one count, and cut to the
column's length so an absurd value cannot break the record.
"""
import ipaddress

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

USERNAME_MAX_LENGTH = 255


def login_attempt_username(request, credentials=None) -> str | None:
    value = None
    if credentials:
        value = credentials.get("username") or credentials.get("email")
    if value is None and request is not None:
        try:
            data = getattr(request, "data", None)
        except Exception:  # an API body that does not parse names nobody
            data = None
        if data is None or not hasattr(data, "get"):
            data = getattr(request, "POST", {})
        value = data.get("username") or data.get("email")
    if not isinstance(value, str):
        return None
    return value.strip().lower()[:USERNAME_MAX_LENGTH]


def login_attempt_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the caller's address. Behind ``TRUSTED_PROXY_COUNT`` proxies that each
    append the address they saw to X-Forwarded-For, it is that many entries from the right (what a
    client wrote further left is not trusted); without proxies, REMOTE_ADDR."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= count:
            try:
                return str(ipaddress.ip_address(forwarded[-count]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")


def lockout_minutes(request) -> int:
    cool_off = get_cool_off(request)
    return max(1, int(cool_off.total_seconds() // 60)) if cool_off else 0


def lockout_message(request) -> str:
    minutes = lockout_minutes(request)
    return ngettext(
        "Too many failed log-in attempts for this account from your connection. "
        "Try again in %(minutes)d minute, or reset your password.",
        "Too many failed log-in attempts for this account from your connection. "
        "Try again in %(minutes)d minutes, or reset your password.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a translated page for people, a JSON error for the API (429 both)."""
    retry_after = str(lockout_minutes(request) * 60)
    if request.path_info.startswith("/api/") or request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"detail": lockout_message(request)}, status=429,
                            headers={"Retry-After": retry_after})
    response = render(
        request, "accounts/locked_out.html",
        {"message": lockout_message(request), "minutes": lockout_minutes(request)}, status=429,
    )
    response["Retry-After"] = retry_after
    return response
