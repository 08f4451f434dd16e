"""Catalog writes: creating products and moving them through moderation.

Every status change goes through ``product_set_status`` and its transition table.
"""
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ovop_market.audit import audit_record
from ovop_market.models import Notification
from ovop_market.outbox import outbox_enqueue
from ovop_market.workflow import status_transition
from sellers.models import Cooperative
from sellers.services import acts_on_behalf, cooperative_notify

from .models import Photo, Product, ProductImage, ProductRevision, ProductStatusChange, Region, RegionImage
from .search import product_search_refresh, search_fold
from .uploads import ImageFacts, image_upload_check

Status = Product.Status

PRODUCT_TRANSITIONS = {
    Status.DRAFT: {Status.SUBMITTED, Status.ARCHIVED},
    Status.SUBMITTED: {Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED, Status.DRAFT},
    Status.CHANGES_REQUESTED: {Status.SUBMITTED, Status.DRAFT, Status.ARCHIVED},
    Status.APPROVED: {Status.ARCHIVED, Status.CHANGES_REQUESTED},
    Status.REJECTED: {Status.DRAFT, Status.ARCHIVED},
    Status.ARCHIVED: {Status.DRAFT},
}

# The audit trail's action codes for status changes made by an officer deciding (always recorded)
# and for those made by an officer for a cooperative (recorded when on its behalf).
DECISION_ACTIONS = {
    Status.APPROVED: "product.approve",
    Status.CHANGES_REQUESTED: "product.request_changes",
    Status.REJECTED: "product.reject",
}
ON_BEHALF_ACTIONS = {
    Status.SUBMITTED: "on_behalf.product_submit",
    Status.ARCHIVED: "on_behalf.product_archive",
    Status.DRAFT: "on_behalf.product_to_draft",
}

# The officer's decisions the cooperative is told about, with the reason.
LISTING_DECISIONS = {
    Status.APPROVED: Notification.Kind.LISTING_APPROVED,
    Status.CHANGES_REQUESTED: Notification.Kind.LISTING_CHANGES_REQUESTED,
    Status.REJECTED: Notification.Kind.LISTING_REJECTED,
}


@transaction.atomic
def product_set_status(*, product: Product, to: str, by=None, reason: str = "") -> Product:
    """Apply one moderation status change under a row lock and record who made it and why.

    A product is approved (published) only once its cooperative is verified.
    """
    locked = Product.objects.select_for_update().get(pk=product.pk)
    extra = {}
    if to == Status.APPROVED and locked.cooperative.verification_status != Cooperative.Verification.VERIFIED:
        raise ValidationError(
            _("%(cooperative)s is not verified yet: its products can be approved once it is."),
            code="cooperative_not_verified", params={"cooperative": locked.cooperative.name},
        )
    if to == Status.APPROVED:
        locked.approved_at = timezone.now()
        extra["update_fields"] = ["approved_at", "updated_at"]
    before_status = locked.status
    status_transition(
        instance=locked, field="status", to=to, allowed=PRODUCT_TRANSITIONS,
        history=ProductStatusChange, by=by, reason=reason, product=locked, **extra,
    )
    on_behalf = acts_on_behalf(cooperative=locked.cooperative, by=by)
    action = DECISION_ACTIONS.get(to) or (ON_BEHALF_ACTIONS.get(to) if on_behalf else None)
    if action:
        after = {"status": to}
        if to == Status.APPROVED:
            # What buyers see from now on: the moderation queue diffs a re-submission against it.
            after["snapshot"] = product_reviewed_snapshot(product=locked)
        audit_record(by=by, action=action, target=locked, before={"status": before_status}, after=after,
                     reason=reason, on_behalf=on_behalf and to not in DECISION_ACTIONS)
    if to in LISTING_DECISIONS:
        context = {"product": locked.name, "product_id": locked.pk, "cooperative": locked.cooperative.name,
                   "reason": reason}
        if to == Status.APPROVED:
            context["link"] = {"name": "catalog:product_detail", "kwargs": {"slug": locked.slug}}
        cooperative_notify(cooperative=locked.cooperative, kind=LISTING_DECISIONS[to], context=context)
    product.status, product.approved_at = locked.status, locked.approved_at
    return product


def product_submit(*, product: Product, by) -> Product:
    """Send ``product`` to the officers' queue; an officer doing it for the cooperative is recorded so."""
    return product_set_status(
        product=product, to=Status.SUBMITTED, by=by, reason=on_behalf_note(by=by, cooperative=product.cooperative),
    )


def product_archive(*, product: Product, by) -> Product:
    """Take ``product`` off sale at its cooperative's (or an officer's) request."""
    return product_set_status(
        product=product, to=Status.ARCHIVED, by=by, reason=on_behalf_note(by=by, cooperative=product.cooperative),
    )


def product_approve(*, product: Product, by, reason: str = "") -> Product:
    return product_set_status(product=product, to=Status.APPROVED, by=by, reason=reason)


@transaction.atomic
def product_create(*, cooperative, by, images=(), **fields) -> Product:
    """Create a draft product for ``cooperative``; ``images`` are (file, alt text) pairs.

    ``origin`` defaults to the cooperative's village.
    """
    fields.setdefault("origin", cooperative.village)
    if not fields.get("slug"):
        fields["slug"] = product_slug_for(name=fields.get("name", ""))
    makers = fields.pop("makers", None)
    product = Product(cooperative=cooperative, **fields)
    product.full_clean(exclude=["makers", "slug"])
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        # Another listing took the slug between the check and the insert: add a random suffix.
        product.slug = f"{fields['slug'][:200]}-{uuid.uuid4().hex[:6]}"
        product.save()
    if makers is not None:
        _product_set_makers(product, makers)
    for position, (file, alt) in enumerate(images):
        product_image_add(product=product, file=file, alt_text=alt, by=by, position=position)
    product_search_refresh(product_ids=[product.pk])
    on_behalf = on_behalf_note(by=by, cooperative=cooperative)
    if on_behalf:
        ProductStatusChange.objects.create(
            product=product, from_status=Status.DRAFT, to_status=Status.DRAFT, by=by,
            reason=_("Created %(on_behalf)s") % {"on_behalf": on_behalf},
        )
        audit_record(by=by, action="on_behalf.product_create", target=product, before=None,
                     after=product_reviewed_snapshot(product=product), reason=on_behalf, on_behalf=True)
    return product


# --- photos ------------------------------------------------------------------------------------------

@transaction.atomic
def product_image_add(*, product: Product, file, alt_text: str, by, position: int | None = None) -> ProductImage:
    """Add a photo to ``product``: checked before it is stored (``ValidationError`` if refused),
    then its renditions are requested from a worker in the same transaction."""
    if position is None:
        position = product.images.count()
    return photo_add(photo=ProductImage(product=product, alt_text=alt_text, position=position), file=file, by=by)


@transaction.atomic
def region_image_add(*, region, file, alt_text: str, by, position: int | None = None) -> RegionImage:
    """Add a photo to a village or other region, like ``product_image_add``."""
    if position is None:
        position = region.images.count()
    return photo_add(photo=RegionImage(region=region, alt_text=alt_text, position=position), file=file, by=by)


@transaction.atomic
def photo_add(*, photo: Photo, file, by) -> Photo:
    """Save the new ``photo`` (a product or region photo, its owner and alt text set) with ``file``
    as its original, and request its renditions."""
    _photo_set_original(photo, file)
    photo.save()
    photo_render_request(photo=photo)
    return photo


@transaction.atomic
def photo_replace(*, photo: Photo, file, by) -> Photo:
    """Give ``photo`` a new original; its renditions are remade (the old ones stay until then)."""
    _photo_set_original(photo, file)
    if photo.rendition_status == Photo.RenditionStatus.FAILED:
        photo.rendition_status, photo.rendition_error = Photo.RenditionStatus.PENDING, ""
    photo.save()
    photo_render_request(photo=photo)
    return photo


def _photo_set_original(photo: Photo, file) -> None:
    facts: ImageFacts = getattr(file, "image_facts", None) or image_upload_check(file)
    # The stored name says nothing about the uploader's device or file and cannot be guessed.
    file.name = f"{uuid.uuid4().hex}.{facts.extension}"
    photo.image = file
    photo.width, photo.height = facts.upright_size


def photo_render_request(*, photo: Photo, force: bool = False) -> None:
    """Ask a worker for ``photo``'s renditions once the current transaction commits (outbox)."""
    outbox_enqueue(
        task="catalog.photo_render",
        kwargs={"model": photo._meta.model_name, "photo_id": photo.pk, "force": force},
        queue="images",
    )


@transaction.atomic
def photo_render_again(*, photo: Photo, by) -> None:
    """Make ``photo``'s renditions again from its original (a staff action after a failure)."""
    # A failed photo shows the placeholder again while it waits; a ready one keeps its renditions.
    type(photo).objects.filter(pk=photo.pk, rendition_status=Photo.RenditionStatus.FAILED).update(
        rendition_status=Photo.RenditionStatus.PENDING, rendition_error=""
    )
    photo_render_request(photo=photo, force=True)


# --- the seller centre's edits -----------------------------------------------------------------------

# Facts that change at once, even on an approved product: what it costs, how many there are, shipping.
IMMEDIATE_FIELDS = (
    "price", "stock", "made_to_order", "lead_time_days", "season_note",
    "weight_grams", "length_cm", "width_cm", "height_cm", "fragile",
)
# What buyers read and officers moderate: on an approved product these go back to review.
REVIEWED_FIELDS = (
    "name", "category", "summary", "story_makers", "story_materials", "story_process", "story_place",
    "story_use", "story_care", "video_url", "makers",
)
EDITABLE_STATUSES = {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.REJECTED}


def on_behalf_note(*, by, cooperative) -> str:
    """"on behalf of <cooperative>" when a staff officer who is not a member acts for it, else ""."""
    if not acts_on_behalf(cooperative=cooperative, by=by):
        return ""
    return _("on behalf of %(cooperative)s") % {"cooperative": cooperative.name}


def product_slug_for(*, name: str, exclude_pk: int | None = None) -> str:
    """A unique, readable slug for ``name`` (accents folded: "Gốm Bát Tràng" → "gom-bat-trang")."""
    base = slugify(search_fold(name))[:200].strip("-") or "product"
    slug, n = base, 1
    others = Product.objects.exclude(pk=exclude_pk) if exclude_pk else Product.objects.all()
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _product_set_makers(product: Product, makers) -> None:
    makers = list(makers)
    if any(maker.cooperative_id != product.cooperative_id for maker in makers):
        raise ValidationError(_("Only makers of this cooperative can be credited."), code="maker_cooperative")
    product.makers.set(makers)


def _reviewed_values(product: Product) -> dict:
    values = {name: getattr(product, name) for name in REVIEWED_FIELDS if name not in ("category", "makers")}
    values["category"] = product.category_id
    values["makers"] = sorted(product.makers.values_list("pk", flat=True))
    return values


def _as_data(name: str, value):
    if name == "category":
        return getattr(value, "pk", value)
    if name == "makers":
        return sorted(getattr(m, "pk", m) for m in value)
    return value


@transaction.atomic
def product_update(*, product: Product, by, **fields) -> Product:
    """Change ``product``'s fields as its cooperative (or an officer for it) asks.

    Before approval every field changes at once. On an approved product the ``IMMEDIATE_FIELDS``
    (price, stock, shipping facts) change at once, while changes to the ``REVIEWED_FIELDS`` (name,
    category, story, video, makers) become a pending ``ProductRevision``: buyers keep seeing the
    approved version until an officer approves it. Archived products are not edited.
    """
    product = Product.objects.select_for_update().get(pk=product.pk)
    requested = dict(fields)
    unknown = set(fields) - set(IMMEDIATE_FIELDS) - set(REVIEWED_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if product.status == Status.ARCHIVED:
        raise ValidationError(_("An archived product cannot be edited."), code="archived")
    on_behalf = on_behalf_note(by=by, cooperative=product.cooperative)
    before = _audit_values(product, requested) if on_behalf else None
    if product.status == Status.APPROVED:
        current = _reviewed_values(product)
        proposed = {name: _as_data(name, value) for name, value in fields.items() if name in REVIEWED_FIELDS}
        pending = product.revisions.filter(status=ProductRevision.Status.PENDING).first()
        base = {**current, **({k: v for k, v in pending.data.items() if k in REVIEWED_FIELDS} if pending else {})}
        if any(base.get(name) != value for name, value in proposed.items()):
            changes = {name: value for name, value in {**base, **proposed}.items() if current.get(name) != value}
            product_revision_submit(product=product, by=by, changes=changes, replace_fields=True)
        fields = {name: value for name, value in fields.items() if name in IMMEDIATE_FIELDS}
    makers = fields.pop("makers", None)
    if "name" in fields and fields["name"] != product.name and product.status == Status.DRAFT:
        fields["slug"] = product_slug_for(name=fields["name"], exclude_pk=product.pk)
    for name, value in fields.items():
        setattr(product, name, value)
    product.full_clean(exclude=["makers", "slug"])
    product.save()
    if makers is not None:
        _product_set_makers(product, makers)
    product_search_refresh(product_ids=[product.pk])
    if on_behalf:
        ProductStatusChange.objects.create(
            product=product, from_status=product.status, to_status=product.status, by=by,
            reason=_("Edited %(on_behalf)s") % {"on_behalf": on_behalf},
        )
        # "after" is what was asked for: on an approved product the story part waits as a revision.
        audit_record(by=by, action="on_behalf.product_update", target=product, before=before,
                     after={name: _as_data(name, value) for name, value in requested.items()},
                     reason=on_behalf, on_behalf=True)
    return product


def product_reviewed_snapshot(*, product: Product) -> dict:
    """The moderated content of ``product`` (name, category, summary, story, video, makers, shown
    photos) as JSON-ready data: kept in the audit trail at each approval."""
    values = _reviewed_values(product)
    values["images"] = list(product.images.filter(published=True).order_by("position", "pk")
                            .values_list("pk", flat=True))
    return values


def _audit_values(product: Product, fields: dict) -> dict:
    current = _reviewed_values(product)
    return {name: current[name] if name in current else getattr(product, name) for name in fields}


def product_revision_pending(*, product: Product) -> ProductRevision | None:
    return product.revisions.filter(status=ProductRevision.Status.PENDING).first()


@transaction.atomic
def product_revision_submit(*, product: Product, by, changes: dict | None = None,
                            replace_fields: bool = False) -> ProductRevision:
    """Put changes to an approved product in front of an officer: the one pending revision is
    created or extended. With ``replace_fields`` the proposed fields replace those already pending."""
    if product.status != Status.APPROVED:
        raise ValidationError(_("Only an approved product has revisions."), code="not_approved")
    revision = (
        ProductRevision.objects.select_for_update().filter(product=product, status=ProductRevision.Status.PENDING)
        .first()
    )
    if revision is None:
        revision = ProductRevision(product=product, created_by=by)
    data = dict(revision.data)
    if replace_fields:
        data = {k: v for k, v in data.items() if k not in REVIEWED_FIELDS}
    data.update(changes or {})
    if not data and not product.images.filter(published=False).exists():
        # Everything was put back as it is: nothing left to review.
        if revision.pk:
            revision.delete()
        return revision
    revision.data = data
    revision.save()
    return revision


@transaction.atomic
def product_revision_approve(*, revision: ProductRevision, by, reason: str = "") -> Product:
    """Publish a pending revision: apply its fields, show its new photos, drop the removed ones,
    apply the new order, refresh search, record it in the product's history and tell the cooperative."""
    revision = ProductRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != ProductRevision.Status.PENDING:
        raise ValidationError(_("This revision has already been decided."), code="decided")
    product = Product.objects.select_for_update().get(pk=revision.product_id)
    data = revision.data
    before = product_reviewed_snapshot(product=product)
    for name in REVIEWED_FIELDS:
        if name in data and name not in ("category", "makers"):
            setattr(product, name, data[name])
    if "category" in data:
        product.category_id = data["category"]
    product.save()
    if "makers" in data:
        from sellers.models import Maker

        _product_set_makers(product, Maker.objects.filter(pk__in=data["makers"]))
    product.images.filter(pk__in=data.get("remove_images", [])).delete()
    product.images.filter(published=False).update(published=True)
    _images_renumber(product, data.get("image_order", []))
    revision.status, revision.decided_by, revision.reason = ProductRevision.Status.APPROVED, by, reason
    revision.save(update_fields=["status", "decided_by", "reason", "updated_at"])
    audit_record(by=by, action="revision.approve", target=product, before=before,
                 after={"revision": revision.pk, "data": data, "snapshot": product_reviewed_snapshot(product=product)},
                 reason=reason)
    product_search_refresh(product_ids=[product.pk])
    ProductStatusChange.objects.create(
        product=product, from_status=product.status, to_status=product.status, by=by,
        reason=reason or _("Changes to the story or photos approved."),
    )
    cooperative_notify(cooperative=product.cooperative, kind=Notification.Kind.LISTING_APPROVED, context={
        "product": product.name, "product_id": product.pk, "cooperative": product.cooperative.name,
        "reason": reason, "link": {"name": "catalog:product_detail", "kwargs": {"slug": product.slug}},
    })
    return product


@transaction.atomic
def product_revision_reject(*, revision: ProductRevision, by, reason: str) -> ProductRevision:
    """Turn down a pending revision with a reason: the approved version stays; its new photos go."""
    revision = ProductRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != ProductRevision.Status.PENDING:
        raise ValidationError(_("This revision has already been decided."), code="decided")
    product = revision.product
    product.images.filter(published=False).delete()
    revision.status, revision.decided_by, revision.reason = ProductRevision.Status.REJECTED, by, reason
    revision.save(update_fields=["status", "decided_by", "reason", "updated_at"])
    audit_record(by=by, action="revision.reject", target=product, before=None,
                 after={"revision": revision.pk, "data": revision.data}, reason=reason)
    ProductStatusChange.objects.create(
        product=product, from_status=product.status, to_status=product.status, by=by,
        reason=_("Changes not approved: %(reason)s") % {"reason": reason},
    )
    cooperative_notify(cooperative=product.cooperative, kind=Notification.Kind.LISTING_CHANGES_REQUESTED, context={
        "product": product.name, "product_id": product.pk, "cooperative": product.cooperative.name, "reason": reason,
    })
    return revision


def _images_renumber(product: Product, order: list[int]) -> None:
    """Positions 0, 1, 2… (0 is the cover) following ``order``, then the rest in their order."""
    images = list(product.images.order_by("position", "pk"))
    rank = {pk: i for i, pk in enumerate(order)}
    images.sort(key=lambda image: (rank.get(image.pk, len(rank)), image.position, image.pk))
    for position, image in enumerate(images):
        if image.position != position:
            image.position = position
            image.save(update_fields=["position"])


def _photos_staged(product: Product) -> bool:
    return product.status == Status.APPROVED


@transaction.atomic
def product_photo_add(*, product: Product, file, alt_text: str, by) -> ProductImage:
    """A seller adds a photo: on an approved product it is stored hidden and goes to review."""
    if not alt_text.strip():
        raise ValidationError(_("Describe the photo for people who cannot see it."), code="alt_required")
    image = product_image_add(product=product, file=file, alt_text=alt_text.strip(), by=by)
    if _photos_staged(product):
        ProductImage.objects.filter(pk=image.pk).update(published=False)
        image.published = False
        product_revision_submit(product=product, by=by)
    return image


@transaction.atomic
def product_image_remove(*, image: ProductImage, by) -> None:
    """Remove a photo; on an approved product a published photo goes only once the officer approves."""
    product = image.product
    if _photos_staged(product) and image.published:
        revision = product_revision_pending(product=product)
        removed = sorted({*(revision.data.get("remove_images", []) if revision else []), image.pk})
        product_revision_submit(product=product, by=by, changes={"remove_images": removed})
        return
    image.delete()
    _images_renumber(product, [])


@transaction.atomic
def product_images_reorder(*, product: Product, order: list[int], by) -> None:
    """Put the photos in ``order`` (photo ids; the first is the cover). Unknown ids are refused;
    on an approved product the new order waits for review."""
    known = set(product.images.values_list("pk", flat=True))
    if not set(order) <= known:
        raise ValidationError(_("These photos do not belong to this product."), code="unknown_image")
    if _photos_staged(product):
        product_revision_submit(product=product, by=by, changes={"image_order": list(order)})
        return
    _images_renumber(product, order)


@transaction.atomic
def product_image_alt_set(*, image: ProductImage, alt_text: str, by) -> None:
    """Change a photo's description (text for people who cannot see it; applies at once)."""
    if not alt_text.strip():
        raise ValidationError(_("Describe the photo for people who cannot see it."), code="alt_required")
    ProductImage.objects.filter(pk=image.pk).update(alt_text=alt_text.strip()[:250])


# --- the region tree ------------------------------------------------------------------------------

@transaction.atomic
def region_village_add(*, district, name: str, by) -> Region:
    """Add a village under ``district`` (an officer confirming a cooperative's proposed village):
    a unique slug from its accent-folded name, its tree path set by ``Region.save``, the cached
    filter menus cleared once it commits. A village of that name already there is refused."""
    from .selectors import taxonomy_cache_clear

    name = " ".join(name.split())
    if district is None or district.kind != Region.Kind.DISTRICT:
        raise ValidationError(_("A new village goes under a district."), code="not_a_district")
    if not name:
        raise ValidationError(_("Give the village a name."), code="name_required")
    if district.children.filter(name__iexact=name).exists():
        raise ValidationError(_("%(district)s already has a village called %(name)s: merge into it instead."),
                              code="village_exists", params={"district": district.name, "name": name})
    base = slugify(search_fold(name))[:70].strip("-") or "village"
    slug, n = base, 1
    while Region.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    village = Region.objects.create(name=name, slug=slug, kind=Region.Kind.VILLAGE, parent=district)
    transaction.on_commit(taxonomy_cache_clear)
    return village
