"""Reads for verifying cooperative applications: documents whose expiry needs the officer's eye,
and the applications waiting, oldest first."""
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import DateTimeField, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Cooperative, CooperativeDocument, CooperativeStatusChange

# A document expiring within this many days is flagged on the verification page.
EXPIRY_WARNING_DAYS = 60


@dataclass(frozen=True)
class DocumentCheck:
    document: CooperativeDocument
    expired: bool
    expiring_soon: bool
    superseded: bool  # expired, but a current document of the same kind is there too

    @property
    def is_image(self) -> bool:
        return self.document.content_type.startswith("image/")


def documents_checked(*, cooperative: Cooperative, today: date | None = None) -> list[DocumentCheck]:
    """``cooperative``'s documents, each with its expiry state."""
    today = today or timezone.localdate()
    documents = list(cooperative.documents.select_related("uploaded_by").order_by("kind", "-uploaded_at"))
    current_kinds = {d.kind for d in documents if d.expires_on is None or d.expires_on >= today}
    checks = []
    for document in documents:
        expired = document.expires_on is not None and document.expires_on < today
        checks.append(DocumentCheck(
            document=document, expired=expired,
            expiring_soon=not expired and document.expires_on is not None
            and document.expires_on <= today + timedelta(days=EXPIRY_WARNING_DAYS),
            superseded=expired and document.kind in current_kinds,
        ))
    return checks


def documents_blocking_verification(*, cooperative: Cooperative, today: date | None = None) -> list:
    """The documents that stop ``cooperative`` being verified: expired, with no current document of
    the same kind (a registration or licence the cooperative relies on has lapsed)."""
    return [check.document for check in documents_checked(cooperative=cooperative, today=today)
            if check.expired and not check.superseded]


def applications_waiting(queryset: QuerySet | None = None) -> QuerySet:
    """Applications waiting for verification, with ``waiting_since`` (when last sent) and
    ``has_expired_document`` annotated."""
    queryset = Cooperative.objects.all() if queryset is None else queryset
    sent_at = (
        CooperativeStatusChange.objects.filter(cooperative=OuterRef("pk"), to_status=Cooperative.Verification.PENDING)
        .order_by("-created_at", "-pk").values("created_at")[:1]
    )
    expired = CooperativeDocument.objects.filter(cooperative=OuterRef("pk"), expires_on__lt=timezone.localdate())
    return queryset.filter(verification_status=Cooperative.Verification.PENDING).annotate(
        waiting_since=Coalesce(Subquery(sent_at, output_field=DateTimeField()), "created_at"),
        has_expired_document=Exists(expired),
    )
