"""Upload checks for photos, run before anything is stored.

A file is accepted only if its first bytes say it is a JPEG, PNG, WebP or HEIC/HEIF image; its
name and declared content type are ignored. Dimensions are read from the format's own header
(JPEG SOF, PNG IHDR, WebP VP8/VP8L/VP8X, HEIF through libheif's container parser), so a
decompression bomb is refused from a few bytes and never decoded. Cheap truncation checks follow
(JPEG end-of-image marker, PNG chunk CRCs, RIFF and ISO-BMFF box sizes); subtler damage is found
by the rendition worker, which marks the photo failed. Pillow only ever sees a file that has
already passed the sniffing, and then only through the plugin for the format that was sniffed.
"""
import io
import struct
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ACCEPTED_FORMATS = ("jpeg", "png", "webp", "heif")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "heif": "heic"}
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "heif": "HEIF"}

# ISO-BMFF brands of HEIF stills and sequences (HEVC-coded and generic).
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
# Brands that say "this HEIF container holds AV1 (AVIF)" or a video: not an image we take.
NOT_HEIF_BRANDS = {b"avif", b"avis", b"isom", b"mp41", b"mp42", b"qt  ", b"3gp4", b"3gp5", b"M4V ", b"M4A "}
JPEG_SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
SCAN_CHUNK = 1 << 20

MESSAGES = {
    "empty": _("The file is empty. Choose the photo again."),
    "too_large": _("This file is %(size)s; a photo can be at most %(limit)s."),
    "unsupported": _("This file is %(kind)s, not a photo we can use. Upload a JPEG, PNG, WebP or HEIC image."),
    "too_many_pixels": _(
        "This image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); "
        "at most %(limit)s megapixels are allowed."
    ),
    "truncated": _("This image is incomplete: the file ends too early, perhaps cut off while uploading. "
                   "Upload it again."),
    "corrupt": _("This image is damaged and cannot be read (%(detail)s)."),
}

# What a refused file looks like, so the message can say what was sent instead of a photo.
KNOWN_KINDS = (
    (b"GIF87a", _("a GIF animation")),
    (b"GIF89a", _("a GIF animation")),
    (b"%PDF", _("a PDF document")),
    (b"SIMPLE  =", _("a FITS scientific image")),
    (b"II*\x00", _("a TIFF image")),
    (b"MM\x00*", _("a TIFF image")),
    (b"BM", _("a BMP image")),
    (b"PK\x03\x04", _("a ZIP archive or office document")),
    (b"\x00\x00\x00\x0cjP  ", _("a JPEG 2000 image")),
)


@dataclass(frozen=True)
class ImageFacts:
    """What the checks learnt from an accepted file's header."""

    format: str  # one of ACCEPTED_FORMATS
    width: int  # as stored
    height: int
    size: int
    orientation: int = 1  # EXIF orientation: 5 to 8 show the picture turned a quarter

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]

    @property
    def upright_size(self) -> tuple[int, int]:
        return (self.height, self.width) if self.orientation in (5, 6, 7, 8) else (self.width, self.height)


def _refuse(code: str, **params):
    raise ValidationError(MESSAGES[code], code=code, params=params or None)


def image_format_sniff(head: bytes) -> str | None:
    """The accepted format named by a file's first bytes, or None. Never looks at anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if len(head) >= 16 and head[4:8] == b"ftyp":
        box_size = struct.unpack(">I", head[:4])[0]
        major = head[8:12]
        compatible = {head[i:i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)}
        brands = {major} | compatible
        if major in HEIF_BRANDS and not brands & {b"avif", b"avis"}:
            return "heif"
    return None


def _kind_of(head: bytes) -> str:
    """A human description of a refused file, from its first bytes."""
    for magic, kind in KNOWN_KINDS:
        if head.startswith(magic):
            return str(kind)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return str(_("an AVIF image or a video")) if head[8:12] in NOT_HEIF_BRANDS | {b"avif"} else str(
            _("an unsupported ISO media file"))
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) and b"<svg" in text:
        return str(_("an SVG drawing"))
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<!--")):
        return str(_("a web page (HTML)"))
    if text.startswith(b"<?xml"):
        return str(_("an XML document"))
    return str(_("not an image"))


def image_upload_check(file) -> ImageFacts:
    """Check an uploaded photo and return what its header says; raise ``ValidationError`` if refused.

    ``file`` is any binary file object (Django's ``UploadedFile``, ``ContentFile``, an open file).
    Memory stays bounded: only headers are parsed, the JPEG end marker is searched chunk by chunk.
    The file is left at position 0.
    """
    size = _file_size(file)
    if size == 0:
        _refuse("empty")
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if size > limit:
        _refuse("too_large", size=filesizeformat(size), limit=filesizeformat(limit))
    file.seek(0)
    head = file.read(64)
    image_format = image_format_sniff(head)
    if image_format is None:
        _refuse("unsupported", kind=_kind_of(head + file.read(448)))
    try:
        width, height = _HEADER_READERS[image_format](file, size)
        orientation = _orientation(file, image_format)
    finally:
        file.seek(0)
    return ImageFacts(format=image_format, width=width, height=height, size=size, orientation=orientation)


def _orientation(file, image_format: str) -> int:
    """The EXIF orientation of a file that passed every check (libheif applies HEIF's itself)."""
    if image_format == "heif":
        return 1
    from PIL import Image

    file.seek(0)
    try:
        with Image.open(file, formats=[PILLOW_FORMATS[image_format]]) as image:
            orientation = image.getexif().get(0x0112, 1)
    except (OSError, SyntaxError, ValueError, struct.error):
        return 1  # unreadable EXIF: the worker has the last word on the pixels
    return orientation if isinstance(orientation, int) and 1 <= orientation <= 8 else 1


def _pixels_check(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        _refuse("corrupt", detail=_("it has no pixels"))
    limit = settings.IMAGE_UPLOAD_MAX_PIXELS
    if width * height > limit:
        _refuse(
            "too_many_pixels", width=width, height=height,
            megapixels=f"{width * height / 1e6:.0f}", limit=f"{limit / 1e6:.0f}",
        )


def _file_size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    return size


# --- JPEG ---------------------------------------------------------------------------------------

def _jpeg_header(file, size: int) -> tuple[int, int]:
    """Walk the marker segments to the frame header (dimensions) and the first scan, then look
    for the end-of-image marker after it: in entropy-coded data a 0xFF byte is always stuffed or
    a restart marker, so the first FFD9 after the scan starts is the real end."""
    offset, dimensions = 2, None
    while True:
        file.seek(offset)
        prefix = file.read(4)
        if len(prefix) < 4:
            _refuse("truncated")
        if prefix[0] != 0xFF:
            _refuse("corrupt", detail=_("broken JPEG structure"))
        marker = prefix[1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            offset += 2
            continue
        if marker == 0xD9:
            _refuse("corrupt", detail=_("the JPEG has no image data"))
        length = struct.unpack(">H", prefix[2:4])[0]
        if length < 2:
            _refuse("corrupt", detail=_("broken JPEG structure"))
        if marker in JPEG_SOF_MARKERS:
            frame = file.read(5)
            if len(frame) < 5:
                _refuse("truncated")
            height, width = struct.unpack(">HH", frame[1:5])
            dimensions = (width, height)
            _pixels_check(width, height)
        elif marker == 0xDA:
            if dimensions is None:
                _refuse("corrupt", detail=_("the JPEG has no frame header"))
            break
        offset += 2 + length
        if offset >= size:
            _refuse("truncated")
    if not _contains(file, b"\xff\xd9", start=offset):
        _refuse("truncated")
    return dimensions


def _contains(file, needle: bytes, *, start: int) -> bool:
    file.seek(start)
    tail = b""
    while chunk := file.read(SCAN_CHUNK):
        if needle in tail + chunk[: len(needle) - 1] or needle in chunk:
            return True
        tail = chunk[-(len(needle) - 1):]
    return False


# --- PNG ----------------------------------------------------------------------------------------

def _png_header(file, size: int) -> tuple[int, int]:
    file.seek(8)
    ihdr = file.read(25)
    if len(ihdr) < 25:
        _refuse("truncated")
    length, chunk_type = struct.unpack(">I4s", ihdr[:8])
    if chunk_type != b"IHDR" or length != 13:
        _refuse("corrupt", detail=_("the PNG has no header chunk"))
    width, height = struct.unpack(">II", ihdr[8:16])
    _pixels_check(width, height)
    # Only now, with a PNG of bounded size: check every chunk's CRC up to IEND, without decoding.
    from PIL import Image

    file.seek(0)
    try:
        with Image.open(file, formats=["PNG"]) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError, struct.error, EOFError) as error:
        if "truncated" in str(error).lower() or isinstance(error, EOFError | struct.error):
            _refuse("truncated")
        _refuse("corrupt", detail=_("the PNG data does not check out"))
    return width, height


# --- WebP ---------------------------------------------------------------------------------------

def _webp_header(file, size: int) -> tuple[int, int]:
    file.seek(0)
    head = file.read(30)
    if len(head) < 30:
        _refuse("truncated")
    riff_size = struct.unpack("<I", head[4:8])[0]
    if riff_size + 8 > size:
        _refuse("truncated")
    if riff_size + 8 < size - 1:  # one pad byte is tolerated
        _refuse("corrupt", detail=_("the WebP file size does not match its header"))
    chunk = head[12:16]
    if chunk == b"VP8X":
        width = 1 + int.from_bytes(head[24:27], "little")
        height = 1 + int.from_bytes(head[27:30], "little")
    elif chunk == b"VP8 ":
        if head[23:26] != b"\x9d\x01\x2a":
            _refuse("corrupt", detail=_("broken WebP frame header"))
        width, height = (value & 0x3FFF for value in struct.unpack("<HH", head[26:30]))
    elif chunk == b"VP8L":
        if head[20] != 0x2F:
            _refuse("corrupt", detail=_("broken WebP frame header"))
        bits = int.from_bytes(head[21:25], "little")
        width, height = 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    else:
        _refuse("corrupt", detail=_("unknown WebP chunk"))
    _pixels_check(width, height)
    return width, height


# --- HEIC / HEIF --------------------------------------------------------------------------------

def _heif_header(file, size: int) -> tuple[int, int]:
    _iso_boxes_check(file, size)
    import pillow_heif

    file.seek(0)
    try:
        # libheif parses the container (boxes, item properties); nothing is decoded here.
        heif = pillow_heif.open_heif(file, convert_hdr_to_8bit=True)
        width, height = heif.size
    except (ValueError, RuntimeError, OSError, KeyError, IndexError):
        _refuse("corrupt", detail=_("the HEIC container cannot be read"))
    _pixels_check(width, height)
    return width, height


def _iso_boxes_check(file, size: int) -> None:
    """Top-level ISO-BMFF boxes must tile the file exactly: a cut-off upload ends inside one."""
    offset = 0
    while offset < size:
        file.seek(offset)
        header = file.read(16)
        if len(header) < 8:
            _refuse("truncated")
        box_size = struct.unpack(">I", header[:4])[0]
        if box_size == 1:
            if len(header) < 16:
                _refuse("truncated")
            box_size = struct.unpack(">Q", header[8:16])[0]
        elif box_size == 0:  # the last box runs to the end of the file
            return
        if box_size < 8:
            _refuse("corrupt", detail=_("broken HEIC box structure"))
        offset += box_size
    if offset != size:
        _refuse("truncated")


_HEADER_READERS = {"jpeg": _jpeg_header, "png": _png_header, "webp": _webp_header, "heif": _heif_header}


# --- forms --------------------------------------------------------------------------------------

def validate_image_upload(file) -> None:
    """A validator for any form or serializer field that takes a photo."""
    image_upload_check(file)


class UploadedImageField(forms.FileField):
    """A form field for photos: runs ``image_upload_check`` (not Pillow's guesswork) and leaves the
    result on the file as ``image_facts``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_empty_file", True)  # our own message says the file is empty
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT_ATTRIBUTE)

    def to_python(self, data):
        file = super().to_python(data)
        if file is None:
            return None
        file.image_facts = image_upload_check(file)
        return file


class PhotoFileField(models.FileField):
    """The model field of an uploaded photo original; its form field is ``UploadedImageField``."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": UploadedImageField, **kwargs})
