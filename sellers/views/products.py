"""The seller centre's product editor: list, create, edit, photos, preview, submit.

Works without JavaScript: every photo action is a submit button of the editor's form.
Every change goes through ``catalog.services``.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from catalog import services
from catalog.models import Product, ProductImage
from sellers.product_forms import ALT_TEXT_HINT, STORY_PROMPTS, ProductForm

from .access import product_for, seller_required

PHOTO_ACTIONS = {"up", "down", "cover", "remove"}


@seller_required
def product_list(request):
    products = (
        Product.objects.filter(cooperative=request.cooperative)
        .select_related("category")
        .order_by("-updated_at", "-pk")
    )
    groups = {value: (label, []) for value, label in Product.Status.choices}
    for product in products:
        groups[product.status][1].append(product)
    return render(request, "sellers/products/list.html", {"groups": [g for g in groups.values() if g[1]]})


@seller_required
def product_create(request):
    form = ProductForm(request.POST or None, cooperative=request.cooperative)
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_create(cooperative=request.cooperative, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            refused = _photos_add(request, product)
            if refused is None:
                messages.success(request, _("Saved as a draft."))
            return redirect("sellers:product_edit", pk=product.pk)
    return render(request, "sellers/products/form.html", _editor_context(form=form, product=None))


@seller_required
def product_edit(request, pk):
    product = product_for(request, pk)
    revision = services.product_revision_pending(product=product)
    initial = {"makers": list(product.makers.all())}
    if revision:
        initial.update({k: v for k, v in revision.data.items() if k in services.REVIEWED_FIELDS})
    form = ProductForm(request.POST or None, instance=product, initial=initial, cooperative=product.cooperative)
    if request.method == "POST":
        if product.status == Product.Status.ARCHIVED:
            messages.error(request, _("An archived product cannot be edited."))
            return redirect("sellers:product_edit", pk=product.pk)
        if form.is_valid():
            try:
                services.product_update(product=product, by=request.user, **form.cleaned_data)
                _alt_texts_set(request, product)
                refused = _photos_add(request, product)
                _photo_action(request, product)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if "submit" in request.POST and product.status in {
                    Product.Status.DRAFT, Product.Status.CHANGES_REQUESTED
                }:
                    services.product_submit(product=product, by=request.user)
                    messages.success(request, _("Sent for review. An officer will look at it soon."))
                elif refused is None:
                    messages.success(request, _("Saved."))
                return redirect("sellers:product_edit", pk=product.pk)
    return render(request, "sellers/products/form.html", _editor_context(form=form, product=product, revision=revision))


@seller_required
def product_submit(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    product = product_for(request, pk)
    try:
        services.product_submit(product=product, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sent for review. An officer will look at it soon."))
    return redirect("sellers:product_edit", pk=product.pk)


@seller_required
def product_archive(request, pk):
    """Take a product off sale (and out of the editor's way); it can be brought back as a draft."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    product = product_for(request, pk)
    try:
        services.product_archive(product=product, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Archived: buyers no longer see it."))
    return redirect("sellers:product_list")


@seller_required
def product_preview(request, pk):
    """The product page as a buyer will see it, for its cooperative and staff only."""
    product = product_for(request, pk)
    revision = services.product_revision_pending(product=product)
    images = list(product.images.all())
    if revision:
        # Show what the officer will be asked to approve.
        for name, value in revision.data.items():
            if name in services.REVIEWED_FIELDS and name not in ("category", "makers"):
                setattr(product, name, value)
        removed = set(revision.data.get("remove_images", []))
        order = {pk: i for i, pk in enumerate(revision.data.get("image_order", []))}
        images = sorted(
            (i for i in images if i.pk not in removed), key=lambda i: (order.get(i.pk, len(order)), i.position)
        )
    product.active_grades = []
    village = product.cooperative.village
    response = render(request, "sellers/products/preview.html", {
        "product": product, "images": images, "village_trail": [*village.ancestors(), village],
        "related_products": [], "preview": True,
    })
    response["X-Robots-Tag"] = "noindex"
    return response


def _editor_context(*, form, product, revision=None) -> dict:
    reason = ""
    if product and product.status == Product.Status.CHANGES_REQUESTED:
        last = product.status_changes.filter(to_status=Product.Status.CHANGES_REQUESTED).first()
        reason = last.reason if last else ""
    images = []
    if product:
        by_pk = {image.pk: image for image in product.images.all()}
        images = [by_pk[pk] for pk in _current_order(product)]
    return {
        "form": form, "product": product, "revision": revision, "images": images,
        "removing": revision.data.get("remove_images", []) if revision else [],
        "officer_reason": reason, "alt_text_hint": ALT_TEXT_HINT, "story_fields": list(STORY_PROMPTS),
    }


def _photos_add(request, product) -> list | None:
    """Add each chosen photo; a refused file is reported by name and the others are kept.
    Returns the refusals, or None when every file (or none) was added."""
    files = request.FILES.getlist("photos")
    if not files:
        return None
    alt_text = request.POST.get("photo_alt", "").strip()
    if not alt_text:
        messages.error(request, _("Photos not added: describe what they show. %(hint)s") % {"hint": ALT_TEXT_HINT})
        return [None]
    refused = []
    for file in files:
        try:
            services.product_photo_add(product=product, file=file, alt_text=alt_text, by=request.user)
        except ValidationError as error:
            refused.append(file.name)
            messages.error(request, _("“%(name)s” was not added: %(reason)s") % {
                "name": file.name, "reason": " ".join(error.messages)})
    added = len(files) - len(refused)
    if added:
        messages.success(request, _("%(count)s photo(s) added.") % {"count": added})
    return refused or None


def _alt_texts_set(request, product) -> None:
    for image in product.images.all():
        value = request.POST.get(f"alt_{image.pk}")
        if value is not None and value.strip() and value.strip() != image.alt_text:
            services.product_image_alt_set(image=image, alt_text=value, by=request.user)


def _photo_action(request, product) -> None:
    """Apply a photo button (``photo_action`` = ``up:<id>``, ``down:<id>``, ``cover:<id>``, ``remove:<id>``)."""
    action, _sep, pk = request.POST.get("photo_action", "").partition(":")
    if action not in PHOTO_ACTIONS or not pk.isdigit():
        return
    image = get_object_or_404(ProductImage, pk=int(pk), product=product)
    if action == "remove":
        services.product_image_remove(image=image, by=request.user)
        return
    order = _current_order(product)
    index = order.index(image.pk)
    order.pop(index)
    target = {"up": max(index - 1, 0), "down": index + 1, "cover": 0}[action]
    order.insert(target, image.pk)
    services.product_images_reorder(product=product, order=order, by=request.user)


def _current_order(product) -> list[int]:
    revision = services.product_revision_pending(product=product)
    ids = list(product.images.order_by("position", "pk").values_list("pk", flat=True))
    staged = revision.data.get("image_order", []) if revision else []
    rank = {pk: i for i, pk in enumerate(staged)}
    return sorted(ids, key=lambda pk: (rank.get(pk, len(rank)), ids.index(pk)))
