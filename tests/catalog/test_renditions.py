"""An uploaded photo becomes small, upright, metadata-free renditions, made by a worker after commit.

Most tests run the pipeline in this process (the embedded default); the last ones run it through
the real Redis and a real Celery worker process (PostgreSQL and Redis only, as in CI).
"""
import io

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from kombu import pools
from PIL import Image, ImageCms

from catalog import imaging
from catalog.models import ProductImage, RegionImage
from catalog.renditions import photo_render
from catalog.services import photo_render_again, product_create, product_image_add, region_image_add
from ovop_market.celery import app
from ovop_market.models import OutboxMessage
from tests.factories import CategoryFactory, CooperativeFactory, ProductFactory, RegionFactory
from tests.photos import RED, display_p3_profile, heic_bytes, image_bytes, jpeg_bytes, picture, upload

WIDTHS = [1280, 640, 320]


@pytest.fixture
def tasks_in_process():
    """The embedded default (no REDIS_URL): outbox tasks run in this process right after commit,
    even when REDIS_URL points at a broker (nothing is left in a shared Redis)."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
    # Publishing opened pooled broker connections; leave none behind for tests that switch brokers.
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def add_photo(data: bytes, name="photo.jpg", product=None) -> ProductImage:
    return product_image_add(product=product or ProductFactory(), file=upload(data, name), alt_text="A bowl", by=None)


def rendered(data: bytes, name="photo.jpg") -> ProductImage:
    photo = add_photo(data, name)
    photo_render(model="productimage", photo_id=photo.pk)
    photo.refresh_from_db()
    return photo


def open_rendition(entry) -> Image.Image:
    with default_storage.open(entry["name"], "rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def media_files(settings) -> dict:
    root = settings.MEDIA_ROOT
    return {path: path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()}


# --- the pipeline ---------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_sideways_phone_photo_becomes_upright_renditions_in_webp_and_jpeg_without_metadata():
    # Stored 2000×1500 with orientation 6: the camera was held upright, so it shows 1500×2000.
    photo = rendered(jpeg_bytes((2000, 1500), orientation=6, icc_profile=_srgb_profile()))

    assert photo.rendition_status == "ready" and photo.rendition_error == ""
    assert (photo.width, photo.height) == (1500, 2000)
    made = sorted((e["kind"], e["format"], e["width"], e["height"]) for e in photo.renditions)
    assert made == sorted(
        [("width", f, w, round(w * 2000 / 1500)) for w in WIDTHS for f in ("webp", "jpeg")]
        + [("card", f, 480, 480) for f in ("webp", "jpeg")]
    )
    for entry in photo.renditions:
        image = open_rendition(entry)
        assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[entry["format"]]
        assert image.size == (entry["width"], entry["height"])
        assert not image.getexif(), entry["name"]  # no orientation, maker or GPS left
        assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp"} & set(image.info), entry["name"]
        if entry["kind"] == "width":
            # The red corner was stored top-left; turned upright it is top-right.
            assert _near(image.getpixel((image.width - 3, 3)), RED), entry["name"]
            assert not _near(image.getpixel((3, 3)), RED), entry["name"]
    assert photo.placeholder_colour.startswith("#") and len(photo.placeholder_colour) == 7


@pytest.mark.django_db
def test_a_heic_photo_from_a_phone_is_rendered():
    photo = rendered(heic_bytes((1600, 1200)), "IMG_0042.HEIC")

    assert photo.image.name.endswith(".heic")
    assert photo.rendition_status == "ready", photo.rendition_error
    widths = sorted({e["width"] for e in photo.renditions if e["kind"] == "width"})
    assert widths == [320, 640, 1280]
    jpeg_1280 = next(e for e in photo.renditions if e["width"] == 1280 and e["format"] == "jpeg")
    image = open_rendition(jpeg_1280)
    assert image.size == (1280, 960) and not image.getexif()
    assert _near(image.getpixel((3, 3)), RED)


@pytest.mark.django_db
def test_a_small_photo_is_never_enlarged():
    photo = rendered(image_bytes("PNG", (500, 300)), "small.png")

    assert sorted({(e["kind"], e["width"], e["height"]) for e in photo.renditions}) == [
        ("card", 300, 300), ("width", 320, 192), ("width", 500, 300)]


def test_a_photo_just_wider_than_a_standard_width_is_not_made_twice_as_big():
    widths = {r.width for r in imaging.renditions_make(image_bytes("PNG", (700, 525))).renditions if r.kind == "width"}

    assert widths == {640, 320}


@pytest.mark.django_db
def test_a_transparent_png_is_flattened_onto_white():
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 300), (0, 0, 0, 0)).save(buffer, "PNG")
    photo = rendered(buffer.getvalue(), "logo.png")

    webp = next(e for e in photo.renditions if e["format"] == "webp" and e["kind"] == "width")
    assert open_rendition(webp).convert("RGB").getpixel((10, 10)) == (255, 255, 255)


def test_a_photo_in_a_wide_gamut_profile_is_converted_to_srgb_and_the_profile_dropped():
    # The same numbers mean a deeper red in Display P3 than in sRGB: converted, red gets redder.
    plain = imaging.renditions_make(_png_with_profile(None))
    tagged = imaging.renditions_make(_png_with_profile(display_p3_profile()))

    def corner(result):
        entry = next(r for r in result.renditions if r.format == "webp" and r.width == 320)
        image = Image.open(io.BytesIO(entry.data))
        assert "icc_profile" not in image.info
        return image.convert("RGB").getpixel((3, 3))

    (red, green, _blue), (plain_red, plain_green, _) = corner(tagged), corner(plain)
    assert red > plain_red + 10 and green < plain_green


@pytest.mark.django_db
def test_rendering_again_does_nothing_when_the_renditions_are_already_made(settings):
    photo = rendered(jpeg_bytes((1400, 1050)))
    before = media_files(settings)

    assert photo_render(model="productimage", photo_id=photo.pk) == "unchanged"
    assert media_files(settings) == before
    photo.refresh_from_db()
    assert photo.rendition_status == "ready"


@pytest.mark.django_db
def test_rendition_names_carry_the_content_fingerprint(settings):
    photo = rendered(jpeg_bytes((700, 525)))

    fingerprint = photo.source_fingerprint[:16]
    assert all(f"/{photo.pk}/{fingerprint}-" in e["name"] for e in photo.renditions)
    assert {e["name"].rsplit("-", 1)[1] for e in photo.renditions} == {
        "640w.webp", "640w.jpg", "320w.webp", "320w.jpg", "card480x480.webp", "card480x480.jpg"}


@pytest.mark.django_db
def test_a_corrupt_original_marks_the_photo_failed_with_the_reason():
    photo = add_photo(jpeg_bytes((800, 600)))
    # Damaged after the upload checks (a bad disk, a half-synced bucket): header kept, data garbage.
    with default_storage.open(photo.image.name, "rb") as stored:
        good = stored.read()
    default_storage.delete(photo.image.name)
    default_storage.save(photo.image.name, upload(good[:600] + b"\x13" * 4000 + b"\xff\xd9"))

    assert photo_render(model="productimage", photo_id=photo.pk) == "failed"
    photo.refresh_from_db()
    assert photo.rendition_status == "failed"
    assert photo.rendition_error.startswith("The original cannot be decoded")
    assert photo.renditions == []


@pytest.mark.django_db
def test_a_photo_deleted_before_its_turn_is_skipped():
    photo = add_photo(jpeg_bytes((64, 48)))
    photo_id = photo.pk
    photo.delete()

    assert photo_render(model="productimage", photo_id=photo_id) == "missing"


# --- requested through the outbox, in the same transaction ------------------------------------------------

@pytest.mark.django_db
def test_adding_a_photo_records_the_rendering_request_in_the_same_transaction():
    product = ProductFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        add_photo(jpeg_bytes((64, 48)), product=product)
        raise RuntimeError("the request fails after the photo was added")
    assert not ProductImage.objects.exists() and not OutboxMessage.objects.exists()

    photo = add_photo(jpeg_bytes((64, 48)), product=product)
    [message] = OutboxMessage.objects.all()
    assert message.task_name == "catalog.photo_render" and message.queue == "images"
    assert message.kwargs == {"model": "productimage", "photo_id": photo.pk, "force": False}


@pytest.mark.django_db
def test_with_no_broker_the_renditions_are_made_right_after_commit(tasks_in_process,
                                                                    django_capture_on_commit_callbacks):
    cooperative = CooperativeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        product = product_create(
            cooperative=cooperative, by=None, category=CategoryFactory(), name="Tea bowl", slug="tea-bowl", price=12,
            images=[(upload(jpeg_bytes((900, 675))), "The bowl"), (upload(heic_bytes((640, 480)), "b.heic"), "Glaze")],
        )
        region = RegionFactory()
        region_image_add(region=region, file=upload(jpeg_bytes((800, 600))), alt_text="The river", by=None)

    assert [p.rendition_status for p in product.images.order_by("position")] == ["ready", "ready"]
    assert RegionImage.objects.get(region=region).rendition_status == "ready"
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"done"}


@pytest.mark.django_db
def test_rendering_again_remakes_a_failed_photo(tasks_in_process, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = add_photo(jpeg_bytes((800, 600)))
    ProductImage.objects.filter(pk=photo.pk).update(rendition_status="failed", rendition_error="disk was full")

    with django_capture_on_commit_callbacks(execute=True):
        photo_render_again(photo=photo, by=None)

    photo.refresh_from_db()
    assert (photo.rendition_status, photo.rendition_error) == ("ready", "")


# --- a real worker on the real broker (PostgreSQL + Redis; CI) ---------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_the_worker_renders_uploads_rotated_heic_and_corrupt_alike(celery_worker):
    product = ProductFactory()
    with transaction.atomic():  # the requests reach the broker when this commits
        sideways = add_photo(jpeg_bytes((2000, 1500), orientation=6), product=product)
        heic = add_photo(heic_bytes((1600, 1200)), "IMG_0001.HEIC", product=product)
        broken = add_photo(jpeg_bytes((800, 600)), product=product)
        # Damaged after it passed the checks (a bad disk, a half-synced bucket), before the worker reads it.
        default_storage.delete(broken.image.name)
        default_storage.save(broken.image.name, upload(b"\xff\xd8\xff\xdb" + b"\x00" * 64 + b"\xff\xd9"))

    def finished():
        statuses = dict(ProductImage.objects.filter(product=product).values_list("pk", "rendition_status"))
        return "pending" not in statuses.values() and statuses

    statuses = celery_worker.wait_for(finished, timeout=60, what="the worker to render three photos")

    assert statuses == {sideways.pk: "ready", heic.pk: "ready", broken.pk: "failed"}
    sideways.refresh_from_db()
    for entry in sideways.renditions:
        image = open_rendition(entry)
        assert image.size == (entry["width"], entry["height"]) and not image.getexif()
    largest = max((e for e in sideways.renditions if e["format"] == "jpeg"), key=lambda e: e["width"])
    assert (largest["width"], largest["height"]) == (1280, 1707)
    assert _near(open_rendition(largest).getpixel((1276, 3)), RED)
    heic.refresh_from_db()
    assert {e["format"] for e in heic.renditions} == {"webp", "jpeg"}
    broken.refresh_from_db()
    assert broken.rendition_error.startswith("The original cannot be decoded")
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"done"}


@pytest.mark.django_db(transaction=True)
def test_the_worker_leaves_a_ready_photo_alone_when_asked_twice(celery_worker, settings):
    photo = add_photo(jpeg_bytes((1400, 1050)))
    celery_worker.wait_for(lambda: ProductImage.objects.get(pk=photo.pk).rendition_status == "ready", timeout=60)
    before = media_files(settings)

    from catalog.services import photo_render_request

    with transaction.atomic():
        photo_render_request(photo=photo)
    celery_worker.wait_for(
        lambda: not OutboxMessage.objects.exclude(status="done").exists(), timeout=60, what="the second request")

    assert media_files(settings) == before


# --- helpers ---------------------------------------------------------------------------------------------

def _near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def _srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _png_with_profile(icc: bytes | None) -> bytes:
    buffer = io.BytesIO()
    picture((400, 300)).save(buffer, "PNG", **({"icc_profile": icc} if icc else {}))
    return buffer.getvalue()
