"""Catalog writes: creating products and moving them through moderation.

Every status change goes through ``product_set_status`` and its transition table.
"""
from django.db import transaction
from django.utils import timezone

from ovop_market.workflow import status_transition

from .models import Product, ProductImage, ProductStatusChange
from .search import product_search_refresh

Status = Product.Status

PRODUCT_TRANSITIONS = {
    Status.DRAFT: {Status.SUBMITTED, Status.ARCHIVED},
    Status.SUBMITTED: {Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED, Status.DRAFT},
    Status.CHANGES_REQUESTED: {Status.SUBMITTED, Status.DRAFT, Status.ARCHIVED},
    Status.APPROVED: {Status.ARCHIVED, Status.CHANGES_REQUESTED},
    Status.REJECTED: {Status.DRAFT, Status.ARCHIVED},
    Status.ARCHIVED: {Status.DRAFT},
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
    ProductImage.objects.bulk_create(
        [ProductImage(product=product, image=file, alt_text=alt, position=i) for i, (file, alt) in enumerate(images)]
    )
    product_search_refresh(product_ids=[product.pk])
    return product
