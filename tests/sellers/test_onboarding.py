"""Cooperative onboarding: a wizard saved step by step, submitted for verification, fixed and resubmitted."""
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import OfficerScope
from ovop_market.models import Notification
from sellers.models import Cooperative, CooperativeEdit, CooperativeStatusChange, Membership
from sellers.services import cooperative_set_status
from tests.conftest import login_officer
from tests.factories import RegionFactory, UserFactory

from .helpers import luang_prabang_village, pdf_upload

pytestmark = pytest.mark.django_db
Verification = Cooperative.Verification


def step_url(cooperative, step):
    return reverse("sellers:onboarding_step", kwargs={"pk": cooperative.pk, "step": step})


def start(client) -> Cooperative:
    response = client.post(reverse("sellers:onboarding_start"), {"kind": Cooperative.Kind.COMMUNITY_GROUP})
    assert response.status_code == 302
    return Cooperative.objects.latest("pk")


def fill_everything(client, cooperative, village, *, skip=()):
    steps = {
        "name": {"name": "Xang Khong Weavers", "village": village.pk, "district": village.parent_id},
        "members": {"members_count": "24", "women_members_count": "21", "founded_year": "1998"},
        "story": {"story": "We weave silk on wooden looms.", "contact_email": "weavers@example.com",
                  "contact_phone": "+856 20 5555 4821"},
        "programmes": {"programme_registrations": "ODOP LPB-2021-014"},
        "payout": {"payout_account_holder": "Xang Khong Weavers", "payout_bank_name": "BCEL",
                   "payout_account_number": "0101 2000 4821"},
    }
    for step, data in steps.items():
        if step in skip:
            continue
        response = client.post(step_url(cooperative, step), data)
        assert response.status_code == 302, (step, response.content[:2000])
    if "documents" not in skip:
        response = client.post(step_url(cooperative, "documents"), {
            "kind": "registration", "file": pdf_upload(), "number": "REG-77",
        })
        assert response.status_code == 302, response.content[:2000]


def test_the_applicant_becomes_owner_of_a_draft_when_she_starts():
    weaver = UserFactory()
    client = Client()
    client.force_login(weaver)
    cooperative = start(client)
    assert cooperative.verification_status == Verification.DRAFT
    assert cooperative.applied_by == weaver
    assert Membership.objects.get(cooperative=cooperative, user=weaver).role == Membership.Role.OWNER


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get(reverse("sellers:onboarding_start"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_each_step_is_saved_and_survives_a_dropped_connection():
    village = luang_prabang_village()
    weaver = UserFactory()
    first = Client()
    first.force_login(weaver)
    cooperative = start(first)
    first.post(step_url(cooperative, "name"), {"name": "Xang Khong Weavers", "village": village.pk,
                                                "district": village.parent_id})
    first.post(step_url(cooperative, "members"), {"members_count": "24", "women_members_count": "21",
                                                   "founded_year": "1998"})
    # The phone loses its connection; later she logs in again on a new session.
    second = Client()
    second.force_login(weaver)
    cooperative.refresh_from_db()
    assert (cooperative.name, cooperative.village, cooperative.members_count) == ("Xang Khong Weavers", village, 24)
    page = second.get(step_url(cooperative, "members"))
    assert page.status_code == 200
    assert b'value="21"' in page.content
    page = second.get(step_url(cooperative, "name"))
    assert b"Xang Khong Weavers" in page.content
    assert CooperativeEdit.objects.filter(cooperative=cooperative, by=weaver).count() == 3


def test_full_application_is_submitted_recorded_and_notified():
    village = luang_prabang_village()
    weaver = UserFactory(email="weavers@example.com")
    client = Client()
    client.force_login(weaver)
    cooperative = start(client)
    fill_everything(client, cooperative, village)
    response = client.post(step_url(cooperative, "review"))
    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.PENDING
    change = CooperativeStatusChange.objects.get(cooperative=cooperative)
    assert (change.from_status, change.to_status, change.by, change.on_behalf) == (
        Verification.DRAFT, Verification.PENDING, weaver, False)
    received = Notification.objects.get(kind=Notification.Kind.COOPERATIVE_SUBMITTED)
    assert (received.email, received.user) == ("weavers@example.com", weaver)
    assert received.link == step_url(cooperative, "review")
    # The officer asks for changes; she is told why, fixes and sends it again.
    officer = UserFactory(is_staff=True)
    cooperative_set_status(cooperative=cooperative, to=Verification.CHANGES_REQUESTED, by=officer,
                           reason="The registration certificate photo is blurred.")
    assert Notification.objects.filter(
        kind=Notification.Kind.COOPERATIVE_CHANGES_REQUESTED, email="weavers@example.com").exists()
    page = client.get(step_url(cooperative, "documents"))
    assert "The registration certificate photo is blurred." in page.content.decode()
    response = client.post(step_url(cooperative, "story"), {
        "story": "We weave silk on wooden looms, dyed with indigo.", "contact_email": "weavers@example.com"})
    assert response.status_code == 302
    client.post(step_url(cooperative, "review"))
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.PENDING
    assert cooperative.story.endswith("indigo.")
    assert list(cooperative.status_changes.values_list("to_status", flat=True)) == [
        Verification.PENDING, Verification.CHANGES_REQUESTED, Verification.PENDING]


def test_a_pending_application_cannot_be_edited():
    village = luang_prabang_village()
    client = Client()
    client.force_login(UserFactory())
    cooperative = start(client)
    fill_everything(client, cooperative, village)
    client.post(step_url(cooperative, "review"))
    response = client.post(step_url(cooperative, "members"), {"members_count": "2", "women_members_count": "1",
                                                               "founded_year": "2000"})
    assert response.status_code == 200
    cooperative.refresh_from_db()
    assert cooperative.members_count == 24


def test_a_missing_step_refuses_submission_with_a_clear_message():
    village = luang_prabang_village()
    client = Client()
    client.force_login(UserFactory())
    cooperative = start(client)
    fill_everything(client, cooperative, village, skip=("documents", "payout"))
    response = client.post(step_url(cooperative, "review"), follow=True)
    text = response.content.decode()
    assert "Some steps are not complete yet" in text
    assert "Documents" in text and "Payout details" in text
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.DRAFT


def test_a_new_village_can_be_proposed_for_officers_to_confirm():
    village = luang_prabang_village()
    district = village.parent
    client = Client()
    client.force_login(UserFactory())
    cooperative = start(client)
    page = client.get(step_url(cooperative, "name"), {"province": district.parent_id, "district": district.pk})
    assert "Ban Xang Khong" in page.content.decode()
    response = client.post(step_url(cooperative, "name"), {
        "name": "Ban Phanom Silk", "village": "", "proposed_village_name": "Ban Phanom", "district": district.pk})
    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert (cooperative.village, cooperative.proposed_village_name, cooperative.proposed_village_district) == (
        None, "Ban Phanom", district)


@pytest.mark.parametrize("data, message", [
    ({"name": "x" * 10_000, "village": "", "proposed_village_name": ""}, "at most 200 characters"),
])
def test_a_too_long_name_is_refused_and_kept(data, message):
    client = Client()
    client.force_login(UserFactory())
    cooperative = start(client)
    response = client.post(step_url(cooperative, "name"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ("x" * 10_000) in response.content.decode()


@pytest.mark.parametrize("data, message", [
    ({"members_count": "-3", "women_members_count": "0", "founded_year": "2001"}, "at least one member"),
    ({"members_count": "5", "women_members_count": "9", "founded_year": "2001"}, "cannot be more than all members"),
    ({"members_count": "5", "women_members_count": "2", "founded_year": "3001"}, "between 1800 and this year"),
])
def test_bad_member_numbers_are_refused_and_the_form_keeps_them(data, message):
    client = Client()
    client.force_login(UserFactory())
    cooperative = start(client)
    response = client.post(step_url(cooperative, "members"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    for value in data.values():
        assert f'value="{value}"' in text
    cooperative.refresh_from_db()
    assert cooperative.founded_year is None


def test_another_user_cannot_open_someone_elses_application():
    client = Client()
    client.force_login(UserFactory())
    cooperative = start(client)
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(step_url(cooperative, "name")).status_code == 404
    assert stranger.post(step_url(cooperative, "review")).status_code == 404


def test_an_officer_onboards_a_cooperative_on_its_behalf_and_is_recorded():
    village = luang_prabang_village()
    # A provincial officer: the draft they file has no village yet, and then one in their province.
    officer = UserFactory(is_staff=True)
    OfficerScope.objects.create(user=officer).regions.set([village.parent.parent])
    client = login_officer(Client(), officer)
    response = client.post(reverse("sellers:onboarding_start"), {"kind": "community_group", "on_behalf": "1"})
    assert response.status_code == 302
    cooperative = Cooperative.objects.latest("pk")
    assert not Membership.objects.filter(cooperative=cooperative).exists()
    fill_everything(client, cooperative, village)
    client.post(step_url(cooperative, "review"))
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.PENDING
    change = cooperative.status_changes.get()
    assert change.by == officer and change.on_behalf
    assert "on behalf of" in change.reason
    edits = CooperativeEdit.objects.filter(cooperative=cooperative)
    assert edits.count() >= 7
    assert all(edit.by == officer and edit.on_behalf for edit in edits)


def test_payout_number_is_masked_everywhere_but_the_owners_edit_form():
    village = luang_prabang_village()
    owner = UserFactory()
    client = Client()
    client.force_login(owner)
    cooperative = start(client)
    fill_everything(client, cooperative, village)
    full = "0101 2000 4821"
    assert full in client.get(step_url(cooperative, "payout")).content.decode()
    review = client.get(step_url(cooperative, "review")).content.decode()
    assert full not in review and "•••• 4821" in review
    members_page = client.get(reverse("sellers:members")).content.decode()
    assert full not in members_page and "•••• 4821" in members_page
    admin = login_officer(Client(), UserFactory(is_staff=True, is_superuser=True))
    change_page = admin.get(reverse("admin:sellers_cooperative_change", args=[cooperative.pk])).content.decode()
    assert full not in change_page and "0101200" not in change_page and "•••• 4821" in change_page


def test_officer_decides_in_admin_through_the_service():
    village = luang_prabang_village()
    client = Client()
    client.force_login(UserFactory(email="weavers@example.com"))
    cooperative = start(client)
    fill_everything(client, cooperative, village)
    client.post(step_url(cooperative, "review"))
    officer = UserFactory(is_staff=True, is_superuser=True)
    admin = login_officer(Client(), officer)
    url = reverse("admin:sellers_cooperative_decide", args=[cooperative.pk])
    assert url in admin.get(reverse("admin:sellers_cooperative_change", args=[cooperative.pk])).content.decode()
    assert admin.get(url).status_code == 200
    assert Client().get(url).status_code == 302  # admin login
    refused = admin.post(url, {"decision": Verification.REJECTED, "reason": ""})
    assert refused.status_code == 200
    response = admin.post(url, {"decision": Verification.VERIFIED, "reason": "All documents valid."})
    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.VERIFIED
    assert cooperative.status_changes.first().by == officer


def test_licence_expiry_must_be_in_the_future():
    client = Client()
    client.force_login(UserFactory())
    cooperative = start(client)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(step_url(cooperative, "documents"), {
        "kind": "food_safety", "file": pdf_upload(), "number": "FS-1", "expires_on": yesterday.isoformat()})
    assert response.status_code == 200
    assert "This licence has expired" in response.content.decode()
    assert 'value="FS-1"' in response.content.decode()
    assert not cooperative.documents.exists()


def test_every_step_and_the_index_render_for_the_owner():
    client = Client()
    client.force_login(UserFactory())
    cooperative = start(client)
    for step in ("kind", "name", "members", "story", "programmes", "documents", "payout", "review"):
        response = client.get(step_url(cooperative, step))
        assert response.status_code == 200, step
        assert 'aria-current="step"' in response.content.decode()
    assert client.get(step_url(cooperative, "nonsense")).status_code == 404
    assert client.get(reverse("sellers:onboarding")).status_code == 200


def test_story_is_stored_as_typed_and_shown_as_text():
    village = luang_prabang_village()
    client = Client()
    client.force_login(UserFactory())
    cooperative = start(client)
    fill_everything(client, cooperative, village)
    client.post(step_url(cooperative, "story"), {"story": "<script>alert(1)</script> Indigo", "contact_phone": "1"})
    cooperative.refresh_from_db()
    assert cooperative.story == "<script>alert(1)</script> Indigo"
    page = client.get(step_url(cooperative, "review")).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_a_proposed_village_must_be_set_before_verification():
    village = luang_prabang_village()
    client = Client()
    client.force_login(UserFactory())
    cooperative = start(client)
    fill_everything(client, cooperative, village)
    client.post(step_url(cooperative, "name"), {
        "name": "Ban Phanom Silk", "village": "", "proposed_village_name": "Ban Phanom", "district": village.parent_id})
    client.post(step_url(cooperative, "review"))
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.PENDING
    officer = UserFactory(is_staff=True)
    with pytest.raises(ValidationError, match="village"):
        cooperative_set_status(cooperative=cooperative, to=Verification.VERIFIED, by=officer)
    new_village = RegionFactory(name="Ban Phanom", slug="ban-phanom", parent=village.parent)
    Cooperative.objects.filter(pk=cooperative.pk).update(village=new_village)
    cooperative_set_status(cooperative=cooperative, to=Verification.VERIFIED, by=officer)
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.VERIFIED


def test_each_help_text_is_announced_with_its_field(client):
    client.force_login(UserFactory())
    cooperative = start(client)
    page = client.get(step_url(cooperative, "story")).content.decode()
    described = set(re.findall(r'aria-describedby="([^"]+)"', page))
    helps = set(re.findall(r'<small id="([^"]+)"', page))
    assert helps and helps <= described
