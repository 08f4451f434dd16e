"""The audit trail: every officer decision and on-behalf change is recorded, and admin only reads it."""
import functools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_otp.middleware import is_verified as otp_is_verified
from django_otp.plugins.otp_totp.models import TOTPDevice

from catalog.models import Product
from catalog.services import (
    product_create,
    product_revision_approve,
    product_revision_reject,
    product_set_status,
    product_submit,
    product_update,
)
from ovop_market.audit import audit_record
from ovop_market.models import AuditEntry
from sellers.models import Cooperative, Membership
from sellers.services import cooperative_profile_update, cooperative_set_status
from tests.conftest import login_officer
from tests.factories import CategoryFactory, CooperativeFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Product.Status
Verification = Cooperative.Verification


@pytest.fixture
def officer():
    return UserFactory(is_staff=True, is_superuser=True)


def test_audit_record_keeps_who_what_target_before_after_and_why(officer):
    product = ProductFactory()
    entry = audit_record(by=officer, action="product.approve", target=product, before={"status": "submitted"},
                         after={"status": "approved"}, reason="Looks right")
    entry.refresh_from_db()
    assert entry.by == officer and entry.action == "product.approve"
    assert entry.target_type == ContentType.objects.get_for_model(Product)
    assert entry.target_id == str(product.pk) and entry.target_repr == product.name
    assert (entry.before, entry.after, entry.reason, entry.on_behalf) == (
        {"status": "submitted"}, {"status": "approved"}, "Looks right", False,
    )


@pytest.mark.parametrize("to, action", [
    (Status.APPROVED, "product.approve"),
    (Status.CHANGES_REQUESTED, "product.request_changes"),
    (Status.REJECTED, "product.reject"),
])
def test_each_moderation_decision_is_audited(officer, to, action):
    product = ProductFactory(status=Status.SUBMITTED, approved_at=None)
    product_set_status(product=product, to=to, by=officer, reason="Because")
    entry = AuditEntry.objects.get(action=action)
    assert entry.by == officer and entry.target_id == str(product.pk)
    assert entry.before == {"status": "submitted"} and entry.after["status"] == to
    assert entry.reason == "Because"


def test_an_approval_keeps_a_snapshot_of_what_buyers_see(officer):
    product = ProductFactory(status=Status.SUBMITTED, approved_at=None, story_care="Hand wash.")
    product_set_status(product=product, to=Status.APPROVED, by=officer)
    snapshot = AuditEntry.objects.get(action="product.approve").after["snapshot"]
    assert snapshot["name"] == product.name and snapshot["story_care"] == "Hand wash."
    assert snapshot["category"] == product.category_id


def test_a_refused_decision_writes_no_audit_row(officer):
    product = ProductFactory(status=Status.SUBMITTED, approved_at=None,
                             cooperative=CooperativeFactory(verification_status=Verification.PENDING))
    with pytest.raises(Exception):  # noqa: B017  (ValidationError: cooperative not verified)
        product_set_status(product=product, to=Status.APPROVED, by=officer)
    assert not AuditEntry.objects.exists()


def test_the_artisans_own_submission_is_not_an_audited_action():
    cooperative = CooperativeFactory()
    artisan = UserFactory()
    Membership.objects.create(cooperative=cooperative, user=artisan, role=Membership.Role.OWNER)
    product = ProductFactory(cooperative=cooperative, status=Status.DRAFT, approved_at=None)
    product_submit(product=product, by=artisan)
    assert not AuditEntry.objects.exists()


def test_revision_decisions_are_audited(officer):
    product = ProductFactory()
    artisan = UserFactory()
    Membership.objects.create(cooperative=product.cooperative, user=artisan, role=Membership.Role.OWNER)
    product_update(product=product, by=artisan, story_care="Oil it once a year.")
    revision = product.revisions.get()
    product_revision_approve(revision=revision, by=officer, reason="Fine")
    entry = AuditEntry.objects.get(action="revision.approve")
    assert entry.before["story_care"] == "" and entry.after["snapshot"]["story_care"] == "Oil it once a year."
    assert entry.after["data"] == {"story_care": "Oil it once a year."} and entry.reason == "Fine"

    product_update(product=product, by=artisan, summary="Now cheaper")
    product_revision_reject(revision=product.revisions.get(status="pending"), by=officer, reason="Not a summary")
    entry = AuditEntry.objects.get(action="revision.reject")
    assert entry.after["data"] == {"summary": "Now cheaper"} and entry.reason == "Not a summary"


@pytest.mark.parametrize("to, action", [
    (Verification.VERIFIED, "cooperative.verify"),
    (Verification.CHANGES_REQUESTED, "cooperative.request_changes"),
    (Verification.REJECTED, "cooperative.reject"),
])
def test_verification_decisions_are_audited(officer, to, action):
    cooperative = CooperativeFactory(verification_status=Verification.PENDING, verified_at=None)
    cooperative_set_status(cooperative=cooperative, to=to, by=officer, reason="Checked the papers")
    entry = AuditEntry.objects.get(action=action)
    assert entry.by == officer and entry.target_id == str(cooperative.pk)
    assert entry.before == {"verification_status": "pending"}
    assert entry.after["verification_status"] == to and entry.reason == "Checked the papers"


def past_second_factor(user):
    """``user`` as django-otp's middleware hands them to a view once their second factor is verified
    (officers act for a cooperative only then)."""
    user.otp_device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    user.is_verified = functools.partial(otp_is_verified, user)
    return user


def test_an_officer_acting_for_a_cooperative_is_audited_as_on_behalf(officer):
    past_second_factor(officer)
    cooperative = CooperativeFactory()
    product = product_create(cooperative=cooperative, by=officer, name="Silk scarf", category=CategoryFactory(),
                             price=30, weight_grams=100)
    product_update(product=product, by=officer, price=35, story_care="Dry clean")
    product_submit(product=product, by=officer)
    cooperative_profile_update(
        cooperative=cooperative, by=officer, story="New story", contact_email="coop@example.com",
        contact_phone="", members_count=12, women_members_count=9, founded_year=None,
    )
    entries = {entry.action: entry for entry in AuditEntry.objects.all()}
    assert set(entries) == {"on_behalf.product_create", "on_behalf.product_update", "on_behalf.product_submit",
                            "on_behalf.cooperative_profile_update"}
    assert all(entry.on_behalf and entry.by == officer for entry in entries.values())
    update = entries["on_behalf.product_update"]
    assert update.before == {"price": "30.00", "story_care": ""}
    assert update.after == {"price": 35, "story_care": "Dry clean"}
    assert entries["on_behalf.cooperative_profile_update"].after["story"] == "New story"


def test_a_member_editing_their_own_product_is_not_audited():
    cooperative = CooperativeFactory()
    artisan = UserFactory()
    Membership.objects.create(cooperative=cooperative, user=artisan, role=Membership.Role.OWNER)
    product = ProductFactory(cooperative=cooperative, status=Status.DRAFT, approved_at=None)
    product_update(product=product, by=artisan, price=12)
    assert not AuditEntry.objects.exists()


# --- admin -----------------------------------------------------------------------------------------

@pytest.fixture
def entry(officer):
    return audit_record(by=officer, action="cooperative.verify", target=CooperativeFactory(),
                        before={"verification_status": "pending"}, after={"verification_status": "verified"},
                        reason="All papers valid")


def test_officers_read_filter_and_search_the_trail(client, officer, entry):
    login_officer(client, officer)
    url = reverse("admin:ovop_market_auditentry_changelist")
    response = client.get(url)
    assert response.status_code == 200 and b"cooperative.verify" in response.content
    assert client.get(url, {"action": "cooperative.verify"}).context["cl"].result_count == 1
    assert client.get(url, {"action": "product.approve"}).context["cl"].result_count == 0
    assert client.get(url, {"q": "papers valid"}).context["cl"].result_count == 1
    assert client.get(url, {"by": officer.pk}).context["cl"].result_count == 1
    assert client.get(url, {"by": UserFactory(is_staff=True).pk}).context["cl"].result_count == 0
    page = client.get(reverse("admin:ovop_market_auditentry_change", args=[entry.pk]))
    assert page.status_code == 200 and b"All papers valid" in page.content
    assert b'name="_save"' not in page.content  # read-only


def test_nobody_changes_or_deletes_an_entry_in_admin(client, officer, entry):
    login_officer(client, officer)  # a superuser
    change_url = reverse("admin:ovop_market_auditentry_change", args=[entry.pk])
    response = client.post(change_url, {"action": "changed", "reason": "rewritten"})
    assert response.status_code == 403
    assert client.get(reverse("admin:ovop_market_auditentry_delete", args=[entry.pk])).status_code == 403
    assert client.post(reverse("admin:ovop_market_auditentry_delete", args=[entry.pk]),
                       {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:ovop_market_auditentry_add")).status_code == 403
    response = client.post(reverse("admin:ovop_market_auditentry_changelist"),
                           {"action": "delete_selected", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert (entry.action, entry.reason) == ("cooperative.verify", "All papers valid")


def test_the_trail_changelist_takes_the_same_queries_for_3_or_12_entries(client, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login_officer(client, officer)
    url = reverse("admin:ovop_market_auditentry_changelist")
    counts = []
    for total in (3, 12):
        for _n in range(total - AuditEntry.objects.count()):
            audit_record(by=UserFactory(is_staff=True), action="product.approve", target=ProductFactory())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_review_pages_link_to_the_objects_own_audit_trail(client, officer):
    product = ProductFactory(status=Status.SUBMITTED, approved_at=None)
    other = ProductFactory(status=Status.SUBMITTED, approved_at=None)
    for target in (product, other):
        audit_record(by=officer, action="product.request_changes", target=target, reason=f"about {target.pk}")
    login_officer(client, officer)
    page = client.get(reverse("admin:ovop_market_listingtoreview_change", args=[product.pk]))
    url = page.context["audit_url"]
    assert url.replace("&", "&amp;") in page.content.decode()
    trail = client.get(url)
    assert [entry.reason for entry in trail.context["cl"].result_list] == [f"about {product.pk}"]


def test_an_officers_edit_in_the_product_form_is_audited(client, officer):
    product = ProductFactory(summary="Old summary", price=20)
    login_officer(client, officer)
    url = reverse("admin:catalog_product_change", args=[product.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update({"summary": "A clearer summary", "price": "20.00", "cooperative": product.cooperative_id,
                 "category": product.category_id, "origin": product.origin_id})
    for prefix in ("images", "grades", "status_changes"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client.post(url, data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="product.admin_edit")
    assert entry.by == officer and entry.on_behalf
    assert entry.before == {"summary": "Old summary"} and entry.after == {"summary": "A clearer summary"}
