"""Upload checks for cooperative documents, run before anything is stored.

Like photos (``catalog.uploads``), a document is judged by its first bytes, never by its name or
declared content type: only PDF, JPEG and PNG are taken, up to ``DOCUMENT_UPLOAD_MAX_BYTES``.
"""
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from catalog.uploads import _kind_of

ACCEPT_ATTRIBUTE = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "jpeg": ("image/jpeg", "jpg"),
    "png": ("image/png", "png"),
}


@dataclass(frozen=True)
class DocumentFacts:
    format: str
    size: int

    @property
    def content_type(self) -> str:
        return FORMATS[self.format][0]

    @property
    def extension(self) -> str:
        return FORMATS[self.format][1]


def document_format_sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def document_upload_check(file) -> DocumentFacts:
    """Check an uploaded document; raise ``ValidationError`` with a reason if it is refused."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    if not size:
        raise ValidationError(_("The file is empty. Choose the document again."), code="empty")
    limit = settings.DOCUMENT_UPLOAD_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("This file is %(size)s; a document can be at most %(limit)s."), code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    file.seek(0)
    head = file.read(512)
    file.seek(0)
    document_format = document_format_sniff(head)
    if document_format is None:
        kind = _kind_of(head)
        if head.startswith(b"MZ"):
            kind = str(_("a program (executable)"))
        raise ValidationError(
            _("This file is %(kind)s. Upload the document as a PDF, or a JPEG or PNG photo of it."),
            code="unsupported", params={"kind": kind},
        )
    return DocumentFacts(format=document_format, size=size)


class DocumentFileField(forms.FileField):
    """A form field for documents: checked by content with ``document_upload_check``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT_ATTRIBUTE)

    def to_python(self, data):
        file = super().to_python(data)
        if file is not None:
            file.document_facts = document_upload_check(file)
        return file
