"""Cooperative writes. Verification status changes go through one transition table."""
from django.db import transaction
from django.utils import timezone

from ovop_market.models import Notification, User
from ovop_market.services import notification_send
from ovop_market.workflow import status_transition

from .models import Cooperative, CooperativeStatusChange

Verification = Cooperative.Verification

COOPERATIVE_TRANSITIONS = {
    Verification.DRAFT: {Verification.PENDING},
    Verification.PENDING: {Verification.VERIFIED, Verification.CHANGES_REQUESTED, Verification.REJECTED},
    Verification.CHANGES_REQUESTED: {Verification.PENDING},
    Verification.VERIFIED: {Verification.SUSPENDED},
    Verification.SUSPENDED: {Verification.VERIFIED},
    Verification.REJECTED: {Verification.PENDING},
}

# The officer's decisions the cooperative is told about, with the reason.
VERIFICATION_DECISIONS = {
    Verification.VERIFIED: Notification.Kind.COOPERATIVE_VERIFIED,
    Verification.CHANGES_REQUESTED: Notification.Kind.COOPERATIVE_CHANGES_REQUESTED,
    Verification.REJECTED: Notification.Kind.COOPERATIVE_REJECTED,
}


@transaction.atomic
def cooperative_set_status(*, cooperative: Cooperative, to: str, by=None, reason: str = "") -> Cooperative:
    """Apply one verification status change under a row lock and record who made it and why."""
    locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    extra = {}
    if to == Verification.VERIFIED:
        locked.verified_at = timezone.now()
        extra["update_fields"] = ["verified_at"]
    status_transition(
        instance=locked, field="verification_status", to=to, allowed=COOPERATIVE_TRANSITIONS,
        history=CooperativeStatusChange, by=by, reason=reason, cooperative=locked, **extra,
    )
    if to in VERIFICATION_DECISIONS:
        context = {"cooperative": locked.name, "cooperative_id": locked.pk, "reason": reason}
        if to == Verification.VERIFIED:
            context["link"] = {"name": "catalog:producer", "kwargs": {"slug": locked.slug}}
        cooperative_notify(cooperative=locked, kind=VERIFICATION_DECISIONS[to], context=context)
    cooperative.verification_status, cooperative.verified_at = locked.verification_status, locked.verified_at
    return cooperative


def cooperative_notify(*, cooperative: Cooperative, kind: str, context: dict) -> Notification | None:
    """Tell a cooperative something, in its transaction: by e-mail to its contact address, and in
    the account of the user with that address if there is one. Nothing is sent without an address.
    (Memberships will notify the cooperative's owners instead.)
    """
    if not cooperative.contact_email:
        return None
    user = User.objects.filter(email__iexact=cooperative.contact_email).first()
    return notification_send(kind=kind, context=context, user=user, email=cooperative.contact_email)
