"""Change of e-mail address: needs the password, a link to the new address bound to that user and
that address, applied only by that user; the old address is told."""
import pytest

from ovop_market.accounts import services
from ovop_market.models import User

from .conftest import PASSWORD, link_in

pytestmark = pytest.mark.django_db

CHANGE = "/accounts/email/"


def _ask(client, capture, email="mai.tran@example.org", password=PASSWORD):
    with capture(execute=True):
        return client.post(CHANGE, {"email": email, "password": password})


def test_change_of_address_by_link_to_the_new_address(mai, client, django_capture_on_commit_callbacks, mailoutbox):
    client.force_login(mai)
    response = _ask(client, django_capture_on_commit_callbacks, email="Mai.Tran@Example.org")
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.to == ["mai.tran@example.org"]
    mai.refresh_from_db()
    assert mai.email == "mai@example.com", "nothing changes before the link is opened"

    link = link_in(message)
    page = client.get(link)
    assert page.status_code == 200 and b"mai.tran@example.org" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)

    assert response.status_code == 302
    mai.refresh_from_db()
    assert mai.email == "mai.tran@example.org" and mai.email_confirmed_at is not None
    notice = mailoutbox[-1]
    assert notice.to == ["mai@example.com"] and "was changed" in notice.subject
    assert "mai.tran@example.org" in notice.body
    # Logs in with the new address from now on, and the link cannot be used again.
    client.post("/accounts/logout/")
    assert client.login(email="mai.tran@example.org", password=PASSWORD)
    assert client.post(link).status_code == 400


def test_wrong_password_sends_nothing_and_keeps_the_typed_address(mai, client, django_capture_on_commit_callbacks,
                                                                  mailoutbox):
    client.force_login(mai)
    response = _ask(client, django_capture_on_commit_callbacks, password="not-it")
    assert response.status_code == 200 and "password" in response.context["form"].errors
    assert 'value="mai.tran@example.org"' in response.content.decode()
    assert not mailoutbox


@pytest.mark.parametrize(("email", "reason"), [
    ("somchai@example.com", "Another account uses this address"),
    ("MAI@example.com", "already your e-mail address"),
    ("not-an-address", "valid email address"),
    ("a" * 10_000 + "@example.com", "valid email address"),
])
def test_address_taken_same_or_invalid_is_refused(mai, somchai, client, email, reason, mailoutbox):
    client.force_login(mai)
    response = client.post(CHANGE, {"email": email, "password": PASSWORD})
    assert response.status_code == 200 and reason in str(response.context["form"].errors["email"])
    assert not mailoutbox


def test_link_is_refused_for_another_logged_in_user(mai, somchai, client):
    token = services.email_change_token(user=mai, new_email="mai.tran@example.org")
    client.force_login(somchai)

    assert client.get(f"/accounts/email/confirm/{token}/").status_code == 400
    response = client.post(f"/accounts/email/confirm/{token}/")

    assert response.status_code == 400 and b"another account" in response.content
    assert set(User.objects.values_list("email", flat=True)) == {"mai@example.com", "somchai@example.com"}


def test_link_needs_a_login_first(mai, client):
    token = services.email_change_token(user=mai, new_email="mai.tran@example.org")
    response = client.post(f"/accounts/email/confirm/{token}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    mai.refresh_from_db()
    assert mai.email == "mai@example.com"


def test_tampered_or_expired_link_is_refused(mai, client, settings):
    client.force_login(mai)
    token = services.email_change_token(user=mai, new_email="mai.tran@example.org")
    payload, _, signature = token.partition(":")
    assert client.post(f"/accounts/email/confirm/x{payload[1:]}:{signature}/").status_code == 400
    settings.ACCOUNT_EMAIL_CONFIRM_MAX_AGE = -1
    assert client.post(f"/accounts/email/confirm/{token}/").status_code == 400
    mai.refresh_from_db()
    assert mai.email == "mai@example.com"


def test_link_is_refused_once_the_new_address_is_taken(mai, client):
    client.force_login(mai)
    token = services.email_change_token(user=mai, new_email="mai.tran@example.org")
    User.objects.create_user(email="mai.tran@example.org", password="x")
    response = client.post(f"/accounts/email/confirm/{token}/")
    assert response.status_code == 400
    mai.refresh_from_db()
    assert mai.email == "mai@example.com"


def test_account_page_saves_name_and_language_and_reshows_bad_input(mai, client):
    client.force_login(mai)
    page = client.get("/accounts/").content.decode()
    assert "mai@example.com" in page and "not confirmed yet" in page

    response = client.post("/accounts/", {"full_name": "N" * 10_000, "language": "th"})
    assert response.status_code == 200 and "full_name" in response.context["form"].errors
    assert "N" * 10_000 in response.content.decode()

    assert client.post("/accounts/", {"full_name": "Mai Tran", "language": "th"}).status_code == 302
    mai.refresh_from_db()
    assert (mai.full_name, mai.language) == ("Mai Tran", "th")
