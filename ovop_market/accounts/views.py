"""Account pages at /accounts/: thin views over ``accounts.services``.

Links in e-mails open a page with one button (a POST), never change anything on GET: mail
scanners that open every link must not confirm an address on the person's behalf.
"""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from orders.services import cart_attach_on_login

from . import forms, services

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return ""


@sensitive_post_parameters("password1", "password2")
@never_cache
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = forms.SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.user_sign_up(email=data["email"], full_name=data["full_name"],
                                     password=data["password1"], language=data["language"])
        login(request, user, backend=BACKEND)
        cart_attach_on_login(request=request, user=user)
        messages.success(request, _("Welcome! We have sent a link to %(email)s: open it to confirm your address.")
                         % {"email": user.email})
        return redirect(_safe_next(request) or reverse("accounts:account"))
    return render(request, "accounts/signup.html", {"form": form, "next": _safe_next(request)})


class LoginView(auth_views.LoginView):
    """Django's login: a new session key on success, ``next`` followed only to this site.
    Too many failures for one address from one IP address get django-axes' lockout page."""

    form_class = forms.LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # What the visitor put in the cart before logging in joins the account's cart.
        cart_attach_on_login(request=self.request, user=form.get_user())
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django refuses GET): ends the session and forgets its data."""

    http_method_names = ["post", "options"]


@login_required
@never_cache
def account(request):
    form = forms.AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_update(user=request.user, full_name=form.cleaned_data["full_name"],
                                language=form.cleaned_data["language"])
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:account")
    return render(request, "accounts/account.html", {"form": form})


@require_POST
@login_required
def email_confirm_resend(request):
    if request.user.email_confirmed_at is not None:
        messages.info(request, _("Your e-mail address is already confirmed."))
    else:
        services.email_confirmation_send(user=request.user)
        messages.success(request, _("We have sent a new link to %(email)s.") % {"email": request.user.email})
    return redirect("accounts:account")


@never_cache
def email_confirm(request, token):
    by = request.user if request.user.is_authenticated else None
    try:
        if request.method == "POST":
            services.email_confirm(token=token, by=by)
            messages.success(request, _("Thank you: your e-mail address is confirmed."))
            return redirect("accounts:account" if by else "accounts:login")
        user = services.email_confirmation_check(token=token, by=by)
    except services.AccountLinkError as error:
        return render(request, "accounts/link_invalid.html", {"reason": error.message}, status=400)
    return render(request, "accounts/email_confirm.html", {"email": user.email})


@sensitive_post_parameters("password")
@login_required
@never_cache
def email_change(request):
    form = forms.EmailChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.email_change_request(user=request.user, new_email=form.cleaned_data["email"])
        messages.success(request, _("We have sent a link to %(email)s. Your address changes when you open it "
                                    "while logged in.") % {"email": form.cleaned_data["email"]})
        return redirect("accounts:account")
    return render(request, "accounts/email_change.html", {"form": form})


@login_required
@never_cache
def email_change_confirm(request, token):
    try:
        if request.method == "POST":
            services.email_change_confirm(token=token, by=request.user)
            messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": request.user.email})
            return redirect("accounts:account")
        change = services.email_change_check(token=token, by=request.user)
    except services.AccountLinkError as error:
        return render(request, "accounts/link_invalid.html", {"reason": error.message}, status=400)
    return render(request, "accounts/email_change_confirm.html", {"change": change})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Keeps this session logged in (Django updates its hash); other sessions are logged out."""

    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


@never_cache
def password_reset(request):
    """The same answer whether or not the address has an account: nobody learns who is registered."""
    form = forms.PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"])
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_done(request):
    return render(request, "accounts/password_reset_done.html",
                  {"hours": settings.PASSWORD_RESET_TIMEOUT // 3600})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's: the token is moved from the URL to the session before the form is shown."""

    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    post_reset_login = True
    post_reset_login_backend = BACKEND
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_reset_completed(user=form.user)
        messages.success(self.request, _("Your new password is set and you are logged in."))
        return response
