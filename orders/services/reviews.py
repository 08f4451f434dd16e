"""Reviews of delivered goods: one per order line, by the buyer who received it, with an optional
photo through the same pipeline as product photos; the cooperative may reply once; officers
hide or show them."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.services import photo_add
from ovop_market.models import Notification
from ovop_market.services import notification_send
from sellers.selectors import may_act_for
from sellers.services import cooperative_notify

from ..models import OrderLine, Review, ReviewPhoto, Shipment

REVIEW_TEXT_MAX = 4000
REPLY_TEXT_MAX = 2000


def review_author_name(user) -> str:
    """How a reviewer is shown: first name and the initial of the last ("Mai N.")."""
    parts = (user.full_name or "").split()
    if not parts:
        return _("A buyer")
    return parts[0] if len(parts) == 1 else f"{parts[0]} {parts[-1][0]}."


def review_may_write(*, line: OrderLine, user) -> bool:
    """The line's buyer, once it is delivered, if it has no review yet and the product still exists."""
    shipment = line.shipment
    return (user is not None and user.is_authenticated and shipment.order.user_id == user.pk
            and shipment.status == Shipment.Status.DELIVERED and line.product_id is not None
            and not Review.objects.filter(line=line).exists())


def review_create(*, line: OrderLine, by, rating, text: str = "", photo=None) -> Review:
    """The buyer reviews one delivered line: a rating of 1 to 5, words, a photo if they like.
    Refuses anybody else, an undelivered line and a second review of the same line."""
    line = OrderLine.objects.select_related("shipment__order", "shipment__cooperative", "product").get(pk=line.pk)
    shipment = line.shipment
    if by is None or not by.is_authenticated or shipment.order.user_id != by.pk:
        raise PermissionDenied
    if shipment.status != Shipment.Status.DELIVERED:
        raise ValidationError(_("You can review this once it has been delivered."), code="not_delivered")
    if line.product_id is None:
        raise ValidationError(_("This product is no longer listed and cannot be reviewed."), code="no_product")
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose from 1 to 5 stars.")})
    text = (text or "").strip()
    if len(text) > REVIEW_TEXT_MAX:
        raise ValidationError({"text": _("This is too long (at most %(limit)d characters).")
                               % {"limit": REVIEW_TEXT_MAX}})
    try:
        with transaction.atomic():
            review = Review.objects.create(line=line, product=line.product, author=by,
                                           author_name=review_author_name(by), rating=rating, text=text)
            if photo is not None:
                photo_add(photo=ReviewPhoto(review=review, alt_text=_("Photo by %(name)s of %(product)s")
                                            % {"name": review.author_name, "product": line.product_name}),
                          file=photo, by=by)
            cooperative_notify(cooperative=shipment.cooperative, kind=Notification.Kind.REVIEW_NEW_FOR_SELLER,
                               context={"cooperative": shipment.cooperative.name, "product": line.product_name,
                                        "rating": rating, "text": text, "author": review.author_name,
                                        "link": {"name": "sellers:reviews", "kwargs": {}}})
    except IntegrityError:
        raise ValidationError(_("You have already reviewed this."), code="already_reviewed") from None
    return review


@transaction.atomic
def review_reply(*, review: Review, by, text: str) -> Review:
    """The cooperative answers a review, once, in public. The reviewer is told."""
    review = Review.objects.select_for_update().select_related("product__cooperative", "line__shipment__order").get(
        pk=review.pk)
    cooperative = review.product.cooperative
    if by is None or not may_act_for(user=by, cooperative=cooperative):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your reply.")})
    if len(text) > REPLY_TEXT_MAX:
        raise ValidationError({"text": _("This is too long (at most %(limit)d characters).")
                               % {"limit": REPLY_TEXT_MAX}})
    if review.reply:
        raise ValidationError(_("This review already has your reply."), code="already_replied")
    review.reply, review.replied_at, review.replied_by = text, timezone.now(), by
    review.save(update_fields=["reply", "replied_at", "replied_by"])
    if review.author is not None and review.author.is_active:
        notification_send(kind=Notification.Kind.REVIEW_REPLIED, user=review.author, context={
            "cooperative": cooperative.name, "product": review.line.product_name, "reply": text,
            "link": {"name": "catalog:product_detail", "kwargs": {"slug": review.product.slug}},
        })
    return review


@transaction.atomic
def review_set_published(*, review: Review, by, published: bool) -> Review:
    """An officer hides a review (abuse, personal data) or shows it again."""
    if by is None or not by.is_authenticated or not by.is_staff:
        raise PermissionDenied
    Review.objects.filter(pk=review.pk).update(published=published)
    review.published = published
    return review
