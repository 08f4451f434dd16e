"""Making and finding a photo's renditions: the worker's service and the templates' helpers.

``photo_render`` is what the ``catalog.photo_render`` task calls. It is idempotent: the rendition
names contain a fingerprint of the original's bytes and of the pipeline version, so a photo that
is ready with the same fingerprint is left alone, and a second run after a crash rewrites the
same names. A photo that cannot be decoded is marked failed with the reason; storage errors are
raised for the task to retry.
"""
import hashlib
import logging

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from . import imaging
from .models import Photo

logger = logging.getLogger(__name__)
RenditionStatus = Photo.RenditionStatus
# Which models have photos: the task gets one of these names and a primary key.
PHOTO_MODELS = {"productimage": "catalog.ProductImage", "regionimage": "catalog.RegionImage",
                "reviewphoto": "orders.ReviewPhoto"}
FINGERPRINT_LENGTH = 16  # of the hex digest, in file names


def photo_model(name: str) -> type[Photo]:
    return apps.get_model(PHOTO_MODELS[name])


def photo_fingerprint(source: bytes) -> str:
    """A hash of the original's bytes and of everything that shapes the renditions."""
    digest = hashlib.sha256(source)
    settings_text = f"{imaging.PIPELINE_VERSION}|{imaging.WIDTHS}|{imaging.CARD_SIZE}|" \
                    f"{imaging.WEBP_QUALITY}|{imaging.JPEG_QUALITY}"
    digest.update(settings_text.encode())
    return digest.hexdigest()


def rendition_name(photo: Photo, *, fingerprint: str, kind: str, width: int, height: int, image_format: str) -> str:
    label = f"{width}w" if kind == "width" else f"card{width}x{height}"
    extension = "jpg" if image_format == "jpeg" else image_format
    return f"renditions/{photo.MEDIA_FOLDER}/{photo.pk}/{fingerprint[:FINGERPRINT_LENGTH]}-{label}.{extension}"


def photo_render(*, model: str, photo_id: int, force: bool = False) -> str:
    """Make the renditions of one photo; returns what happened ("ready", "failed", "unchanged",
    "missing"). Safe to run any number of times, concurrently too (the row is locked)."""
    Model = photo_model(model)
    if not Model.objects.filter(pk=photo_id).exists():
        return "missing"  # deleted after it was uploaded: nothing to do
    photo = Model.objects.only("image", "rendition_status", "source_fingerprint").get(pk=photo_id)
    source = _read_original(photo)  # OSError (storage trouble) propagates: the task retries
    if source is None:
        _photo_failed(Model, photo_id, "The original file is missing from storage.")
        return "failed"
    fingerprint = photo_fingerprint(source)
    if not force and photo.rendition_status == RenditionStatus.READY and photo.source_fingerprint == fingerprint:
        return "unchanged"
    try:
        result = imaging.renditions_make(source, max_pixels=_max_pixels())
    except imaging.ImageUnreadable as error:
        _photo_failed(Model, photo_id, f"The original cannot be decoded: {error}")
        return "failed"

    with transaction.atomic():
        locked = Model.objects.select_for_update().filter(pk=photo_id).first()
        if locked is None:
            return "missing"
        if not force and locked.rendition_status == RenditionStatus.READY and locked.source_fingerprint == fingerprint:
            return "unchanged"  # another run finished first
        previous = {entry["name"] for entry in locked.renditions}
        renditions = []
        for made in result.renditions:
            name = rendition_name(locked, fingerprint=fingerprint, kind=made.kind, width=made.width,
                                  height=made.height, image_format=made.format)
            _store(made.data, name)
            renditions.append(
                {"kind": made.kind, "width": made.width, "height": made.height, "format": made.format, "name": name}
            )
        Model.objects.filter(pk=photo_id).update(
            rendition_status=RenditionStatus.READY, renditions=renditions, placeholder_colour=result.placeholder_colour,
            width=result.width, height=result.height, source_fingerprint=fingerprint, rendition_error="",
            rendered_at=timezone.now(),
        )
        stale = previous - {entry["name"] for entry in renditions}
        transaction.on_commit(lambda: _delete_files(stale))
    return "ready"


def _read_original(photo: Photo) -> bytes | None:
    name = photo.image.name
    if not name or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as original:
        return original.read()


def _store(data: bytes, name: str) -> str:
    """Write ``data`` under exactly ``name``: a file left by an interrupted run is replaced."""
    if default_storage.exists(name):
        default_storage.delete(name)
    stored = default_storage.save(name, ContentFile(data))
    if stored != name:  # another process wrote it in between: same content, keep one copy
        default_storage.delete(stored)
    return name


def _delete_files(names) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # an orphan file is harmless; the next clean-up can take it
            logger.warning("Could not delete the old rendition %s", name)


def photo_mark_failed(*, model: str, photo_id: int, reason: str) -> None:
    _photo_failed(photo_model(model), photo_id, reason)


def _photo_failed(Model, photo_id: int, reason: str) -> None:
    logger.warning("Photo %s #%s failed: %s", Model.__name__, photo_id, reason)
    Model.objects.filter(pk=photo_id).update(
        rendition_status=RenditionStatus.FAILED, rendition_error=reason[:2000], rendered_at=timezone.now()
    )


def _max_pixels() -> int:
    from django.conf import settings

    return settings.IMAGE_UPLOAD_MAX_PIXELS


# --- reading them back, for pages and the API ----------------------------------------------------------

def photo_sources(photo: Photo, *, kind: str = "width") -> dict | None:
    """``{"webp": srcset, "jpeg": srcset, "src", "width", "height"}`` for a ready photo, else None.

    ``kind`` is "width" (the 320/640/1280 widths) or "card" (the square crop). ``src`` is the
    middle-sized JPEG, the fallback for browsers without ``srcset``.
    """
    if photo.rendition_status != RenditionStatus.READY:
        return None
    entries = sorted((e for e in photo.renditions if e["kind"] == kind), key=lambda e: e["width"])
    if not entries:
        return None
    srcsets = {}
    for image_format in imaging.FORMATS:
        candidates = [e for e in entries if e["format"] == image_format]
        srcsets[image_format] = ", ".join(f"{default_storage.url(e['name'])} {e['width']}w" for e in candidates)
    jpegs = [e for e in entries if e["format"] == "jpeg"]
    fallback = jpegs[len(jpegs) // 2] if len(jpegs) > 2 else jpegs[-1]
    return {
        "webp": srcsets["webp"],
        "jpeg": srcsets["jpeg"],
        "src": default_storage.url(fallback["name"]),
        "width": fallback["width"],
        "height": fallback["height"],
    }


def photo_largest_jpeg(photo: Photo) -> dict | None:
    """The largest JPEG width rendition (``{"url", "width", "height"}``): what social cards and
    partners get. None while the renditions are not ready: the original is never linked."""
    if photo.rendition_status != RenditionStatus.READY:
        return None
    jpegs = [e for e in photo.renditions if e["kind"] == "width" and e["format"] == "jpeg"]
    if not jpegs:
        return None
    largest = max(jpegs, key=lambda e: e["width"])
    return {"url": default_storage.url(largest["name"]), "width": largest["width"], "height": largest["height"]}
