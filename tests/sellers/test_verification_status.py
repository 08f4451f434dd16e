"""Cooperative verification goes through one transition table and is recorded."""
import pytest
from django.core.exceptions import ValidationError

from sellers.models import Cooperative, CooperativeStatusChange
from sellers.services import cooperative_set_status
from tests.factories import CooperativeFactory, UserFactory

pytestmark = pytest.mark.django_db
Verification = Cooperative.Verification


def test_application_is_verified_by_an_officer_and_recorded():
    officer = UserFactory(is_staff=True)
    cooperative = CooperativeFactory(verification_status=Verification.DRAFT, verified_at=None)
    cooperative_set_status(cooperative=cooperative, to=Verification.PENDING, by=None)
    cooperative_set_status(cooperative=cooperative, to=Verification.VERIFIED, by=officer, reason="Documents valid")
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.VERIFIED
    assert cooperative.verified_at is not None
    last = CooperativeStatusChange.objects.filter(cooperative=cooperative).first()
    assert (last.from_status, last.to_status, last.by, last.reason) == (
        Verification.PENDING, Verification.VERIFIED, officer, "Documents valid"
    )


def test_a_draft_cannot_be_verified_without_applying():
    cooperative = CooperativeFactory(verification_status=Verification.DRAFT)
    with pytest.raises(ValidationError):
        cooperative_set_status(cooperative=cooperative, to=Verification.VERIFIED, by=None)
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.DRAFT
