"""The rendition pipeline: one photo in, small web-ready images out. Pure Pillow, no Django.

What it does, in order, and why it is fast enough (DESIGN: at most 1.25× libvips' CPU time):

1. Opens the original (HEIC through pillow-heif) and reads only its header: size, EXIF orientation,
   ICC profile. More pixels than allowed is refused before decoding.
2. A JPEG is reduced *while it is decoded* (``Image.draft``): libjpeg's scaled IDCT produces the
   smallest 1/1, 1/2, 1/4 or 1/8 scale still at least as large as the biggest output, so a
   12-megapixel photo is decoded straight to 3 megapixels.
3. The largest width is resized from that, the orientation applied (on the smaller image), the
   colour converted to sRGB if an ICC profile says it is something else; each smaller width is
   then made from the one above it, and the square card crop from the smallest image that still
   covers it.
4. Every output is encoded as WebP and as a JPEG fallback with nothing but pixels: no EXIF (so no
   GPS position), no XMP, no ICC profile (browsers take untagged images as sRGB).

The caller stores the bytes; names and storage are the Django side's business (``renditions``).
"""
import io
from dataclasses import dataclass

import pillow_heif
from PIL import Image, ImageCms, ImageOps

pillow_heif.register_heif_opener()

PIPELINE_VERSION = "2"
WIDTHS = (1280, 640, 320)
CARD_SIZE = 480
# A photo narrower than the largest width also gets its own width if it is this much larger than
# the next standard one (so 1200 → 1200, 640, 320 but 700 → 640, 320).
ORIGINAL_WIDTH_STEP = 1.25
WEBP_QUALITY = 80
WEBP_METHOD = 4
JPEG_QUALITY = 80
FORMATS = ("webp", "jpeg")
ACCEPTED = {"JPEG", "PNG", "WEBP", "HEIF"}
DEFAULT_MAX_PIXELS = 50_000_000
ORIENTATION_TAG = 0x0112
# EXIF orientation -> the transposition that makes the picture upright.
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
RESAMPLE = Image.Resampling.LANCZOS
_SRGB = ImageCms.createProfile("sRGB")


class ImageUnreadable(Exception):
    """The original cannot be turned into renditions: damaged, truncated or not an image."""


@dataclass(frozen=True)
class Rendition:
    kind: str  # "width" or "card"
    width: int
    height: int
    format: str  # "webp" or "jpeg"
    data: bytes


@dataclass(frozen=True)
class RenditionSet:
    renditions: list[Rendition]
    placeholder_colour: str  # "#rrggbb", the photo's average colour
    width: int  # the original's upright size
    height: int


def renditions_make(source: bytes, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> RenditionSet:
    """Every rendition of the photo in ``source``; ``ImageUnreadable`` if it cannot be read."""
    try:
        return _renditions_make(source, max_pixels)
    except ImageUnreadable:
        raise
    except (OSError, SyntaxError, ValueError, TypeError, EOFError, Image.DecompressionBombError) as error:
        # Pillow reports damaged data as any of these; the message is for staff, not buyers.
        raise ImageUnreadable(f"{type(error).__name__}: {error}") from error


def _renditions_make(source: bytes, max_pixels: int) -> RenditionSet:
    with Image.open(io.BytesIO(source), formats=sorted(ACCEPTED)) as image:
        stored_width, stored_height = image.size
        if stored_width * stored_height > max_pixels:
            raise ImageUnreadable(f"{stored_width}×{stored_height} pixels is more than allowed")
        orientation = image.getexif().get(ORIENTATION_TAG, 1) if image.format != "HEIF" else 1
        transpose = TRANSPOSE.get(orientation)
        swaps = orientation in (5, 6, 7, 8)
        upright = (stored_height, stored_width) if swaps else (stored_width, stored_height)
        icc_profile = image.info.get("icc_profile")

        widths = _widths(upright[0])
        card = min(CARD_SIZE, *upright)
        # The share of the original the largest output needs (the card may need more of a panorama).
        scale = max(widths[0] / upright[0], card / min(upright))
        if image.format == "JPEG":
            image.draft("RGB", (round(stored_width * scale), round(stored_height * scale)))
        image = _rgb(image)

    # The largest width, still in the stored orientation, then turned upright.
    top_upright = (widths[0], _height_for(widths[0], upright))
    card_cover = card / min(upright)  # the smallest scale whose short side still covers the card
    top_scale = max(widths[0] / upright[0], card_cover)
    if top_scale > widths[0] / upright[0]:
        # A panorama: keep enough height for the card at this first step; widths come after.
        base_upright = (round(upright[0] * top_scale), round(upright[1] * top_scale))
    else:
        base_upright = top_upright
    base_size = (base_upright[1], base_upright[0]) if swaps else base_upright
    base = image if image.size == base_size else image.resize(base_size, RESAMPLE, reducing_gap=3.0)
    del image
    if transpose is not None:
        base = base.transpose(transpose)
    base = _srgb(base, icc_profile)
    base.info = {}

    chain: list[Image.Image] = []
    previous = base
    for width in widths:
        size = (width, _height_for(width, upright))
        current = previous if previous.size == size else previous.resize(size, RESAMPLE)
        chain.append(current)
        previous = current

    renditions = []
    for current in chain:
        renditions += _encode("width", current)
    cover = min((im for im in (base, *chain) if min(im.size) >= card), key=lambda im: im.size[0])
    renditions += _encode("card", _square(cover, card))
    return RenditionSet(
        renditions=renditions,
        placeholder_colour=_average_colour(chain[-1]),
        width=upright[0],
        height=upright[1],
    )


def _widths(original: int) -> list[int]:
    """The widths to make, largest first: the standard ones that fit, and the original's own width
    when it is well above the largest of those (a 1200-pixel photo gets 1200, 640 and 320)."""
    widths = [width for width in WIDTHS if width <= original]
    if original < WIDTHS[0] and (not widths or original >= widths[0] * ORIGINAL_WIDTH_STEP):
        widths.insert(0, original)
    return widths


def _height_for(width: int, upright: tuple[int, int]) -> int:
    return max(1, round(width * upright[1] / upright[0]))


def _rgb(image: Image.Image) -> Image.Image:
    """The picture as 8-bit RGB; transparency is flattened onto white (JPEG has no alpha)."""
    if image.mode == "RGB":
        image.load()
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda value: value / 256).convert("L").convert("RGB")
    return image.convert("RGB")  # L, P, CMYK, YCbCr…


def _srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """``image`` converted to sRGB when its embedded profile is something else (Display P3, Adobe RGB)."""
    if not icc_profile:
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        description = ImageCms.getProfileDescription(profile) or ""
        if "srgb" in description.lower().replace(" ", "") or profile.profile.xcolor_space.strip() != "RGB":
            return image
        return ImageCms.profileToProfile(image, profile, _SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unreadable profile: keep the pixels as they are


def _square(image: Image.Image, size: int) -> Image.Image:
    """The centre square of ``image``, scaled to ``size``×``size``."""
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    return image.resize((size, size), RESAMPLE, box=(left, top, left + side, top + side))


def _encode(kind: str, image: Image.Image) -> list[Rendition]:
    outputs = []
    for image_format in FORMATS:
        buffer = io.BytesIO()
        if image_format == "webp":
            image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
        else:
            image.save(buffer, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
        outputs.append(Rendition(kind, image.width, image.height, image_format, buffer.getvalue()))
    return outputs


def _average_colour(image: Image.Image) -> str:
    red, green, blue = ImageOps.contain(image, (64, 64)).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    return f"#{red:02x}{green:02x}{blue:02x}"
