"""Membership: invitations by e-mail link, roles, the last owner, makers and switching cooperative."""
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ovop_market.models import Notification
from sellers.models import Maker, Membership, MembershipInvitation
from tests.factories import CooperativeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return UserFactory(email="owner@example.com")


@pytest.fixture
def cooperative(owner):
    cooperative = CooperativeFactory(name="Xang Khong Weavers")
    Membership.objects.create(cooperative=cooperative, user=owner, role=Membership.Role.OWNER)
    return cooperative


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def invite(owner, email="noy@example.com", role="member") -> MembershipInvitation:
    response = logged_in(owner).post(reverse("sellers:members"), {"email": email, "role": role})
    assert response.status_code == 302, response.content[:1500]
    return MembershipInvitation.objects.get(email=email)


def accept_url(invitation):
    return reverse("sellers:invitation_accept", kwargs={"token": invitation.token})


def test_owner_invites_by_email_and_the_invited_user_joins(owner, cooperative):
    invitation = invite(owner)
    notification = Notification.objects.get(kind=Notification.Kind.MEMBERSHIP_INVITATION)
    assert notification.email == "noy@example.com"
    assert notification.context["action_url"].endswith(accept_url(invitation))
    noy = UserFactory(email="noy@example.com")
    client = logged_in(noy)
    assert "Xang Khong Weavers" in client.get(accept_url(invitation)).content.decode()
    response = client.post(accept_url(invitation))
    assert response.status_code == 302
    assert Membership.objects.get(cooperative=cooperative, user=noy).role == Membership.Role.MEMBER
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    # Used once only.
    assert client.post(accept_url(invitation)).status_code == 400


def test_the_link_does_not_work_for_another_account(owner, cooperative):
    invitation = invite(owner)
    other = UserFactory(email="someone-else@example.com")
    response = logged_in(other).post(accept_url(invitation))
    assert response.status_code == 400
    assert "another e-mail address" in response.content.decode()
    assert not Membership.objects.filter(user=other).exists()


def test_an_expired_invitation_is_refused(owner, cooperative):
    invitation = invite(owner)
    MembershipInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    noy = UserFactory(email="noy@example.com")
    response = logged_in(noy).post(accept_url(invitation))
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user=noy).exists()


def test_a_tampered_token_is_refused(owner, cooperative):
    invitation = invite(owner)
    noy = UserFactory(email="noy@example.com")
    tampered = reverse("sellers:invitation_accept", kwargs={"token": invitation.token[:-2] + "xx"})
    response = logged_in(noy).post(tampered)
    assert response.status_code == 400
    assert not Membership.objects.filter(user=noy).exists()


def test_the_invitation_page_needs_a_login(owner, cooperative):
    invitation = invite(owner)
    response = Client().get(accept_url(invitation))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_member_cannot_invite_or_manage(owner, cooperative):
    member = UserFactory()
    membership = Membership.objects.create(cooperative=cooperative, user=member, role=Membership.Role.MEMBER)
    client = logged_in(member)
    assert client.post(reverse("sellers:members"), {"email": "x@example.com", "role": "owner"}).status_code == 403
    owner_membership = Membership.objects.get(user=owner)
    assert client.post(reverse("sellers:member_remove", kwargs={"pk": owner_membership.pk})).status_code == 403
    assert client.post(reverse("sellers:member_role", kwargs={"pk": membership.pk}),
                       {"role": "owner"}).status_code == 403
    membership.refresh_from_db()
    assert membership.role == Membership.Role.MEMBER


def test_owner_changes_roles_and_removes_members(owner, cooperative):
    member = UserFactory()
    membership = Membership.objects.create(cooperative=cooperative, user=member, role=Membership.Role.MEMBER)
    client = logged_in(owner)
    client.post(reverse("sellers:member_role", kwargs={"pk": membership.pk}), {"role": "owner"})
    membership.refresh_from_db()
    assert membership.role == Membership.Role.OWNER
    client.post(reverse("sellers:member_remove", kwargs={"pk": membership.pk}))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_owner_cannot_be_removed_or_demoted(owner, cooperative):
    own = Membership.objects.get(user=owner)
    client = logged_in(owner)
    response = client.post(reverse("sellers:member_remove", kwargs={"pk": own.pk}), follow=True)
    assert "at least one owner" in response.content.decode()
    response = client.post(reverse("sellers:member_role", kwargs={"pk": own.pk}), {"role": "member"}, follow=True)
    assert "at least one owner" in response.content.decode()
    own.refresh_from_db()
    assert own.role == Membership.Role.OWNER


def test_owner_cannot_reach_another_cooperatives_members(owner, cooperative):
    other = Membership.objects.create(cooperative=CooperativeFactory(), user=UserFactory(), role="owner")
    response = logged_in(owner).post(reverse("sellers:member_remove", kwargs={"pk": other.pk}))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_makers_are_added_edited_and_removed(owner, cooperative):
    client = logged_in(owner)
    client.post(reverse("sellers:makers"), {"name": "Mrs Noy", "bio": "Weaves naga patterns"})
    maker = Maker.objects.get(cooperative=cooperative)
    duplicate = client.post(reverse("sellers:makers"), {"name": "Mrs Noy"})
    assert duplicate.status_code == 200 and "already listed" in duplicate.content.decode()
    client.post(reverse("sellers:maker_edit", kwargs={"pk": maker.pk}), {"name": "Mrs Noy Phommachanh", "bio": ""})
    maker.refresh_from_db()
    assert maker.name == "Mrs Noy Phommachanh"
    stranger = UserFactory()
    Membership.objects.create(cooperative=CooperativeFactory(), user=stranger, role="owner")
    assert logged_in(stranger).post(reverse("sellers:maker_remove", kwargs={"pk": maker.pk})).status_code == 404
    client.post(reverse("sellers:maker_remove", kwargs={"pk": maker.pk}))
    assert not Maker.objects.filter(pk=maker.pk).exists()


def test_a_user_in_two_cooperatives_switches_between_them(owner, cooperative):
    second = CooperativeFactory(name="Zz Paper Makers")
    Membership.objects.create(cooperative=second, user=owner, role=Membership.Role.MEMBER)
    client = logged_in(owner)
    assert "Xang Khong Weavers" in client.get(reverse("sellers:members")).content.decode()
    response = client.post(reverse("sellers:act_for"), {"cooperative": second.pk})
    assert response.status_code == 302
    page = client.get(reverse("sellers:members")).content.decode()
    assert "Members · Zz Paper Makers" in page
    # A member (not owner) of the current one does not get the invitation form.
    assert "Send invitation" not in page
    # A cooperative the user does not belong to cannot be chosen.
    outsider = CooperativeFactory()
    assert client.post(reverse("sellers:act_for"), {"cooperative": outsider.pk}).status_code == 404
