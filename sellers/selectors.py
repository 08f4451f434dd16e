"""Reads about sellers: who belongs where, and what a user may act on."""
from django.db.models import Q, QuerySet

from ovop_market.officers import officer_acts_for_q, officer_may_act_for

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
    staff officer acting on its behalf (recorded as such by the services), which needs the second
    factor and the cooperative in their scope (``ovop_market.officers.officer_may_act_for``)."""
    if not user.is_authenticated or not user.is_active:
        return False
    membership = membership_of(user=user, cooperative=cooperative)
    if membership is not None and (not owner_only or membership.role == Membership.Role.OWNER):
        return True
    return officer_may_act_for(user=user, cooperative=cooperative)


def acting_cooperative(request) -> Cooperative | None:
    """Like ``current_cooperative``, but a staff officer may have chosen a cooperative they may act
    for on its behalf (the product editor's services record it as such)."""
    user = request.user
    chosen = request.session.get(CURRENT_COOPERATIVE_SESSION_KEY)
    if chosen is not None and user.is_authenticated and user.is_active and user.is_staff:
        cooperative = Cooperative.objects.select_related("village").filter(pk=chosen).first()
        if cooperative is not None and may_act_for(user=user, cooperative=cooperative):
            return cooperative
    return current_cooperative(request=request)


def cooperatives_acted_for(*, user) -> QuerySet:
    """Every cooperative ``user`` may act for: their own, and for a verified officer those in their
    scope (all of them for a superuser)."""
    officer = officer_acts_for_q(user) if user.is_authenticated else None
    if officer is None:
        return cooperatives_of(user=user)
    own = Q(pk__in=Membership.objects.filter(user=user).values("cooperative_id"))
    return Cooperative.objects.filter(officer | own).select_related("village").order_by("name")


CURRENT_COOPERATIVE_SESSION_KEY = "seller_cooperative_id"


def current_cooperative(*, request) -> Cooperative | None:
    """The cooperative the seller pages act on: the one chosen in the switcher (kept in the session)
    if the user still belongs to it, else their first one."""
    cooperatives = cooperatives_of(user=request.user)
    chosen = request.session.get(CURRENT_COOPERATIVE_SESSION_KEY)
    if chosen is not None:
        current = cooperatives.filter(pk=chosen).first()
        if current is not None:
            return current
    return cooperatives.first()


def cooperative_documents(*, cooperative) -> QuerySet:
    from .models import CooperativeDocument

    return CooperativeDocument.objects.filter(cooperative=cooperative).order_by("kind", "-uploaded_at")
