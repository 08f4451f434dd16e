"""A verified cooperative keeps its profile up to date in the seller centre; what an officer
checked at verification (name, type, village, payout) stays as it is."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from sellers.models import Cooperative, CooperativeEdit, Membership
from sellers.selectors import CURRENT_COOPERATIVE_SESSION_KEY
from sellers.services import cooperative_profile_update
from tests.conftest import login_officer
from tests.factories import CooperativeFactory, UserFactory

pytestmark = pytest.mark.django_db
Verification = Cooperative.Verification
PROFILE_URL = reverse("sellers:cooperative_profile")


def profile_url(cooperative):
    return reverse("sellers:cooperative_profile", kwargs={"pk": cooperative.pk})


@pytest.fixture
def owner():
    return UserFactory(email="owner@example.com")


@pytest.fixture
def cooperative(owner):
    cooperative = CooperativeFactory(
        name="Xang Khong Weavers", founded_year=1998, contact_email="weavers@example.com",
        payout_account_holder="Xang Khong Weavers", payout_bank_name="BCEL", payout_account_number="0101 2000 4821",
    )
    Membership.objects.create(cooperative=cooperative, user=owner, role=Membership.Role.OWNER)
    return cooperative


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def profile(**changes) -> dict:
    data = {
        "story": "We weave silk on wooden looms, dyed with indigo from our own gardens.",
        "contact_email": "hello@xangkhong.example", "contact_phone": "+856 20 5555 4821",
        "members_count": "30", "women_members_count": "26", "founded_year": "1997",
    }
    return {**data, **changes}


def test_the_owner_updates_the_profile_and_the_change_is_recorded(owner, cooperative):
    response = logged_in(owner).post(PROFILE_URL, profile())
    assert response.status_code == 302 and response["Location"] == PROFILE_URL
    cooperative.refresh_from_db()
    assert (cooperative.story, cooperative.contact_email, cooperative.contact_phone) == (
        "We weave silk on wooden looms, dyed with indigo from our own gardens.", "hello@xangkhong.example",
        "+856 20 5555 4821")
    assert (cooperative.members_count, cooperative.women_members_count, cooperative.founded_year) == (30, 26, 1997)
    assert cooperative.verification_status == Verification.VERIFIED
    edit = CooperativeEdit.objects.get(cooperative=cooperative)
    assert (edit.by, edit.on_behalf, edit.what) == (owner, False, "profile")


def test_the_public_producer_page_shows_the_new_story(owner, cooperative):
    logged_in(owner).post(PROFILE_URL, profile(story="Indigo, hand-spun, from Ban Xang Khong."))
    page = Client().get(cooperative.get_absolute_url())
    assert page.status_code == 200
    assert "Indigo, hand-spun, from Ban Xang Khong." in page.content.decode()


def test_the_owner_sees_the_form_and_the_checked_details_read_only(owner, cooperative):
    page = logged_in(owner).get(PROFILE_URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="story"' in text and 'name="members_count"' in text and 'value="1998"' in text
    assert 'name="name"' not in text and 'name="payout_account_number"' not in text
    assert "Xang Khong Weavers" in text and cooperative.village.name in text
    assert "•••• 4821" in text and "0101 2000 4821" not in text
    assert "needs a programme officer" in text


def test_the_name_village_and_payout_cannot_be_changed_here(owner, cooperative):
    village = cooperative.village
    logged_in(owner).post(PROFILE_URL, profile(
        name="Renamed", kind=Cooperative.Kind.INDIVIDUAL, payout_account_number="9999 9999"))
    cooperative.refresh_from_db()
    assert (cooperative.name, cooperative.kind, cooperative.village, cooperative.payout_account_number) == (
        "Xang Khong Weavers", Cooperative.Kind.COMMUNITY_GROUP, village, "0101 2000 4821")
    assert cooperative.founded_year == 1997


def test_the_nav_links_to_the_profile(owner, cooperative):
    page = logged_in(owner).get(reverse("sellers:dashboard")).content.decode()
    assert f'href="{PROFILE_URL}"' in page


def test_a_member_sees_the_profile_read_only(cooperative):
    noy = UserFactory()
    Membership.objects.create(cooperative=cooperative, user=noy, role=Membership.Role.MEMBER)
    client = logged_in(noy)
    page = client.get(PROFILE_URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert cooperative.story in text and "weavers@example.com" in text
    assert 'name="story"' not in text and "<textarea" not in text and "Only the cooperative's owners" in text
    assert client.post(PROFILE_URL, profile()).status_code == 403
    cooperative.refresh_from_db()
    assert cooperative.founded_year == 1998
    assert not CooperativeEdit.objects.exists()


def test_another_cooperatives_owner_gets_404_and_changes_nothing(cooperative):
    other_owner = UserFactory()
    other = CooperativeFactory(name="Ban Phanom Silk")
    Membership.objects.create(cooperative=other, user=other_owner, role=Membership.Role.OWNER)
    client = logged_in(other_owner)
    assert client.get(profile_url(cooperative)).status_code == 404
    assert client.post(profile_url(cooperative), profile()).status_code == 404
    # Pointing the session at someone else's cooperative falls back to one's own.
    session = client.session
    session[CURRENT_COOPERATIVE_SESSION_KEY] = cooperative.pk
    session.save()
    text = client.get(PROFILE_URL).content.decode()
    assert "Ban Phanom Silk" in text and "Xang Khong Weavers" not in text
    cooperative.refresh_from_db()
    assert cooperative.founded_year == 1998
    assert not CooperativeEdit.objects.filter(cooperative=cooperative).exists()


def test_a_user_without_a_cooperative_is_sent_to_onboarding():
    response = logged_in(UserFactory()).get(PROFILE_URL)
    assert response.status_code == 302 and response["Location"] == reverse("sellers:onboarding")


def test_anonymous_visitors_are_sent_to_log_in(cooperative):
    for url in (PROFILE_URL, profile_url(cooperative)):
        response = Client().get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_an_officer_edits_on_the_cooperatives_behalf_and_is_recorded(cooperative):
    officer = UserFactory(is_staff=True, is_superuser=True)
    client = login_officer(Client(), officer)
    client.post(reverse("sellers:act_for"), {"cooperative": cooperative.pk})
    page = client.get(PROFILE_URL).content.decode()
    assert "on the cooperative&#x27;s behalf" in page or "on the cooperative's behalf" in page
    response = client.post(PROFILE_URL, profile(members_count="31"))
    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.members_count == 31
    edit = CooperativeEdit.objects.get(cooperative=cooperative)
    assert (edit.by, edit.on_behalf, edit.what) == (officer, True, "profile")


def test_an_officer_reaches_a_cooperative_by_its_address(cooperative):
    officer = UserFactory(is_staff=True, is_superuser=True)
    response = login_officer(Client(), officer).post(profile_url(cooperative), profile(founded_year="1995"))
    assert response.status_code == 302 and response["Location"] == profile_url(cooperative)
    cooperative.refresh_from_db()
    assert cooperative.founded_year == 1995
    assert CooperativeEdit.objects.get(cooperative=cooperative).on_behalf


@pytest.mark.parametrize("changes, message", [
    ({"members_count": "5", "women_members_count": "9"}, "cannot be more than all members"),
    ({"members_count": "-3"}, "at least one member"),
    ({"women_members_count": "-1"}, "cannot be negative"),
    ({"contact_email": "not-an-address"}, "Enter a valid email address"),
    ({"founded_year": "3001"}, "between 1800 and this year"),
    ({"story": ""}, "This field is required"),
    ({"contact_email": "", "contact_phone": ""}, "Give an e-mail address or a phone number"),
])
def test_bad_input_is_refused_and_the_form_keeps_it(owner, cooperative, changes, message):
    data = profile(**changes)
    response = logged_in(owner).post(PROFILE_URL, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    for name in ("members_count", "women_members_count", "founded_year", "contact_email"):
        if data[name]:
            assert f'value="{data[name]}"' in text
    assert data["story"] in text
    cooperative.refresh_from_db()
    assert (cooperative.members_count, cooperative.founded_year) == (12, 1998)
    assert not CooperativeEdit.objects.exists()


def test_a_long_story_is_accepted(owner, cooperative):
    story = "Silk " * 2_000  # 10,000 characters
    response = logged_in(owner).post(PROFILE_URL, profile(story=story))
    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.story == story.strip()


def test_saving_without_a_change_records_nothing(owner, cooperative):
    client = logged_in(owner)
    client.post(PROFILE_URL, profile())
    client.post(PROFILE_URL, profile())
    assert CooperativeEdit.objects.filter(cooperative=cooperative).count() == 1


@pytest.mark.parametrize("status", [Verification.DRAFT, Verification.PENDING, Verification.CHANGES_REQUESTED])
def test_a_cooperative_not_yet_verified_is_sent_to_the_registration_form(owner, cooperative, status):
    Cooperative.objects.filter(pk=cooperative.pk).update(verification_status=status)
    client = logged_in(owner)
    page = client.get(PROFILE_URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert reverse("sellers:onboarding_step", kwargs={"pk": cooperative.pk, "step": "review"}) in text
    assert 'name="story"' not in text
    assert client.post(PROFILE_URL, profile()).status_code == 403
    cooperative.refresh_from_db()
    assert cooperative.founded_year == 1998


def test_a_suspended_cooperative_cannot_change_its_profile(owner, cooperative):
    Cooperative.objects.filter(pk=cooperative.pk).update(verification_status=Verification.SUSPENDED)
    client = logged_in(owner)
    assert "suspended" in client.get(PROFILE_URL).content.decode()
    assert client.post(PROFILE_URL, profile()).status_code == 403


def test_the_service_enforces_who_and_when(owner, cooperative):
    values = {"story": "Silk.", "contact_email": "", "contact_phone": "1", "members_count": 3,
              "women_members_count": 2, "founded_year": 2000}
    noy = UserFactory()
    Membership.objects.create(cooperative=cooperative, user=noy, role=Membership.Role.MEMBER)
    with pytest.raises(PermissionDenied):
        cooperative_profile_update(cooperative=cooperative, by=noy, **values)
    with pytest.raises(ValidationError):
        cooperative_profile_update(cooperative=cooperative, by=owner, **{**values, "women_members_count": 4})
    Cooperative.objects.filter(pk=cooperative.pk).update(verification_status=Verification.PENDING)
    with pytest.raises(ValidationError, match="verified"):
        cooperative_profile_update(cooperative=cooperative, by=owner, **values)
    assert not CooperativeEdit.objects.exists()
