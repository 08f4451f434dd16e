"""The officers' moderation queue in admin: what waits, in what order, how it is filtered, the review
page, and decisions made through the catalog services (audited, the producer told the reason)."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product, ProductRevision, ProductStatusChange
from catalog.services import product_set_status, product_update
from ovop_market.models import AuditEntry, DecisionReason, Notification
from sellers.models import Cooperative, Membership
from tests.conftest import login_officer
from tests.factories import (
    CategoryFactory,
    CooperativeFactory,
    GradeFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
    region_chain,
)

pytestmark = pytest.mark.django_db
Status = Product.Status
QUEUE = reverse("admin:ovop_market_listingtoreview_changelist")


def review_url(product):
    return reverse("admin:ovop_market_listingtoreview_change", args=[product.pk])


@pytest.fixture
def officer(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    login_officer(client, user)
    return user


@pytest.fixture
def cooperative():
    return CooperativeFactory(contact_email="weavers@example.com")


def submitted(*, days_ago=0, **fields):
    """A listing sent for review ``days_ago`` days ago (through the service, as the seller centre does)."""
    fields.setdefault("cooperative", CooperativeFactory(contact_email="coop@example.com"))
    product = ProductFactory(status=Status.DRAFT, approved_at=None, **fields)
    product_set_status(product=product, to=Status.SUBMITTED, by=None)
    ProductStatusChange.objects.filter(product=product).update(created_at=timezone.now() - timedelta(days=days_ago))
    return product


def with_pending_revision(*, days_ago=0, **fields):
    fields.setdefault("cooperative", CooperativeFactory(contact_email="coop@example.com"))
    product = ProductFactory(**fields)
    owner = UserFactory()
    Membership.objects.create(cooperative=product.cooperative, user=owner, role=Membership.Role.OWNER)
    product_update(product=product, by=owner, story_care="Oil the wood once a year.")
    ProductRevision.objects.filter(product=product).update(created_at=timezone.now() - timedelta(days=days_ago))
    return product


def shown(response) -> list[int]:
    return [product.pk for product in response.context["cl"].result_list]


def test_the_queue_lists_submitted_listings_and_pending_changes_oldest_first(client, officer):
    recent = submitted(days_ago=1)
    oldest = submitted(days_ago=9)
    revised = with_pending_revision(days_ago=4)
    ProductFactory(status=Status.DRAFT, approved_at=None)
    ProductFactory()  # approved, nothing pending
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert shown(response) == [oldest.pk, revised.pk, recent.pk]
    body = response.content.decode()
    assert "Changes to a live listing" in body and "New listing" in body
    assert review_url(oldest) in body


def test_the_queue_filters_by_waiting_time_region_category_programme_and_producer(client, officer):
    province_village = region_chain(economy="Viet Nam", province="Ha Noi", district="Gia Lam", village="Bat Trang")
    elsewhere = region_chain(economy="Laos", province="Luang Prabang", district="Luang Prabang District",
                             village="Ban Xang Khong")
    textiles = CategoryFactory(name="Textiles", slug="textiles")
    scarves = CategoryFactory(name="Scarves", slug="scarves", parent=textiles)
    hanoi_coop = CooperativeFactory(village=province_village)
    in_hanoi = submitted(days_ago=8, cooperative=hanoi_coop, category=scarves)
    in_laos = submitted(days_ago=1, cooperative=CooperativeFactory(village=elsewhere))
    grade = GradeFactory(product=in_laos)

    assert shown(client.get(QUEUE, {"waiting": "7"})) == [in_hanoi.pk]
    assert shown(client.get(QUEUE, {"waiting": "3"})) == [in_hanoi.pk]
    assert shown(client.get(QUEUE, {"region": "ha-noi"})) == [in_hanoi.pk]  # the province covers its villages
    assert shown(client.get(QUEUE, {"region": "laos"})) == [in_laos.pk]
    assert shown(client.get(QUEUE, {"category": "textiles"})) == [in_hanoi.pk]  # the subtree
    assert shown(client.get(QUEUE, {"programme": grade.programme_id})) == [in_laos.pk]
    assert shown(client.get(QUEUE, {"cooperative": hanoi_coop.pk})) == [in_hanoi.pk]
    assert shown(client.get(QUEUE, {"region": "nowhere"})) == []


def test_the_review_page_shows_the_listing_as_buyers_will_and_the_proposed_changes(client, officer):
    product = with_pending_revision(name="Rosewood bowl", story_process="Turned on a foot lathe.", price=42)
    ProductImageFactory(product=product, alt_text="The bowl from above", rendered=True)
    response = client.get(review_url(product))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Rosewood bowl" in body and "Turned on a foot lathe." in body and "42" in body
    assert "The bowl from above" in body and "<picture>" in body  # the photo's renditions
    assert "Oil the wood once a year." in body  # the proposal, shown as buyers will see it
    changes = response.context["review"].changes
    assert [(c.label, c.before, c.after) for c in changes] == [("Care", "", "Oil the wood once a year.")]


def test_a_listing_sent_again_is_compared_with_its_last_approved_version(client, officer, cooperative):
    product = submitted(cooperative=cooperative, name="Indigo scarf", summary="Blue.")
    product_set_status(product=product, to=Status.APPROVED, by=UserFactory(is_staff=True))
    product_set_status(product=product, to=Status.CHANGES_REQUESTED, by=UserFactory(is_staff=True), reason="Photos")
    Product.objects.filter(pk=product.pk).update(summary="Deep blue, dyed nine times.")
    product_set_status(product=product, to=Status.SUBMITTED, by=None)
    response = client.get(review_url(product))
    changes = response.context["review"].changes
    assert [(c.label, c.before, c.after) for c in changes] == [("Summary", "Blue.", "Deep blue, dyed nine times.")]
    assert "Sent again" in client.get(QUEUE).content.decode()


def test_requesting_changes_with_a_template_and_free_text_goes_through_the_service(client, officer, cooperative):
    product = submitted(cooperative=cooperative)
    template = DecisionReason.objects.create(
        title="Photos too dark", text="Please add photos taken in daylight.", applies_to="product")
    response = client.post(review_url(product), {
        "decision": Status.CHANGES_REQUESTED, "template": template.pk, "reason": "The cover is blurred too.",
    })
    assert response.status_code == 302 and response["Location"] == QUEUE
    product.refresh_from_db()
    assert product.status == Status.CHANGES_REQUESTED
    reason = "Please add photos taken in daylight.\n\nThe cover is blurred too."
    entry = AuditEntry.objects.get(action="product.request_changes")
    assert (entry.by, entry.target_id, entry.before, entry.after, entry.reason) == (
        officer, str(product.pk), {"status": "submitted"}, {"status": "changes_requested"}, reason)
    notice = Notification.objects.get(kind=Notification.Kind.LISTING_CHANGES_REQUESTED)
    assert notice.email == "weavers@example.com" and notice.context["reason"] == reason
    assert product.status_changes.first().reason == reason


def test_approving_and_rejecting_from_the_review_page(client, officer, cooperative):
    good, bad = submitted(cooperative=cooperative), submitted(cooperative=cooperative)
    assert client.post(review_url(good), {"decision": Status.APPROVED}).status_code == 302
    assert client.post(review_url(bad), {"decision": Status.REJECTED, "reason": "Not hand-made."}).status_code == 302
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.status, bad.status) == (Status.APPROVED, Status.REJECTED)
    assert AuditEntry.objects.get(action="product.approve").target_id == str(good.pk)
    assert AuditEntry.objects.get(action="product.reject").reason == "Not hand-made."
    assert Notification.objects.get(kind=Notification.Kind.LISTING_REJECTED).context["reason"] == "Not hand-made."
    # Decided: it left the queue, and its review page sends the officer back to it.
    assert client.get(review_url(good)).status_code == 302


def test_changes_to_a_live_listing_are_approved_or_turned_down_through_the_revision_services(client, officer):
    approved, declined = with_pending_revision(), with_pending_revision()
    assert client.post(review_url(approved), {"decision": Status.APPROVED}).status_code == 302
    assert client.post(review_url(declined), {"decision": Status.CHANGES_REQUESTED,
                                              "reason": "Keep the care text short."}).status_code == 302
    approved.refresh_from_db()
    assert approved.story_care == "Oil the wood once a year." and approved.status == Status.APPROVED
    assert declined.revisions.get().status == ProductRevision.Status.REJECTED
    assert AuditEntry.objects.filter(action="revision.approve", target_id=str(approved.pk)).exists()
    assert AuditEntry.objects.get(action="revision.reject").reason == "Keep the care text short."
    assert Notification.objects.filter(kind=Notification.Kind.LISTING_CHANGES_REQUESTED,
                                       context__reason="Keep the care text short.").exists()


@pytest.mark.parametrize("data", [
    {"decision": Status.CHANGES_REQUESTED, "reason": "  "},
    {"decision": Status.REJECTED},
    {"decision": "archived"},
    {"decision": Status.APPROVED, "template": "not-a-number"},
    {},
])
def test_bad_input_re_shows_the_form_with_a_message(client, officer, cooperative, data):
    product = submitted(cooperative=cooperative)
    response = client.post(review_url(product), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    product.refresh_from_db()
    assert product.status == Status.SUBMITTED and not AuditEntry.objects.exists()


def test_approving_a_listing_of_an_unverified_producer_is_refused_with_the_reason(client, officer):
    product = submitted(cooperative=CooperativeFactory(verification_status=Cooperative.Verification.PENDING))
    response = client.post(review_url(product), {"decision": Status.APPROVED})
    assert response.status_code == 200
    assert "is not verified yet" in response.content.decode()
    product.refresh_from_db()
    assert product.status == Status.SUBMITTED


def test_bulk_approve_approves_the_eligible_listings_and_reports_the_others(client, officer):
    fine = submitted()
    revised = with_pending_revision()
    unverified = submitted(cooperative=CooperativeFactory(verification_status=Cooperative.Verification.PENDING,
                                                          name="Not Yet Verified Co"))
    response = client.post(QUEUE, {"action": "approve_selected",
                                   "_selected_action": [fine.pk, revised.pk, unverified.pk]}, follow=True)
    assert response.status_code == 200
    fine.refresh_from_db()
    unverified.refresh_from_db()
    assert fine.status == Status.APPROVED and unverified.status == Status.SUBMITTED
    assert revised.revisions.get().status == ProductRevision.Status.APPROVED
    texts = [str(message) for message in response.context["messages"]]
    assert "2 listings approved." in texts
    assert any(unverified.name in text and "not verified" in text for text in texts)
    assert AuditEntry.objects.filter(by=officer).count() == 2


def test_only_staff_with_product_rights_reach_the_queue(client, cooperative):
    product = submitted(cooperative=cooperative)
    login_officer(client, UserFactory(is_staff=True))  # staff, but no permissions
    assert client.get(QUEUE).status_code == 403
    assert client.post(review_url(product), {"decision": Status.APPROVED}).status_code in (403, 302)
    product.refresh_from_db()
    assert product.status == Status.SUBMITTED


def test_the_queue_takes_the_same_number_of_queries_for_3_or_12_listings(client, officer):
    counts = []
    for total in (3, 12):
        while Product.objects.filter(status=Status.SUBMITTED).count() < total:
            product = submitted()
            GradeFactory(product=product)
        client.get(QUEUE)  # the filter menus' cached taxonomy warmed up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(QUEUE)
        assert len(response.context["cl"].result_list) == total
        counts.append(len(queries))
    assert counts[0] == counts[1], "\n".join(q["sql"][:300] for q in queries.captured_queries)


def test_the_revision_admin_still_approves_with_its_action(client, officer):
    product = with_pending_revision()
    revision = product.revisions.get()
    client.post(reverse("admin:catalog_productrevision_changelist"),
                {"action": "approve", "_selected_action": [revision.pk]})
    revision.refresh_from_db()
    assert revision.status == ProductRevision.Status.APPROVED
    assert AuditEntry.objects.filter(action="revision.approve", by=officer).exists()
