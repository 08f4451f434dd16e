"""Reads for the officers' moderation queue: which listings wait, since when, what a buyer will
see once approved, and what changed since the last approved version.

Decisions are not made here: they go through ``catalog.services`` (``product_set_status``,
``product_revision_approve``/``reject``), which also keep the approved snapshot in the audit trail.
"""
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import DateTimeField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ovop_market.models import AuditEntry
from sellers.models import Maker

from .models import Category, Product, ProductRevision, ProductStatusChange

Status = Product.Status

# The audit actions whose ``after["snapshot"]`` is a version buyers saw.
APPROVAL_ACTIONS = ("product.approve", "revision.approve")

FIELD_LABELS = {
    "name": _("Name"),
    "category": _("Category"),
    "summary": _("Summary"),
    "story_makers": _("Who makes it"),
    "story_materials": _("Materials"),
    "story_process": _("How it is made"),
    "story_place": _("The village"),
    "story_use": _("Use"),
    "story_care": _("Care"),
    "video_url": _("Video link"),
    "makers": _("Made by"),
    "images": _("Photos"),
}


def _pending_revisions():
    return ProductRevision.objects.filter(product=OuterRef("pk"), status=ProductRevision.Status.PENDING)


def products_waiting_for_review(queryset: QuerySet | None = None) -> QuerySet:
    """Submitted listings and approved ones with pending changes, with ``waiting_since`` (when the
    listing was last sent for review, or the revision opened) and ``revision_id`` annotated."""
    queryset = Product.objects.all() if queryset is None else queryset
    submitted_at = (
        ProductStatusChange.objects.filter(product=OuterRef("pk"), to_status=Status.SUBMITTED)
        .order_by("-created_at", "-pk").values("created_at")[:1]
    )
    # The few products with pending changes are read first, as a list: "submitted OR one of these
    # ids" is then two index lookups, where a subquery in the OR made PostgreSQL read all 220,000
    # products (and compile the plan: over a second at national scale).
    with_revision = list(
        ProductRevision.objects.filter(status=ProductRevision.Status.PENDING).values_list("product_id", flat=True)
    )
    return queryset.filter(
        Q(status=Status.SUBMITTED) | Q(status=Status.APPROVED, pk__in=with_revision)
    ).annotate(
        revision_id=Subquery(_pending_revisions().values("pk")[:1]),
        waiting_since=Coalesce(
            Subquery(_pending_revisions().values("created_at")[:1], output_field=DateTimeField()),
            Subquery(submitted_at, output_field=DateTimeField()),
            "updated_at",
        ),
    )


def waiting_longer_than(queryset: QuerySet, *, days: int) -> QuerySet:
    return queryset.filter(waiting_since__lt=timezone.now() - timedelta(days=days))


# --- the review page ---------------------------------------------------------------------------------

@dataclass
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass
class Review:
    """Everything the review page shows about one listing."""

    product: Product  # as buyers will see it once approved (a revision's changes applied, unsaved)
    images: list
    revision: ProductRevision | None
    changes: list[Change]
    approved_before: bool  # a version of it was approved before (the changes are against that one)
    history: list
    snapshot_missing: bool = False  # approved before the audit trail kept versions: nothing to compare


def product_review(*, product: Product) -> Review:
    """The listing as a buyer will see it after approval, beside what changed since the version
    last approved: a revision's proposal against the live product, or a re-submitted product
    against the snapshot kept in the audit trail at its last approval."""
    from .services import product_reviewed_snapshot

    revision = product.revisions.filter(status=ProductRevision.Status.PENDING).first()
    current = product_reviewed_snapshot(product=product)
    images = list(product.images.order_by("position", "pk"))
    if revision is not None:
        before = current
        proposed, images = _revision_applied(product, revision, images)
        after = {**current, **proposed}
        approved_before = True
    else:
        after = current
        before = last_approved_snapshot(product=product)
        approved_before = before is not None
    changes = snapshot_changes(before or {}, after) if approved_before else []
    history = list(product.status_changes.select_related("by")[:10])
    return Review(product=product, images=images, revision=revision, changes=changes,
                  approved_before=approved_before, history=history,
                  snapshot_missing=not approved_before and product.approved_at is not None)


def _revision_applied(product: Product, revision: ProductRevision, images: list) -> tuple[dict, list]:
    data = revision.data
    proposed = {name: value for name, value in data.items() if name in FIELD_LABELS}
    for name, value in proposed.items():
        if name == "category":
            product.category = Category.objects.filter(pk=value).first() or product.category
        elif name != "makers":
            setattr(product, name, value)
    removed = set(data.get("remove_images", []))
    rank = {pk: i for i, pk in enumerate(data.get("image_order", []))}
    shown = [image for image in images if image.pk not in removed]
    shown.sort(key=lambda image: (rank.get(image.pk, len(rank)), image.position, image.pk))
    proposed["images"] = [image.pk for image in shown]
    return proposed, shown


def last_approved_snapshot(*, product: Product) -> dict | None:
    """The moderated content of ``product`` as it was last approved, from the audit trail."""
    entry = (
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Product), target_id=str(product.pk),
            action__in=APPROVAL_ACTIONS,
        ).order_by("-created_at", "-pk").only("after").first()
    )
    if entry is None or not isinstance(entry.after, dict):
        return None
    return entry.after.get("snapshot")


def snapshot_changes(before: dict, after: dict) -> list[Change]:
    """The fields that differ between two snapshots, with readable values, in the page's order."""
    changed = [name for name in FIELD_LABELS if name in after and before.get(name) != after.get(name)]
    categories = dict(Category.objects.filter(
        pk__in=[v for v in (before.get("category"), after.get("category")) if v]).values_list("pk", "name"))
    maker_ids = {*before.get("makers", []), *after.get("makers", [])} if "makers" in changed else set()
    makers = dict(Maker.objects.filter(pk__in=maker_ids).values_list("pk", "name"))

    def shown(name, value):
        if value in (None, "", []):
            return ""
        if name == "category":
            return categories.get(value, str(value))
        if name == "makers":
            return ", ".join(makers.get(pk, str(pk)) for pk in value)
        if name == "images":
            return _("%(count)d photo(s)") % {"count": len(value)}
        return str(value)

    changes = []
    for name in changed:
        before_value, after_value = before.get(name), after.get(name)
        if name == "images":
            added = len(set(after_value or []) - set(before_value or []))
            removed = len(set(before_value or []) - set(after_value or []))
            after_text = _("%(added)d added, %(removed)d removed") % {"added": added, "removed": removed} \
                if added or removed else _("new order")
            changes.append(Change(name, str(FIELD_LABELS[name]), shown(name, before_value), after_text))
            continue
        changes.append(Change(name, str(FIELD_LABELS[name]), shown(name, before_value), shown(name, after_value)))
    return changes
