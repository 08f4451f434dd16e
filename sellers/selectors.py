"""Reads about sellers: who belongs where, and what a user may act on."""
from django.db.models import QuerySet

from .models import Cooperative, Membership


def cooperatives_of(*, user) -> QuerySet:
    """The cooperatives ``user`` belongs to (any role), by name."""
    if not user.is_authenticated:
        return Cooperative.objects.none()
    return Cooperative.objects.filter(memberships__user=user).select_related("village").order_by("name")


def membership_of(*, user, cooperative) -> Membership | None:
    """``user``'s membership of ``cooperative``, or None."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, cooperative=cooperative).first()


def may_act_for(*, user, cooperative, owner_only: bool = False) -> bool:
    """Whether ``user`` may act for ``cooperative``: a member (an owner when ``owner_only``), or a
    staff officer acting on its behalf (recorded as such by the services)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    membership = membership_of(user=user, cooperative=cooperative)
    return membership is not None and (not owner_only or membership.role == Membership.Role.OWNER)
