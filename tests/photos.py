"""Test photos, made in code: phone-like JPEGs (EXIF orientation, GPS), HEIC, PNG bombs, impostors."""
import io
import struct
import zlib

import pillow_heif
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

RED, BLUE, GREY = (220, 30, 30), (30, 60, 200), (128, 128, 128)
ORIENTATION, GPS_IFD = 0x0112, 0x8825


def phone_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: maker, model, orientation and the GPS position of the shot."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F], exif[0x0110] = "Phone maker", "Phone 12"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 55.0, 10.0)})
    return exif


def picture(size=(2000, 1500)) -> Image.Image:
    """Grey with a red square in the stored top-left corner, to see where that corner ends up."""
    image = Image.new("RGB", size, GREY)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 5, size[1] // 5), fill=RED)
    return image


def jpeg_bytes(size=(2000, 1500), *, orientation: int = 1, gps: bool = True, **save) -> bytes:
    buffer = io.BytesIO()
    exif = phone_exif(orientation) if gps else Image.Exif()
    if not gps and orientation != 1:
        exif[ORIENTATION] = orientation
    picture(size).save(buffer, "JPEG", quality=85, exif=exif, **save)
    return buffer.getvalue()


def image_bytes(image_format: str, size=(800, 600), **save) -> bytes:
    buffer = io.BytesIO()
    picture(size).save(buffer, image_format, **save)
    return buffer.getvalue()


def heic_bytes(size=(1600, 1200)) -> bytes:
    buffer = io.BytesIO()
    pillow_heif.from_pillow(picture(size)).save(buffer, quality=60, exif=phone_exif(1).tobytes())
    return buffer.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width``×``height`` pixels around a few bytes of data: decoded,
    it would need gigabytes; stored, it is under a hundred bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(
        b"IEND", b"")


def upload(data: bytes, name: str = "photo.jpg") -> ContentFile:
    return ContentFile(data, name=name)


def display_p3_profile() -> bytes:
    """A minimal ICC v2 display profile with Display P3 primaries (D50-adapted) and gamma 2.2:
    a wide-gamut RGB space like the one iPhones tag their photos with."""
    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x, y, z) -> bytes:
        return b"XYZ " + b"\x00" * 4 + s15(x) + s15(y) + s15(z)

    name = b"Display P3 (test)\x00"
    desc = b"desc" + b"\x00" * 4 + struct.pack(">I", len(name)) + name + b"\x00" * 4 + b"\x00" * 4 + b"\x00\x00" + \
        b"\x00" + b"\x00" * 67
    curve = b"curv" + b"\x00" * 4 + struct.pack(">IH", 1, 0x0233) + b"\x00\x00"
    tags = [
        (b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.5151, 0.2412, -0.0011)), (b"gXYZ", xyz(0.2920, 0.6922, 0.0419)),
        (b"bXYZ", xyz(0.1571, 0.0666, 0.7841)),
        (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve),
        (b"cprt", b"text" + b"\x00" * 4 + b"none\x00\x00\x00\x00"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\x00" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = struct.pack(">I", size) + b"\x00" * 4 + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ " + \
        b"\x00" * 12 + b"acsp" + b"\x00" * 28 + s15(0.9642) + s15(1.0) + s15(0.8249)
    header += b"\x00" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + data
