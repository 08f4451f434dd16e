"""Where each programme officer may look and act: their scope, applied in one place.

A superuser sees everything. Any other staff member sees the cooperatives whose village lies
under one of the regions of their ``catalog.OfficerScope`` (a province covers its districts and
villages; an application proposing a new village counts by its district), those cooperatives'
documents, products, photos and revisions, and their grades, limited to the scope's programmes
when it names any; in the audit trail, the entries about those cooperatives (or regions) and
the ones they wrote themselves. A staff member without a scope sees none of these until a superuser gives
them one: the safe default for a new account.

``OfficerScopedAdmin`` applies the rule to an admin class (changelist, change and delete pages,
actions, choices offered in foreign keys). Outside admin, an officer acts for a cooperative they are
not a member of (the seller centre, its documents) only as ``officer_may_act_for`` allows: within
their scope, and only once the second factor has verified this session.
"""
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.http import Http404

# The lookup from each scoped model to its cooperative.
COOPERATIVE_PATHS = {
    "sellers.cooperative": "",
    "sellers.cooperativedocument": "cooperative__",
    "sellers.cooperativeedit": "cooperative__",
    "sellers.cooperativestatuschange": "cooperative__",
    "sellers.membership": "cooperative__",
    "sellers.maker": "cooperative__",
    "catalog.product": "cooperative__",
    "catalog.productimage": "product__cooperative__",
    "catalog.productrevision": "product__cooperative__",
    "catalog.productstatuschange": "product__cooperative__",
    "catalog.grade": "product__cooperative__",
    "orders.shipment": "cooperative__",
    "orders.payment": "shipment__cooperative__",
    "orders.review": "product__cooperative__",
}
# Audit entries count by the cooperative (or region) they concern, plus the officer's own.
AUDIT_ENTRY = "ovop_market.auditentry"
# The lookup from each model limited by the scope's programmes to its programme.
PROGRAMME_PATHS = {
    "catalog.grade": "programme",
    "catalog.gradelevel": "programme",
    "catalog.programme": "pk",
}


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    region_paths: tuple[str, ...] = ()
    programme_ids: frozenset | None = None  # None: every programme

    @property
    def nothing(self) -> bool:
        return not self.everything and not self.region_paths


def officer_scope(user) -> Scope:
    """``user``'s scope, read once per user object (two queries for a scoped officer)."""
    cached = getattr(user, "_officer_scope", None)
    if cached is not None:
        return cached
    if not (user.is_authenticated and user.is_active and user.is_staff):
        scope = Scope()
    elif user.is_superuser:
        scope = Scope(everything=True)
    else:
        from catalog.models import OfficerScope

        paths = tuple(
            OfficerScope.regions.through.objects.filter(officerscope__user=user)
            .order_by("region__path").values_list("region__path", flat=True)
        )
        programmes = frozenset(
            OfficerScope.programmes.through.objects.filter(officerscope__user=user)
            .values_list("programme_id", flat=True)
        )
        scope = Scope(region_paths=paths, programme_ids=programmes or None)
    user._officer_scope = scope
    return scope


def _under(field: str, paths) -> Q:
    return reduce(or_, (Q(**{f"{field}__startswith": path}) for path in paths))


def scope_q(model, scope: Scope) -> Q | None:
    """The condition ``model``'s rows in ``scope`` meet; None when the scope does not limit it."""
    label = model._meta.concrete_model._meta.label_lower
    conditions = []
    if label in COOPERATIVE_PATHS or label == AUDIT_ENTRY:
        prefix = COOPERATIVE_PATHS.get(label, "cooperative__")
        condition = (
            _under(f"{prefix}village__path", scope.region_paths)
            | (Q(**{f"{prefix}village__isnull": True})
               & _under(f"{prefix}proposed_village_district__path", scope.region_paths))
        )
        # An audit entry about a region (rather than a cooperative) counts by the region.
        conditions.append(condition | _under("region_path", scope.region_paths) if label == AUDIT_ENTRY
                          else condition)
    elif label == "catalog.region":
        conditions.append(_under("path", scope.region_paths))
    if label in PROGRAMME_PATHS and scope.programme_ids is not None:
        conditions.append(Q(**{f"{PROGRAMME_PATHS[label]}__in": scope.programme_ids}))
    return reduce(lambda a, b: a & b, conditions) if conditions else None


def officer_scope_filter(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` limited to what ``user`` may see in admin."""
    scope = officer_scope(user)
    if scope.everything:
        return queryset
    label = queryset.model._meta.concrete_model._meta.label_lower
    limited = label in COOPERATIVE_PATHS or label in ("catalog.region", AUDIT_ENTRY) or label in PROGRAMME_PATHS
    if not limited:
        return queryset
    # Whatever their scope, officers see the audit entries they wrote themselves.
    own = Q(by_id=user.pk) if label == AUDIT_ENTRY and user.pk is not None else None
    if scope.nothing:
        return queryset.filter(own) if own is not None else queryset.none()
    condition = scope_q(queryset.model, scope)
    if own is not None:
        condition = condition | own
    return queryset.filter(condition) if condition is not None else queryset


def officer_may_see(*, user, obj) -> bool:
    """Whether ``obj`` lies in ``user``'s scope (one query for a scoped officer, remembered on ``obj``)."""
    scope = officer_scope(user)
    if scope.everything:
        return True
    remembered = obj.__dict__.setdefault("_officer_scope_seen", {})
    if user.pk not in remembered:
        manager = type(obj)._default_manager
        remembered[user.pk] = officer_scope_filter(manager.filter(pk=obj.pk), user).exists()
    return remembered[user.pk]


def officer_may_grade(*, user, product, programme) -> bool:
    """Only staff grade: a superuser anything, a scoped officer products of their regions under
    their programmes."""
    scope = officer_scope(user)
    if scope.everything:
        return True
    if scope.nothing:
        return False
    if scope.programme_ids is not None and programme.pk not in scope.programme_ids:
        return False
    return officer_may_see(user=user, obj=product)


class QueuePermissions:
    """An officers' queue is a view of another model's rows: whoever may see (or change) those may
    see (or work) the queue; nothing is added or deleted through it. ``queue_of`` names the model
    as "app_label.model"."""

    queue_of = ""

    def _queue_perm(self, request, action: str) -> bool:
        app_label, model = self.queue_of.split(".")
        return request.user.has_perm(f"{app_label}.{action}_{model}")

    def has_view_permission(self, request, obj=None):
        return self._queue_perm(request, "view") or self._queue_perm(request, "change")

    def has_change_permission(self, request, obj=None):
        return self._queue_perm(request, "change")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OfficerScopedAdmin:
    """Put first among an admin class's bases (also works on inlines): its changelist, bulk
    actions, change, delete and history pages, the choices its foreign keys offer and the
    objects its custom views check with ``has_change_permission(request, obj)`` all keep to
    the officer's scope. An object outside it answers 404, as one that does not exist."""

    def get_queryset(self, request):
        return officer_scope_filter(super().get_queryset(request), request.user)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index for a missing object; out of scope or missing, say 404.
        raise Http404

    def _in_scope(self, request, obj) -> bool:
        return obj is None or officer_may_see(user=request.user, obj=obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.remote_field.model
        queryset = kwargs.get("queryset")
        if queryset is None:
            queryset = related._default_manager.all()
        limited = officer_scope_filter(queryset, request.user)
        if limited is not queryset:
            kwargs["queryset"] = limited
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def officer_second_factor_verified(user) -> bool:
    """Whether ``user`` passed the second factor in this session (django-otp's ``OTPMiddleware`` gives
    the request's user ``is_verified``). A user loaded any other way, e.g. by an API token, has not."""
    is_verified = getattr(user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())


def _filed_without_place(*, user, cooperative) -> bool:
    # An application an officer starts on a cooperative's behalf names its village only at its
    # second step; until then the officer who filed it keeps it (their scope decides afterwards).
    return (cooperative.applied_by_id == user.pk and cooperative.village_id is None
            and cooperative.proposed_village_district_id is None)


def officer_may_act_for(*, user, cooperative) -> bool:
    """Whether staff ``user`` may act on ``cooperative``'s behalf (as an officer, not as a member: the
    seller centre and its services record it as on behalf). Needs the second factor verified in this
    session and ``cooperative`` within the officer's scope; a superuser's scope is everything. Membership
    is the caller's business: a member acts for their own cooperative without any of this."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not officer_second_factor_verified(user):
        return False
    return officer_may_see(user=user, obj=cooperative) or _filed_without_place(user=user, cooperative=cooperative)


def officer_acts_for_q(user) -> Q | None:
    """``officer_may_act_for`` as a condition on cooperatives (for lists and pickers), or None when
    ``user`` may act for none as an officer."""
    if not (user.is_authenticated and user.is_active and user.is_staff) or not officer_second_factor_verified(user):
        return None
    scope = officer_scope(user)
    if scope.everything:
        return Q(pk__isnull=False)  # not Q(): an empty Q vanishes when combined with |
    filed = Q(applied_by=user, village__isnull=True, proposed_village_district__isnull=True)
    if scope.nothing:
        return filed
    from sellers.models import Cooperative

    return scope_q(Cooperative, scope) | filed
