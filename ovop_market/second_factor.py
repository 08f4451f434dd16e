"""The officers' second factor: a time-based code (TOTP, django-otp) on top of the password.

Staff reach admin only once a confirmed TOTP device has verified this session. After the
password login, admin sends an unverified officer to "enter your code", or, when they have no
device yet, to enrol one (scan the QR code, type the first code): enrolment needs the password
login first, and a superuser can remove a lost device in admin ("TOTP devices"). Wrong codes are
counted per device in the database; after ``OFFICER_OTP_FAILURE_LIMIT`` of them in a row the
device refuses every code for ``OFFICER_OTP_COOLOFF_MINUTES``. Other users never see any of this.
"""
import base64
import time
from datetime import timedelta

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .officers import officer_second_factor_verified

DEVICE_NAME = "Authenticator app"


def totp_device_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code ``device`` shows now (or at time ``at``), as the officer's app does."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def totp_device_locked_until(device: TOTPDevice):
    """When ``device`` accepts codes again after too many wrong ones, or None if it does now."""
    limit = settings.OFFICER_OTP_FAILURE_LIMIT
    if device.throttling_failure_count < limit or device.throttling_failure_timestamp is None:
        return None
    until = device.throttling_failure_timestamp + timedelta(minutes=settings.OFFICER_OTP_COOLOFF_MINUTES)
    return until if until > timezone.now() else None


@transaction.atomic
def totp_device_check(*, device: TOTPDevice, token: str) -> bool:
    """Check ``token`` against ``device``, locked so that parallel guesses are all counted: a wrong
    one adds to the failure count (django-otp, in the database), a right one clears it and cannot be
    used again. Refused outright while the device is locked out."""
    locked = TOTPDevice.objects.select_for_update().filter(pk=device.pk).first()
    if locked is None or totp_device_locked_until(locked) is not None:
        return False
    verified = locked.verify_token("".join(token.split()))
    device.refresh_from_db()
    return verified


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"), max_length=8, min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "pattern": "[0-9 ]*", "autofocus": True}),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit():
            raise forms.ValidationError(_("The code is the 6 digits your app shows."))
        return token


def _safe_next(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse("admin:index")


class OfficerAdminSite(admin.AdminSite):
    """Django admin that asks staff for their second factor before anything else."""

    def has_permission(self, request):
        return super().has_permission(request) and officer_second_factor_verified(request.user)

    def _needs_second_factor(self, request) -> bool:
        user = request.user
        return user.is_authenticated and user.is_active and user.is_staff and not officer_second_factor_verified(user)

    def _to_second_factor(self, request, next_url: str):
        name = "admin:second_factor"
        if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            name = "admin:second_factor_setup"
        return redirect(f"{reverse(name, current_app=self.name)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        if self._needs_second_factor(request):
            return self._to_second_factor(request, _safe_next(request))
        return super().login(request, extra_context)

    def get_urls(self):
        return [
            path("second-factor/", self.second_factor_view, name="second_factor"),
            path("second-factor/setup/", self.second_factor_setup_view, name="second_factor_setup"),
            *super().get_urls(),
        ]

    def _officer_only(self, request):
        """A response sending anyone but an unverified officer away, or None for them."""
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            query = urlencode({REDIRECT_FIELD_NAME: _safe_next(request)})
            return redirect(f"{reverse('admin:login', current_app=self.name)}?{query}")
        if officer_second_factor_verified(request.user):
            return redirect(_safe_next(request))
        return None

    def _render(self, request, template, context, status=200):
        return TemplateResponse(request, template, {
            **self.each_context(request), "next": _safe_next(request),
            "redirect_field_name": REDIRECT_FIELD_NAME, **context,
        }, status=status)

    def _verify(self, request, device, form):
        """Check the posted code; log the device in on success. Returns a response on failure."""
        locked_until = totp_device_locked_until(device)
        if locked_until is not None:
            minutes = max(1, round((locked_until - timezone.now()).total_seconds() / 60))
            form.add_error(None, _("Too many wrong codes. Try again in %(minutes)d minutes.") % {"minutes": minutes})
            return 429
        if not totp_device_check(device=device, token=form.cleaned_data["token"]):
            form.add_error("token", _("That code is not right. Check the time on your phone and type the code "
                                      "your app shows now."))
            return 200
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        request.session.cycle_key()
        otp_login(request, device)
        return None

    @method_decorator(sensitive_post_parameters("token"))
    @method_decorator(csrf_protect)
    @method_decorator(never_cache)
    def second_factor_view(self, request):
        response = self._officer_only(request)
        if response is not None:
            return response
        device = TOTPDevice.objects.filter(user=request.user, confirmed=True).order_by("pk").first()
        if device is None:
            return self._to_second_factor(request, _safe_next(request))
        return self._code_page(request, device, "officers/second_factor.html", {"title": _("Second factor")})

    @method_decorator(sensitive_post_parameters("token"))
    @method_decorator(csrf_protect)
    @method_decorator(never_cache)
    def second_factor_setup_view(self, request):
        response = self._officer_only(request)
        if response is not None:
            return response
        if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            return self._to_second_factor(request, _safe_next(request))
        # The same unconfirmed device (and key) until the officer confirms it with a first code.
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
        return self._code_page(request, device, "officers/second_factor_setup.html", {
            "title": _("Set up your second factor"),
            "qr_data_uri": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
            "secret": base64.b32encode(device.bin_key).decode(),
        })

    def _code_page(self, request, device, template: str, context: dict):
        """Show the code form; a right code verifies ``device`` for this session and goes on."""
        form = CodeForm(request.POST or None)
        status = 200
        if request.method == "POST" and form.is_valid():
            status = self._verify(request, device, form)
            if status is None:
                return redirect(_safe_next(request))
        return self._render(request, template, {**context, "form": form}, status=status)
