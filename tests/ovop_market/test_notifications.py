"""Notifications: recorded with the change that causes them, e-mailed in the recipient's language,
listed in the recipient's account, and sent by the officer's decisions with their reason."""
import re
from datetime import UTC

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Product
from catalog.services import product_set_status
from ovop_market.models import Notification, OutboxMessage
from ovop_market.notifications import KINDS, notification_email
from ovop_market.services import notification_email_deliver, notification_send
from sellers.models import Cooperative
from sellers.services import cooperative_set_status
from tests.factories import CooperativeFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db
Kind = Notification.Kind
Verification = Cooperative.Verification

LISTING_CONTEXT = {"product": "Bat Trang tea bowl", "cooperative": "Bat Trang Ceramics", "reason": "Blurry photo."}


def sign_in(client, user) -> None:
    client.force_login(user)


def listing_notification(user=None, **fields) -> Notification:
    return notification_send(kind=Kind.LISTING_CHANGES_REQUESTED, context=dict(LISTING_CONTEXT),
                             user=user or UserFactory(), **fields)


# --- Recording ---------------------------------------------------------------------------------


def test_notification_and_its_email_task_are_recorded_in_one_transaction():
    user = UserFactory(language="th")

    with transaction.atomic():
        notification = listing_notification(user=user)
        message = OutboxMessage.objects.get()

    assert (notification.user, notification.email, notification.language) == (user, user.email, "th")
    assert notification.email_status == Notification.EmailStatus.PENDING
    assert message.task_name == "ovop_market.notification_deliver_email"
    assert message.queue == "notifications"
    assert message.kwargs == {"notification_id": notification.pk}
    assert message.status == OutboxMessage.Status.PENDING


def test_a_rolled_back_change_leaves_no_notification_and_sends_nothing(
    eager_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            listing_notification()
            raise RuntimeError("the order could not be placed")

    assert not callbacks
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert mailoutbox == []


def test_committed_notification_is_emailed_once_after_commit(
    eager_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = listing_notification()
        assert mailoutbox == []  # nothing leaves before the commit

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
    assert notification.email_sent_at is not None and notification.email_attempts == 1
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.DONE

    assert notification_email_deliver(notification_id=notification.pk) is False  # a second run sends nothing
    assert len(mailoutbox) == 1


def test_a_guest_is_notified_at_the_given_address_in_the_given_or_site_language():
    guest = notification_send(kind=Kind.ORDER_CONFIRMATION, email="guest@example.com",
                              context={"order_number": "OV-1001", "lines": [], "total": "0"})
    thai_guest = notification_send(kind=Kind.ORDER_CONFIRMATION, email="somchai@example.com", language="th",
                                   context={"order_number": "OV-1002", "lines": [], "total": "0"})

    assert (guest.user, guest.email, guest.language) == (None, "guest@example.com", "en")
    assert thai_guest.language == "th"


def test_explicit_language_wins_over_the_users_and_unknown_languages_fall_back():
    user = UserFactory(language="vi")
    assert listing_notification(user=user, language="th").language == "th"
    assert listing_notification(user=user, language="xx").language == "en"


def test_unknown_kind_missing_context_or_no_address_is_refused():
    with pytest.raises(ValueError, match="Unknown notification kind"):
        notification_send(kind="lottery_win", context={}, email="a@example.com")
    with pytest.raises(ValueError, match="reason|product"):
        notification_send(kind=Kind.LISTING_APPROVED, context={"cooperative": "X"}, email="a@example.com")
    with pytest.raises(ValueError, match="user or an e-mail"):
        notification_send(kind=Kind.ACCOUNT_WELCOME, context={})
    assert not Notification.objects.exists()


def test_every_kind_has_a_subject_and_both_templates():
    assert set(KINDS) == set(Kind.values)
    context = {
        "cooperative": "Coop", "product": "Bowl", "reason": "Because.", "order_number": "OV-1",
        "lines": [{"name": "Bowl", "quantity": 1, "price": "10"}], "total": "10", "status": "shipped",
        "action_url": "https://ovop.market/accounts/reset/abc/",
    }
    for kind in KINDS:
        message = notification_email(Notification(pk=1, kind=kind, email="a@example.com", language="en",
                                                  context=context))
        assert message.subject and "%(" not in message.subject, kind
        assert message.body.strip() and "<" not in message.body, kind
        assert "<html" in message.alternatives[0].content, kind


# --- Rendering ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "month"), [("vi", "tháng 11"), ("th", "พฤศจิกายน")])
def test_email_is_rendered_in_the_recipients_language(language, month):
    from datetime import datetime

    product = ProductFactory(slug="tea-bowl")
    notification = notification_send(
        kind=Kind.LISTING_APPROVED, user=UserFactory(language=language),
        context={"product": "Tea bowl", "cooperative": "Bat Trang", "reason": "",
                 "link": {"name": "catalog:product_detail", "kwargs": {"slug": product.slug}}},
    )
    Notification.objects.filter(pk=notification.pk).update(created_at=datetime(2026, 11, 22, tzinfo=UTC))
    notification.refresh_from_db()

    message = notification_email(notification)
    html = message.alternatives[0].content

    assert f'<html lang="{language}">' in html
    assert month in html and month in message.body  # Django's own translation of the date
    assert f"http://127.0.0.1:8000/{language}/products/tea-bowl/" in message.body
    assert f'href="http://127.0.0.1:8000/{language}/products/tea-bowl/"' in html
    assert "Tea bowl" in message.subject


def test_email_escapes_html_but_the_text_part_keeps_names_as_typed():
    notification = notification_send(
        kind=Kind.LISTING_REJECTED, email="coop@example.com",
        context={"product": "Bowls & cups <set>", "cooperative": "Gốm", "reason": "Not <b>hand</b>-made."},
    )
    message = notification_email(notification)
    html = message.alternatives[0].content

    assert "Bowls &amp; cups &lt;set&gt;" in html and "<b>hand</b>" not in html
    assert "Bowls & cups <set>" in message.body and "Not <b>hand</b>-made." in message.body
    assert message.subject == "“Bowls & cups <set>” was not approved"


def test_subject_stays_on_one_line_whatever_the_context_holds():
    notification = notification_send(kind=Kind.COOPERATIVE_VERIFIED, email="coop@example.com",
                                     context={"cooperative": "Evil\r\nBcc: everyone@example.com"})
    assert "\n" not in notification_email(notification).subject


def test_message_id_is_the_same_for_every_attempt():
    notification = listing_notification()
    first, second = notification_email(notification), notification_email(notification)

    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert first.extra_headers["Message-ID"] == f"<notification-{notification.pk}@ovop.market>"
    assert first.message()["Message-ID"] == f"<notification-{notification.pk}@ovop.market>"


def test_a_secret_link_is_dropped_once_sent_and_hidden_in_admin(admin_client, eager_tasks, mailoutbox,
                                                                 django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_send(kind=Kind.ACCOUNT_PASSWORD_RESET, user=user,
                                         context={"action_url": "https://ovop.market/accounts/reset/SECRET/"})
        page = admin_client.get(reverse("admin:ovop_market_notification_change", args=[notification.pk]))
        assert "SECRET" not in page.content.decode()

    assert "https://ovop.market/accounts/reset/SECRET/" in mailoutbox[0].body
    notification.refresh_from_db()
    assert "action_url" not in notification.context


# --- In the account ----------------------------------------------------------------------------


def test_user_sees_only_their_own_notifications_with_the_unread_count(client):
    user, other = UserFactory(), UserFactory()
    mine = [listing_notification(user=user) for _ in range(2)]
    listing_notification(user=other)
    notification_send(kind=Kind.ACCOUNT_WELCOME, user=user, context={})  # e-mail only, not listed
    sign_in(client, user)

    response = client.get("/notifications/")

    assert response.status_code == 200
    assert [n.pk for n in response.context["notifications"]] == [n.pk for n in reversed(mine)]
    assert response.context["unread_count"] == 2
    assert "“Bat Trang tea bowl”: changes requested" in response.content.decode()
    assert "Blurry photo." in response.content.decode()


def test_the_list_costs_the_same_queries_however_many_notifications_it_shows(client):
    user = UserFactory()
    sign_in(client, user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/notifications/").status_code == 200
        return len(captured)

    listing_notification(user=user)
    few = queries()
    for _ in range(15):
        listing_notification(user=user)
    assert queries() == few


def test_the_list_is_served_in_the_page_language(client):
    user = UserFactory()
    listing_notification(user=user)
    sign_in(client, user)

    response = client.get("/vi/notifications/")

    assert response.status_code == 200
    assert '<html lang="vi"' in response.content.decode()


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_mark_read_is_a_post_and_only_for_the_recipient(client):
    user, other = UserFactory(), UserFactory()
    notification = listing_notification(user=user)
    url = reverse("notifications:mark_read", args=[notification.pk])

    sign_in(client, other)
    assert client.post(url).status_code == 404
    sign_in(client, user)
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "/notifications/?page=1"})

    assert response.status_code == 302 and response["Location"] == "/notifications/?page=1"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get("/notifications/").context["unread_count"] == 0


def test_mark_read_needs_the_csrf_token():
    user = UserFactory()
    notification = listing_notification(user=user)
    client = Client(enforce_csrf_checks=True)
    sign_in(client, user)

    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))

    assert response.status_code == 403
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_marks_only_mine_and_ignores_an_outside_next(client):
    user, other = UserFactory(), UserFactory()
    for _ in range(3):
        listing_notification(user=user)
    theirs = listing_notification(user=other)
    sign_in(client, user)

    response = client.post(reverse("notifications:mark_all_read"), {"next": "https://evil.example/"})

    assert response["Location"] == "/notifications/"
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_header_shows_the_unread_count_to_signed_in_users(client):
    user = UserFactory()
    listing_notification(user=user)
    listing_notification(user=user)
    sign_in(client, user)

    page = client.get("/").content.decode()

    assert re.search(r'href="/notifications/">Notifications <span class="tag">2<', page)


def test_anonymous_pages_run_no_notification_query_and_set_no_cookie(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")

    assert "notifications/" not in response.content.decode()
    assert not any("ovop_market_notification" in query["sql"] for query in captured.captured_queries)
    assert not response.cookies


# --- The officer's decisions -------------------------------------------------------------------


@pytest.mark.parametrize(("decision", "kind"), [
    (Verification.VERIFIED, Kind.COOPERATIVE_VERIFIED),
    (Verification.CHANGES_REQUESTED, Kind.COOPERATIVE_CHANGES_REQUESTED),
    (Verification.REJECTED, Kind.COOPERATIVE_REJECTED),
])
def test_verification_decision_notifies_the_cooperative_with_the_reason(decision, kind):
    officer = UserFactory(is_staff=True)
    cooperative = CooperativeFactory(verification_status=Verification.PENDING, contact_email="coop@example.com")

    cooperative_set_status(cooperative=cooperative, to=decision, by=officer, reason="Licence scan is unreadable.")

    notification = Notification.objects.get()
    assert (notification.kind, notification.email, notification.user) == (kind, "coop@example.com", None)
    assert notification.context["reason"] == "Licence scan is unreadable."
    assert notification.context["cooperative"] == cooperative.name
    assert "Licence scan is unreadable." in notification_email(notification).body


def test_decision_reaches_the_account_with_the_contact_address_in_its_language():
    artisan = UserFactory(email="mai@example.com", language="vi")
    cooperative = CooperativeFactory(verification_status=Verification.PENDING, contact_email="Mai@Example.com")

    cooperative_set_status(cooperative=cooperative, to=Verification.VERIFIED, by=None)

    notification = Notification.objects.get()
    assert (notification.user, notification.language) == (artisan, "vi")
    assert notification.link == f"/producers/{cooperative.slug}/"


def test_applying_is_not_a_decision_and_no_address_means_no_notification():
    cooperative = CooperativeFactory(verification_status=Verification.DRAFT, contact_email="coop@example.com")
    cooperative_set_status(cooperative=cooperative, to=Verification.PENDING, by=None)
    silent = CooperativeFactory(verification_status=Verification.PENDING, contact_email="")
    cooperative_set_status(cooperative=silent, to=Verification.REJECTED, by=None, reason="Not a cooperative.")

    assert not Notification.objects.exists()


@pytest.mark.parametrize(("decision", "kind"), [
    (Product.Status.APPROVED, Kind.LISTING_APPROVED),
    (Product.Status.CHANGES_REQUESTED, Kind.LISTING_CHANGES_REQUESTED),
    (Product.Status.REJECTED, Kind.LISTING_REJECTED),
])
def test_listing_decision_notifies_the_cooperative_with_the_officers_reason(decision, kind):
    cooperative = CooperativeFactory(contact_email="coop@example.com")
    product = ProductFactory(cooperative=cooperative, status=Product.Status.SUBMITTED, approved_at=None)

    product_set_status(product=product, to=decision, by=UserFactory(is_staff=True), reason="Say what the glaze is.")

    notification = Notification.objects.get()
    assert (notification.kind, notification.email) == (kind, "coop@example.com")
    assert notification.context["product"] == product.name
    assert notification.context["reason"] == "Say what the glaze is."
    email = notification_email(notification)
    assert product.name in email.subject and "Say what the glaze is." in email.body


def test_submitting_a_listing_notifies_nobody():
    product = ProductFactory(cooperative=CooperativeFactory(contact_email="coop@example.com"),
                             status=Product.Status.DRAFT, approved_at=None)
    product_set_status(product=product, to=Product.Status.SUBMITTED, by=None)
    assert not Notification.objects.exists()


def test_a_refused_transition_records_no_notification():
    from django.core.exceptions import ValidationError

    product = ProductFactory(cooperative=CooperativeFactory(contact_email="coop@example.com"),
                             status=Product.Status.DRAFT, approved_at=None)
    with pytest.raises(ValidationError):
        product_set_status(product=product, to=Product.Status.APPROVED, by=None)
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()
