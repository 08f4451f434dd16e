"""The audit trail: one row per officer decision and per change made on a cooperative's behalf.

Services call ``audit_record`` inside their own transaction, so the row exists exactly when the
change it describes does.
"""
from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def audit_record(*, by, action: str, target, before: dict | None = None, after: dict | None = None,
                 reason: str = "", on_behalf: bool = False) -> AuditEntry:
    """Record that ``by`` did ``action`` (e.g. "product.approve") to ``target`` (a saved model
    instance, or None), with the values ``before`` and ``after`` it and the reason given."""
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    return AuditEntry.objects.create(
        by=by if getattr(by, "pk", None) else None,
        action=action,
        target_type=target_type,
        target_id=str(target.pk) if target is not None and target.pk is not None else "",
        target_repr=str(target)[:250] if target is not None else "",
        before=before,
        after=after,
        reason=reason or "",
        on_behalf=on_behalf,
        cooperative_id=_cooperative_id_of(target),
        region_path=_region_path_of(target),
    )


def _cooperative_id_of(target) -> int | None:
    """The cooperative ``target`` belongs to (itself, a product's, a grade's product's...), by the
    same lookups that scope officers to it."""
    from .officers import COOPERATIVE_PATHS

    if target is None:
        return None
    prefix = COOPERATIVE_PATHS.get(target._meta.concrete_model._meta.label_lower)
    if prefix is None:
        return None
    if not prefix:
        return target.pk
    *hops, last = prefix.rstrip("_").split("__")
    for hop in hops:
        target = getattr(target, hop, None)
        if target is None:
            return None
    return getattr(target, f"{last}_id", None)


def _region_path_of(target) -> str:
    if target is not None and target._meta.concrete_model._meta.label_lower == "catalog.region":
        return target.path or ""
    return ""
