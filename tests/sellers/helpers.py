"""Small files, photos and a region tree for the seller tests."""
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.models import Region
from tests.factories import jpeg_file, region_chain


def pdf_upload(name: str = "certificate.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def png_upload(name: str = "licence.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def html_as_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("certificate.pdf", b"<!doctype html><script>alert(1)</script>",
                              content_type="application/pdf")


def exe_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
                              content_type="application/octet-stream")


def luang_prabang_village() -> Region:
    return region_chain(economy="Laos", province="Luang Prabang", district="Luang Prabang District",
                        village="Ban Xang Khong")


def upload(name="photo.jpg"):
    """A small JPEG as a browser would upload it."""
    return SimpleUploadedFile(name, jpeg_file().read(), content_type="image/jpeg")
