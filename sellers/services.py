"""Cooperative writes. Verification status changes go through one transition table."""
from django.db import transaction
from django.utils import timezone

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
    cooperative.verification_status, cooperative.verified_at = locked.verification_status, locked.verified_at
    return cooperative
