"""Account writes: sign up, confirm an e-mail address, change it, reset a password.

Every e-mail goes through ``notification_send`` (recorded with the change, sent after commit, in
the person's language). Links carry no database row: they are signed with the site's secret key,
expire, and are bound to the user *and* the address they were made for, so a link stops working
once the address it confirms is no longer the one on the account (or has been changed already).
"""
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from ..models import Notification, User
from ..services import notification_send

Kind = Notification.Kind
CONFIRM_SALT = "ovop_market.accounts.email-confirm"
CHANGE_SALT = "ovop_market.accounts.email-change"
# One e-mail of a kind per person per this interval: a button pressed ten times sends one mail.
RESEND_INTERVAL = timedelta(seconds=60)


class AccountLinkError(Exception):
    """A confirmation link that cannot be used; ``message`` says why, for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class EmailChange:
    user_id: int
    old_email: str
    new_email: str


def _absolute_url(*, name: str, language: str, kwargs: dict) -> str:
    """A link in the recipient's language (``/vi/...`` for Vietnamese), absolute for an e-mail."""
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def _recently_sent(*, user: User, kind: str, email: str) -> bool:
    return Notification.objects.filter(
        user=user, kind=kind, email=email, created_at__gte=timezone.now() - RESEND_INTERVAL
    ).exists()


def _max_age() -> int:
    return settings.ACCOUNT_EMAIL_CONFIRM_MAX_AGE


# --- Sign up and confirmation of the address --------------------------------------------------------------


@transaction.atomic
def user_sign_up(*, email: str, full_name: str, password: str, language: str) -> User:
    """Create an account that can log in at once; its address is unconfirmed until the link is opened."""
    user = User(email=email.strip().lower(), full_name=full_name.strip(), language=language)
    user.set_password(password)
    user.save()
    email_confirmation_send(user=user)
    return user


def email_confirmation_token(*, user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT)


@transaction.atomic
def email_confirmation_send(*, user: User) -> bool:
    """E-mail ``user`` a link that confirms their current address; False when there is nothing to
    do (already confirmed) or one was sent a moment ago."""
    if user.email_confirmed_at is not None or _recently_sent(
        user=user, kind=Kind.ACCOUNT_CONFIRM_EMAIL, email=user.email
    ):
        return False
    url = _absolute_url(name="accounts:email_confirm", language=user.language,
                        kwargs={"token": email_confirmation_token(user=user)})
    notification_send(kind=Kind.ACCOUNT_CONFIRM_EMAIL, user=user,
                      context={"action_url": url, "name": user.get_short_name()})
    return True


def email_confirmation_check(*, token: str, by: User | None) -> User:
    """The user a sign-up confirmation link is for; ``AccountLinkError`` if it cannot be used by ``by``
    (``None`` for a visitor who is not logged in: having the e-mail is proof enough)."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=_max_age())
        user = User.objects.get(pk=payload["u"])
    except signing.SignatureExpired:
        raise AccountLinkError(_("This link has expired. Log in and ask for a new one.")) from None
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError):
        raise AccountLinkError(_("This link is not valid. Check that you copied all of it.")) from None
    if by is not None and by.is_authenticated and by.pk != user.pk:
        raise AccountLinkError(_("This link is for another account. Log out, then open it again."))
    if payload.get("e") != user.email:
        raise AccountLinkError(_("This link is for an address that is no longer on the account."))
    return user


@transaction.atomic
def email_confirm(*, token: str, by: User | None) -> User:
    """Mark the address confirmed (opening the link twice is harmless) and welcome the person."""
    user = email_confirmation_check(token=token, by=by)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
        notification_send(kind=Kind.ACCOUNT_WELCOME, user=user, context={"name": user.get_short_name()})
    return user


# --- Change of address ------------------------------------------------------------------------------------


def email_change_token(*, user: User, new_email: str) -> str:
    return signing.dumps({"u": user.pk, "from": user.email, "to": new_email}, salt=CHANGE_SALT)


@transaction.atomic
def email_change_request(*, user: User, new_email: str) -> None:
    """Send a link to ``new_email``; the address changes only when ``user`` opens it. The caller has
    checked the password and that the address is free."""
    new_email = new_email.strip().lower()
    if _recently_sent(user=user, kind=Kind.ACCOUNT_CONFIRM_EMAIL, email=new_email):
        return
    url = _absolute_url(name="accounts:email_change_confirm", language=user.language,
                        kwargs={"token": email_change_token(user=user, new_email=new_email)})
    notification_send(kind=Kind.ACCOUNT_CONFIRM_EMAIL, user=user, email=new_email,
                      context={"action_url": url, "name": user.get_short_name(), "change": True})


def email_change_check(*, token: str, by: User) -> EmailChange:
    """What a change-of-address link asks for, if ``by`` (logged in) may apply it now."""
    try:
        payload = signing.loads(token, salt=CHANGE_SALT, max_age=_max_age())
        change = EmailChange(user_id=int(payload["u"]), old_email=payload["from"], new_email=payload["to"])
    except signing.SignatureExpired:
        raise AccountLinkError(_("This link has expired. Ask for the change again from your account.")) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise AccountLinkError(_("This link is not valid. Check that you copied all of it.")) from None
    if by.pk != change.user_id:
        raise AccountLinkError(_("This link is for another account. Log out, then log in to the account "
                                 "whose address you are changing."))
    if by.email == change.new_email:
        raise AccountLinkError(_("Your e-mail address has already been changed."))
    if by.email != change.old_email:
        raise AccountLinkError(_("This link is no longer valid: the address on your account has changed since."))
    if User.objects.filter(email=change.new_email).exclude(pk=by.pk).exists():
        raise AccountLinkError(_("Another account uses this address now."))
    return change


@transaction.atomic
def email_change_confirm(*, token: str, by: User) -> User:
    """Switch ``by`` to the new, now confirmed, address and tell the old address it happened."""
    change = email_change_check(token=token, by=by)
    user = User.objects.select_for_update().get(pk=by.pk)
    if user.email != change.old_email:
        raise AccountLinkError(_("This link is no longer valid: the address on your account has changed since."))
    user.email, user.email_confirmed_at = change.new_email, timezone.now()
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "email_confirmed_at"])
    except IntegrityError:
        raise AccountLinkError(_("Another account uses this address now.")) from None
    notification_send(kind=Kind.ACCOUNT_EMAIL_CHANGED, user=user, email=change.old_email,
                      context={"name": user.get_short_name(), "new_email": change.new_email})
    by.email, by.email_confirmed_at = user.email, user.email_confirmed_at
    return user


# --- Profile and passwords --------------------------------------------------------------------------------


def account_update(*, user: User, full_name: str, language: str) -> User:
    user.full_name, user.language = full_name.strip(), language
    user.save(update_fields=["full_name", "language"])
    return user


@transaction.atomic
def password_reset_request(*, email: str) -> None:
    """E-mail a reset link if an active account has this address; say nothing either way (the
    caller shows the same page whether or not it exists)."""
    for user in PasswordResetForm().get_users(email.strip().lower()):
        if _recently_sent(user=user, kind=Kind.ACCOUNT_PASSWORD_RESET, email=user.email):
            continue
        url = _absolute_url(
            name="accounts:password_reset_confirm", language=user.language,
            kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user)},
        )
        notification_send(kind=Kind.ACCOUNT_PASSWORD_RESET, user=user,
                          context={"action_url": url, "name": user.get_short_name()})


def password_reset_completed(*, user: User) -> None:
    """A reset link opened from the inbox proves the address as well as a confirmation link does."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])


def api_token_for(*, user: User) -> str:
    """The account's API token, made the first time it is asked for."""
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=user)
    return token.key
