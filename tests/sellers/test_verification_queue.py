"""The officers' verification queue in admin: applications waiting, documents checked in place,
a proposed village confirmed or merged, decisions through sellers.services (audited, notified)."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import Region
from ovop_market.models import AuditEntry, DecisionReason, Notification
from sellers.models import Cooperative, CooperativeDocument, CooperativeStatusChange
from sellers.services import cooperative_set_status
from tests.conftest import login_officer
from tests.factories import CooperativeFactory, UserFactory, region_chain
from tests.sellers.helpers import pdf_upload, png_upload

pytestmark = pytest.mark.django_db
Verification = Cooperative.Verification
QUEUE = reverse("admin:ovop_market_applicationtoverify_changelist")


def page_url(cooperative):
    return reverse("admin:ovop_market_applicationtoverify_change", args=[cooperative.pk])


@pytest.fixture
def officer(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    login_officer(client, user)
    return user


def document(cooperative, kind=CooperativeDocument.Kind.REGISTRATION, *, expires_in=None, image=False, number=""):
    upload = png_upload() if image else pdf_upload()
    return CooperativeDocument.objects.create(
        cooperative=cooperative, kind=kind, file=upload, number=number,
        content_type="image/png" if image else "application/pdf",
        expires_on=timezone.localdate() + timedelta(days=expires_in) if expires_in is not None else None,
    )


def applied(*, days_ago=0, **fields):
    fields.setdefault("contact_email", "weavers@example.com")
    cooperative = CooperativeFactory(verification_status=Verification.DRAFT, verified_at=None, **fields)
    cooperative_set_status(cooperative=cooperative, to=Verification.PENDING, by=None)
    CooperativeStatusChange.objects.filter(cooperative=cooperative).update(
        created_at=timezone.now() - timedelta(days=days_ago))
    return cooperative


def shown(response) -> list[int]:
    return [cooperative.pk for cooperative in response.context["cl"].result_list]


def test_the_queue_lists_applications_oldest_first_and_filters_them(client, officer):
    hanoi = region_chain(economy="Viet Nam", province="Ha Noi", district="Gia Lam", village="Bat Trang")
    laos = region_chain(economy="Laos", province="Luang Prabang", district="Luang Prabang District",
                        village="Ban Xang Khong")
    recent = applied(days_ago=1, village=laos)
    oldest = applied(days_ago=10, village=hanoi)
    proposing = applied(days_ago=5, village=None, proposed_village_name="Ban Phanom",
                        proposed_village_district=laos.parent)
    document(recent, CooperativeDocument.Kind.FOOD_SAFETY, expires_in=-3)
    CooperativeFactory()  # verified: not in the queue

    response = client.get(QUEUE)
    assert response.status_code == 200
    assert shown(response) == [oldest.pk, proposing.pk, recent.pk]
    assert "New: Ban Phanom" in response.content.decode()
    assert shown(client.get(QUEUE, {"waiting": "7"})) == [oldest.pk]
    assert shown(client.get(QUEUE, {"region": "laos"})) == [proposing.pk, recent.pk]  # a proposal counts by district
    assert shown(client.get(QUEUE, {"region": "ha-noi"})) == [oldest.pk]
    assert shown(client.get(QUEUE, {"needs": "new_village"})) == [proposing.pk]
    assert shown(client.get(QUEUE, {"needs": "expired"})) == [recent.pk]


def test_the_page_shows_documents_in_place_and_flags_their_expiry(client, officer):
    cooperative = applied()
    scan = document(cooperative, image=True, number="REG-1")
    document(cooperative, CooperativeDocument.Kind.FOOD_SAFETY, expires_in=20, number="FS-9")
    document(cooperative, CooperativeDocument.Kind.HALAL, expires_in=-1, number="HL-2")
    response = client.get(page_url(cooperative))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<img src="{scan.get_absolute_url()}"' in body  # the image, inline
    assert "Open the PDF" in body
    assert "Expires soon" in body and "Expired" in body
    assert "Verification will be refused" in body and "HL-2" in body
    # The officer can open the document itself (the private download view).
    assert client.get(scan.get_absolute_url()).status_code == 200


def test_an_expired_document_blocks_verification_with_a_clear_message(client, officer):
    cooperative = applied()
    document(cooperative, CooperativeDocument.Kind.FOOD_SAFETY, expires_in=-2)
    response = client.post(page_url(cooperative), {"decision": Verification.VERIFIED, "_decide": "1"})
    assert response.status_code == 200
    assert "Cannot verify: Food safety licence" in response.content.decode()
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.PENDING
    assert not AuditEntry.objects.exists()


def test_an_expired_document_replaced_by_a_current_one_does_not_block(client, officer):
    cooperative = applied()
    document(cooperative, CooperativeDocument.Kind.FOOD_SAFETY, expires_in=-30)
    document(cooperative, CooperativeDocument.Kind.FOOD_SAFETY, expires_in=300)
    response = client.post(page_url(cooperative), {"decision": Verification.VERIFIED, "_decide": "1"})
    assert response.status_code == 302 and response["Location"] == QUEUE
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.VERIFIED


def test_verifying_is_recorded_audited_and_the_cooperative_told(client, officer):
    cooperative = applied()
    template = DecisionReason.objects.create(title="Complete", text="Your papers are in order.",
                                             applies_to="cooperative")
    response = client.post(page_url(cooperative), {
        "decision": Verification.VERIFIED, "template": template.pk, "reason": "Welcome!", "_decide": "1"})
    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.VERIFIED
    entry = AuditEntry.objects.get(action="cooperative.verify")
    assert (entry.by, entry.target_id, entry.before, entry.reason) == (
        officer, str(cooperative.pk), {"verification_status": "pending"}, "Your papers are in order.\n\nWelcome!")
    assert Notification.objects.get(kind=Notification.Kind.COOPERATIVE_VERIFIED).context["reason"] == \
        "Your papers are in order.\n\nWelcome!"


def test_requesting_changes_sends_the_reason(client, officer):
    cooperative = applied()
    client.post(page_url(cooperative), {"decision": Verification.CHANGES_REQUESTED,
                                        "reason": "The registration scan is unreadable.", "_decide": "1"})
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.CHANGES_REQUESTED
    assert AuditEntry.objects.get(action="cooperative.request_changes").reason == "The registration scan is unreadable."
    notice = Notification.objects.get(kind=Notification.Kind.COOPERATIVE_CHANGES_REQUESTED)
    assert notice.context["reason"] == "The registration scan is unreadable."


@pytest.mark.parametrize("data", [
    {"decision": Verification.REJECTED, "reason": " ", "_decide": "1"},
    {"decision": "suspended", "_decide": "1"},
    {"decision": Verification.VERIFIED, "template": "x", "_decide": "1"},
    {"_village_merge": "1", "village": "999999"},
    {"_village_confirm": "1", "name": ""},
    {},
])
def test_bad_input_re_shows_the_page_with_a_message(client, officer, data):
    district = region_chain(economy="Laos", province="Luang Prabang", district="Luang Prabang District",
                            village="Ban Xang Khong").parent
    cooperative = applied(village=None, proposed_village_name="Ban Phanom", proposed_village_district=district)
    response = client.post(page_url(cooperative), data)
    assert response.status_code == 200
    forms = [response.context[name] for name in ("form", "confirm_form", "merge_form")]
    assert any(form.errors for form in forms)
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.PENDING and cooperative.village is None


def test_a_proposed_village_is_confirmed_into_the_region_tree(client, officer):
    district = region_chain(economy="Laos", province="Luang Prabang", district="Luang Prabang District",
                            village="Ban Xang Khong").parent
    cooperative = applied(village=None, proposed_village_name="Ban Phanom", proposed_village_district=district)
    # Verifying first is refused: it has no village yet.
    refused = client.post(page_url(cooperative), {"decision": Verification.VERIFIED, "_decide": "1"})
    assert refused.status_code == 200 and "before verifying it" in refused.content.decode()

    response = client.post(page_url(cooperative), {"_village_confirm": "1", "name": "Ban Phanom Neua"})
    assert response.status_code == 302
    village = Region.objects.get(name="Ban Phanom Neua")
    assert (village.kind, village.parent, village.path) == (Region.Kind.VILLAGE, district,
                                                            district.path + "ban-phanom-neua/")
    cooperative.refresh_from_db()
    assert cooperative.village == village and cooperative.proposed_village_name == ""
    entry = AuditEntry.objects.get(action="cooperative.village_confirm")
    assert entry.before["proposed_village_name"] == "Ban Phanom" and entry.after["village"] == village.pk
    # A province's filter now finds it by its village.
    assert shown(client.get(QUEUE, {"region": "luang-prabang"})) == [cooperative.pk]


def test_a_proposed_village_is_merged_into_an_existing_one(client, officer):
    existing = region_chain(economy="Laos", province="Luang Prabang", district="Luang Prabang District",
                            village="Ban Xang Khong")
    cooperative = applied(village=None, proposed_village_name="Xang Kong", proposed_village_district=existing.parent)
    villages = Region.objects.count()
    response = client.post(page_url(cooperative), {"_village_merge": "1", "village": existing.pk})
    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.village == existing and cooperative.proposed_village_name == ""
    assert Region.objects.count() == villages
    assert AuditEntry.objects.get(action="cooperative.village_merge").after["village"] == existing.pk


def test_the_village_can_be_confirmed_as_part_of_verifying(client, officer):
    district = region_chain(economy="Laos", province="Luang Prabang", district="Luang Prabang District",
                            village="Ban Xang Khong").parent
    cooperative = applied(village=None, proposed_village_name="Ban Phanom", proposed_village_district=district)
    response = client.post(page_url(cooperative), {"decision": Verification.VERIFIED, "confirm_village": "on",
                                                   "_decide": "1"})
    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.VERIFIED and cooperative.village.name == "Ban Phanom"


def test_confirm_and_verify_together_roll_back_when_a_document_has_expired(client, officer):
    district = region_chain(economy="Laos", province="Luang Prabang", district="Luang Prabang District",
                            village="Ban Xang Khong").parent
    cooperative = applied(village=None, proposed_village_name="Ban Phanom", proposed_village_district=district)
    document(cooperative, expires_in=-1)
    response = client.post(page_url(cooperative), {"decision": Verification.VERIFIED, "confirm_village": "on",
                                                   "_decide": "1"})
    assert response.status_code == 200 and "Cannot verify" in response.content.decode()
    assert not Region.objects.filter(name="Ban Phanom").exists()


def test_the_decide_page_of_the_cooperative_is_the_same_page(client, officer):
    cooperative = applied()
    url = reverse("admin:sellers_cooperative_decide", args=[cooperative.pk])
    assert url in client.get(reverse("admin:sellers_cooperative_change", args=[cooperative.pk])).content.decode()
    response = client.post(url, {"decision": Verification.VERIFIED, "reason": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:sellers_cooperative_change", args=[cooperative.pk])
    assert AuditEntry.objects.filter(action="cooperative.verify", by=officer).exists()


def test_staff_without_cooperative_rights_cannot_decide(client):
    cooperative = applied()
    login_officer(client, UserFactory(is_staff=True))
    assert client.get(QUEUE).status_code == 403
    response = client.post(page_url(cooperative), {"decision": Verification.VERIFIED, "_decide": "1"})
    assert response.status_code in (302, 403, 404)
    cooperative.refresh_from_db()
    assert cooperative.verification_status == Verification.PENDING


def test_the_queue_takes_the_same_number_of_queries_for_3_or_12_applications(client, officer):
    counts = []
    for total in (3, 12):
        while Cooperative.objects.filter(verification_status=Verification.PENDING).count() < total:
            cooperative = applied()
            document(cooperative)
        client.get(QUEUE)  # the filter menus' cached regions warmed up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(QUEUE)
        assert len(response.context["cl"].result_list) == total
        counts.append(len(queries))
    assert counts[0] == counts[1]
