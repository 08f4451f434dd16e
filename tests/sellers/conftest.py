"""Fixtures shared by the seller centre's tests: a cooperative and its owner."""
import pytest

from sellers.models import Membership
from tests.factories import CooperativeFactory, UserFactory


@pytest.fixture
def cooperative():
    return CooperativeFactory()


@pytest.fixture
def member(cooperative):
    user = UserFactory()
    Membership.objects.create(cooperative=cooperative, user=user, role=Membership.Role.OWNER)
    return user
