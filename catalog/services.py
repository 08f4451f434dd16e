"""Catalog writes: creating products and moving them through moderation.

Every status change goes through ``product_set_status`` and its transition table.
"""
import uuid

from django.db import transaction
from django.utils import timezone

from ovop_market.models import Notification
from ovop_market.outbox import outbox_enqueue
from ovop_market.workflow import status_transition
from sellers.services import cooperative_notify

from .models import Photo, Product, ProductImage, ProductStatusChange, RegionImage
from .search import product_search_refresh
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

# The officer's decisions the cooperative is told about, with the reason.
LISTING_DECISIONS = {
    Status.APPROVED: Notification.Kind.LISTING_APPROVED,
    Status.CHANGES_REQUESTED: Notification.Kind.LISTING_CHANGES_REQUESTED,
    Status.REJECTED: Notification.Kind.LISTING_REJECTED,
}


@transaction.atomic
def product_set_status(*, product: Product, to: str, by=None, reason: str = "") -> Product:
    """Apply one moderation status change under a row lock and record who made it and why."""
    locked = Product.objects.select_for_update().get(pk=product.pk)
    extra = {}
    if to == Status.APPROVED:
        locked.approved_at = timezone.now()
        extra["update_fields"] = ["approved_at", "updated_at"]
    status_transition(
        instance=locked, field="status", to=to, allowed=PRODUCT_TRANSITIONS,
        history=ProductStatusChange, by=by, reason=reason, product=locked, **extra,
    )
    if to in LISTING_DECISIONS:
        context = {"product": locked.name, "product_id": locked.pk, "cooperative": locked.cooperative.name,
                   "reason": reason}
        if to == Status.APPROVED:
            context["link"] = {"name": "catalog:product_detail", "kwargs": {"slug": locked.slug}}
        cooperative_notify(cooperative=locked.cooperative, kind=LISTING_DECISIONS[to], context=context)
    product.status, product.approved_at = locked.status, locked.approved_at
    return product


def product_submit(*, product: Product, by) -> Product:
    return product_set_status(product=product, to=Status.SUBMITTED, by=by)


def product_approve(*, product: Product, by, reason: str = "") -> Product:
    return product_set_status(product=product, to=Status.APPROVED, by=by, reason=reason)


@transaction.atomic
def product_create(*, cooperative, by, images=(), **fields) -> Product:
    """Create a draft product for ``cooperative``; ``images`` are (file, alt text) pairs.

    ``origin`` defaults to the cooperative's village.
    """
    fields.setdefault("origin", cooperative.village)
    product = Product.objects.create(cooperative=cooperative, **fields)
    for position, (file, alt) in enumerate(images):
        product_image_add(product=product, file=file, alt_text=alt, by=by, position=position)
    product_search_refresh(product_ids=[product.pk])
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
