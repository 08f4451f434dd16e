"""Photo uploads are checked by content before anything is stored; refusals say why."""
import io

import pillow_heif
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.models import ProductImage
from catalog.services import product_image_add
from catalog.uploads import UploadedImageField, image_format_sniff, image_upload_check
from ovop_market.models import OutboxMessage
from tests.factories import ProductFactory
from tests.photos import heic_bytes, image_bytes, jpeg_bytes, png_bomb, upload

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert('x')</script></body></html>"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
FITS = b"SIMPLE  =                    T / conforms to FITS standard".ljust(2880, b" ")


def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, "GIF")
    return buffer.getvalue()


@pytest.fixture
def pillow_must_not_open(monkeypatch):
    """Pillow and libheif are not our code, so they may be rigged: any attempt to open fails loudly."""
    def refuse(*args, **kwargs):
        raise AssertionError("the image library was asked to open a file that should have been refused")

    monkeypatch.setattr(Image, "open", refuse)
    monkeypatch.setattr(pillow_heif, "open_heif", refuse)


def refusal(data: bytes, name: str = "photo.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        image_upload_check(upload(data, name))
    return caught.value


NEVER_OPENED = [
    pytest.param(png_bomb(12000, 12000), "bomb.png", "too_many_pixels",
                 "12000 × 12000 pixels (144 megapixels); at most 50 megapixels", id="12000x12000-png"),
    pytest.param(png_bomb(20000, 20000), "huge.png", "too_many_pixels",
                 "20000 × 20000 pixels (400 megapixels)", id="20000x20000-png"),
    pytest.param(jpeg_bytes((1200, 900))[:-300], "cut.jpg", "truncated", "file ends too early", id="truncated-jpeg"),
    pytest.param(PDF, "leaflet.jpg", "unsupported", "This file is a PDF document", id="pdf"),
    pytest.param(SVG, "logo.svg", "unsupported", "This file is an SVG drawing", id="svg"),
    pytest.param(HTML, "photo.jpg", "unsupported", "This file is a web page (HTML)", id="html-named-jpg"),
    pytest.param(b"", "empty.jpg", "empty", "The file is empty", id="zero-bytes"),
    pytest.param(gif_bytes(), "anim.gif", "unsupported", "This file is a GIF animation", id="gif"),
    pytest.param(FITS, "sky.fits", "unsupported", "This file is a FITS scientific image", id="fits"),
]


@pytest.mark.parametrize(("data", "name", "code", "message"), NEVER_OPENED)
def test_refused_without_the_image_library_ever_opening_it(pillow_must_not_open, data, name, code, message):
    error = refusal(data, name)

    assert error.code == code
    assert message in error.messages[0]
    assert "JPEG, PNG, WebP or HEIC" in error.messages[0] or code != "unsupported"


def test_a_12000_pixel_square_png_bomb_is_tiny_and_refused_from_its_header(pillow_must_not_open):
    bomb = png_bomb(12000, 12000)

    assert len(bomb) < 100  # Pillow's own bomb limit (about 179 megapixels) would let it through
    assert refusal(bomb).code == "too_many_pixels"


def test_sniffing_decides_by_content_alone():
    assert image_format_sniff(jpeg_bytes((40, 30))[:64]) == "jpeg"
    assert image_format_sniff(image_bytes("PNG", (40, 30))[:64]) == "png"
    assert image_format_sniff(image_bytes("WEBP", (40, 30))[:64]) == "webp"
    assert image_format_sniff(heic_bytes((64, 48))[:64]) == "heif"
    for impostor in (HTML, SVG, PDF, FITS, gif_bytes(), b"", b"\xff\xd8"):
        assert image_format_sniff(impostor[:64]) is None


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings, pillow_must_not_open):
    settings.IMAGE_UPLOAD_MAX_BYTES = 10_000
    error = refusal(b"\xff\xd8\xff" + b"\x00" * 20_000)

    assert error.code == "too_large"
    assert "at most 9.8\xa0KB" in error.messages[0]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(image_bytes("PNG", (300, 200))[:-30], "truncated", id="png-cut-before-iend"),
        pytest.param(image_bytes("WEBP", (300, 200))[:-50], "truncated", id="webp-shorter-than-riff-size"),
        pytest.param(image_bytes("WEBP", (300, 200)) + b"\x00" * 64, "corrupt", id="webp-longer-than-riff-size"),
        pytest.param(heic_bytes((128, 96))[:-100], "truncated", id="heic-cut-inside-mdat"),
        pytest.param(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00\x00\x00\x10junkjunkjunk",
                     "corrupt", id="heic-libheif-cannot-open"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 5 + b"\xff\xda\x00\x08" + b"\x11" * 40 +
                     b"\xff\xd9", "corrupt", id="jpeg-without-frame-header"),
    ],
)
def test_damaged_files_are_refused_where_cheap_to_tell(data, code):
    error = refusal(data)

    assert error.code == code
    assert error.messages[0].startswith("This image is")


@pytest.mark.parametrize(
    ("data", "image_format", "size"),
    [
        (jpeg_bytes((640, 480)), "jpeg", (640, 480)),
        (image_bytes("PNG", (300, 200)), "png", (300, 200)),
        (image_bytes("WEBP", (300, 200)), "webp", (300, 200)),
        (image_bytes("WEBP", (300, 200), lossless=True), "webp", (300, 200)),
        (heic_bytes((320, 240)), "heif", (320, 240)),
    ],
)
def test_photos_in_the_four_formats_pass_with_their_size(data, image_format, size):
    facts = image_upload_check(upload(data, "whatever.bin"))

    assert (facts.format, (facts.width, facts.height)) == (image_format, size)


def test_a_photo_taken_sideways_reports_its_upright_size():
    facts = image_upload_check(upload(jpeg_bytes((400, 300), orientation=6)))

    assert (facts.width, facts.height, facts.orientation) == (400, 300, 6)
    assert facts.upright_size == (300, 400)


def test_a_jpeg_with_bytes_after_its_end_marker_is_accepted():
    # Phones append motion-photo video or a gain map after the JPEG's end marker.
    motion_photo = jpeg_bytes((64, 48)) + b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 500

    assert image_upload_check(upload(motion_photo)).format == "jpeg"


class PhotoForm(forms.Form):
    photo = UploadedImageField()


def test_the_form_field_shows_the_refusal_on_the_field_and_never_trusts_the_content_type(pillow_must_not_open):
    fake = SimpleUploadedFile("photo.jpg", HTML, content_type="image/jpeg")

    form = PhotoForm(files={"photo": fake})

    assert not form.is_valid()
    assert form.errors["photo"] == [
        "This file is a web page (HTML), not a photo we can use. Upload a JPEG, PNG, WebP or HEIC image."
    ]
    assert 'accept="image/jpeg,image/png,image/webp,image/heic' in str(form["photo"])


def test_the_form_field_accepts_a_photo_and_keeps_what_it_learnt():
    form = PhotoForm(files={"photo": SimpleUploadedFile("IMG_0001.HEIC", heic_bytes((64, 48)))})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["photo"].image_facts.format == "heif"


@pytest.mark.django_db
def test_a_refused_upload_stores_nothing_and_requests_nothing(settings):
    product = ProductFactory()

    with pytest.raises(ValidationError):
        product_image_add(product=product, file=upload(png_bomb(12000, 12000), "bomb.png"), alt_text="x", by=None)

    assert not ProductImage.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert not (settings.MEDIA_ROOT / "originals").exists()


@pytest.mark.django_db
def test_an_accepted_upload_is_stored_under_a_new_name_with_its_real_extension(settings):
    product = ProductFactory()

    photo = product_image_add(product=product, file=upload(jpeg_bytes((64, 48)), "../../home/GPS-photo.png"),
                              alt_text="A bowl", by=None)

    assert photo.image.name.startswith("originals/products/")
    assert photo.image.name.endswith(".jpg") and "GPS-photo" not in photo.image.name
    assert (photo.width, photo.height) == (64, 48)
    assert photo.rendition_status == "pending"
