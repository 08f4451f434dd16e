"""Sign up, confirmation of the address by a signed link, and what bad input gets."""
import pytest
from django.core import signing

from ovop_market.accounts import services
from ovop_market.models import Notification, User

from .conftest import link_in

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"


def _sign_up(client, capture, **overrides):
    data = {"email": "Lan@Example.com", "full_name": "Lan Tran", "password1": "kiln-fired-2026",
            "password2": "kiln-fired-2026", "language": "en", **overrides}
    with capture(execute=True):
        return client.post(SIGNUP, data)


def test_sign_up_logs_in_at_once_with_the_address_unconfirmed_and_emails_a_link(
        client, django_capture_on_commit_callbacks, mailoutbox):
    response = _sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response["Location"] == "/accounts/"
    user = User.objects.get(email="lan@example.com")
    assert user.full_name == "Lan Tran" and user.check_password("kiln-fired-2026")
    assert user.email_confirmed_at is None
    assert client.get("/accounts/").context["user"] == user
    (message,) = mailoutbox
    assert message.to == ["lan@example.com"] and message.subject == "Confirm your e-mail address"
    assert link_in(message).startswith("/accounts/confirm/")


def test_confirmation_link_shows_a_button_and_the_post_confirms(client, django_capture_on_commit_callbacks,
                                                                 mailoutbox):
    _sign_up(client, django_capture_on_commit_callbacks)
    link = link_in(mailoutbox[0])

    page = client.get(link)
    assert page.status_code == 200 and b"lan@example.com" in page.content
    assert User.objects.get().email_confirmed_at is None, "a GET (a mail scanner) confirms nothing"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response.status_code == 302
    assert User.objects.get().email_confirmed_at is not None
    assert mailoutbox[-1].subject == "Welcome to OVOP Market"
    # Opening it again is harmless: no second welcome.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    assert len(mailoutbox) == 2


def test_confirmation_link_works_for_a_visitor_who_is_not_logged_in(mai, client):
    token = services.email_confirmation_token(user=mai)
    response = client.post(f"/accounts/confirm/{token}/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    mai.refresh_from_db()
    assert mai.email_confirmed_at is not None


def test_sign_up_language_defaults_to_the_page_language_and_the_link_follows_it(
        client, django_capture_on_commit_callbacks, mailoutbox):
    form = client.get("/vi/accounts/signup/").context["form"]
    assert form["language"].value() == "vi"

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/vi/accounts/signup/", {"email": "hoa@example.com", "full_name": "Hoa", "language": "vi",
                                             "password1": "kiln-fired-2026", "password2": "kiln-fired-2026"})
    assert User.objects.get().language == "vi"
    assert link_in(mailoutbox[0]).startswith("/vi/accounts/confirm/")


def test_tampered_link_is_refused(mai, client):
    token = services.email_confirmation_token(user=mai)
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert client.post(f"/accounts/confirm/{tampered}/").status_code == 400
    forged = signing.dumps({"u": mai.pk, "e": mai.email}, salt="another-salt")
    assert client.get(f"/accounts/confirm/{forged}/").status_code == 400
    mai.refresh_from_db()
    assert mai.email_confirmed_at is None


def test_expired_link_is_refused(mai, client, settings):
    token = services.email_confirmation_token(user=mai)
    settings.ACCOUNT_EMAIL_CONFIRM_MAX_AGE = -1
    response = client.post(f"/accounts/confirm/{token}/")
    assert response.status_code == 400 and b"expired" in response.content
    mai.refresh_from_db()
    assert mai.email_confirmed_at is None


def test_another_users_link_is_refused_while_logged_in(mai, somchai, client):
    client.force_login(somchai)
    token = services.email_confirmation_token(user=mai)
    response = client.post(f"/accounts/confirm/{token}/")
    assert response.status_code == 400 and b"another account" in response.content
    mai.refresh_from_db()
    somchai.refresh_from_db()
    assert mai.email_confirmed_at is None and somchai.email_confirmed_at is None


def test_link_for_an_address_no_longer_on_the_account_is_refused(mai, client):
    token = services.email_confirmation_token(user=mai)
    User.objects.filter(pk=mai.pk).update(email="mai.new@example.com")
    assert client.post(f"/accounts/confirm/{token}/").status_code == 400
    mai.refresh_from_db()
    assert mai.email_confirmed_at is None


def test_resend_sends_a_new_link_but_not_twice_in_a_minute(mai, client, django_capture_on_commit_callbacks,
                                                           mailoutbox):
    client.force_login(mai)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/confirm/resend/")
        client.post("/accounts/confirm/resend/")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["mai@example.com"]
    assert client.get("/accounts/confirm/resend/").status_code == 405


def test_duplicate_address_is_refused_whatever_its_case(mai, client):
    response = client.post(SIGNUP, {"email": "MAI@example.com", "full_name": "Other", "language": "en",
                                    "password1": "kiln-fired-2026", "password2": "kiln-fired-2026"})
    assert response.status_code == 200
    assert "already exists" in str(response.context["form"].errors["email"])
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password2": "kiln-fired-2027"}, "password2"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "a" * 10_000 + "@example.com"}, "email"),
        ({"full_name": "N" * 10_000}, "full_name"),
        ({"full_name": ""}, "full_name"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"language": "xx"}, "language"),
    ],
)
def test_bad_input_reshows_the_form_with_what_was_typed(client, overrides, field):
    data = {"email": "lan@example.com", "full_name": "Lan Tran", "password1": "kiln-fired-2026",
            "password2": "kiln-fired-2026", "language": "vi", **overrides}
    response = client.post(SIGNUP, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    page = response.content.decode()
    assert "Please correct what is marked below" in page
    for kept in ("email", "full_name"):
        if kept != field:
            assert f'value="{data[kept]}"' in page
    assert not User.objects.exists()
    assert not Notification.objects.exists()


def test_signup_page_has_phone_friendly_inputs(client):
    page = client.get(SIGNUP).content.decode()
    assert 'type="email"' in page and 'autocomplete="email"' in page
    assert page.count('autocomplete="new-password"') == 2
    assert 'name="csrfmiddlewaretoken"' in page


def test_signup_keeps_a_safe_next_and_drops_another_sites(client, django_capture_on_commit_callbacks):
    data = {"email": "lan@example.com", "full_name": "Lan", "language": "en",
            "password1": "kiln-fired-2026", "password2": "kiln-fired-2026"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, {**data, "next": "https://evil.example/"})
    assert response["Location"] == "/accounts/"
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, {**data, "email": "lan2@example.com", "next": "/products/"})
    assert response["Location"] == "/products/"


def test_signed_in_person_visiting_signup_goes_to_the_account(mai, client):
    client.force_login(mai)
    assert client.get(SIGNUP)["Location"] == "/accounts/"

