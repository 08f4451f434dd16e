"""Log in by e-mail (a new session), log out by POST (the session ends), ``next`` kept on this site."""
import pytest

from tests.factories import ProductFactory

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_login_starts_a_new_session(mai, client):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key

    response = client.post(LOGIN, {"username": "mai@example.com", "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(mai.pk)


def test_login_ignores_the_case_and_spaces_of_the_address(mai, client):
    response = client.post(LOGIN, {"username": "  Mai@Example.COM ", "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_reshows_the_form_with_the_address(mai, client):
    response = client.post(LOGIN, {"username": "mai@example.com", "password": "wrong"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "is not right" in page and 'value="mai@example.com"' in page
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("username", ["not-an-address", "a" * 10_000 + "@example.com", ""])
def test_bad_address_on_login_is_a_form_error_not_a_500(mai, client, username):
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 200
    assert "username" in response.context["form"].errors


def test_next_on_this_site_is_followed(mai, client):
    response = client.post(f"{LOGIN}?next=/products/", {"username": "mai@example.com", "password": PASSWORD,
                                                        "next": "/products/?q=silk"})
    assert response["Location"] == "/products/?q=silk"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "http:///evil.example",
                                    "javascript:alert(1)"])
def test_next_to_another_site_is_ignored(mai, client, target):
    response = client.post(LOGIN, {"username": "mai@example.com", "password": PASSWORD, "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_pages_that_need_an_account_send_to_the_login_page(client):
    response = client.get("/accounts/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/accounts/"


def test_logout_is_post_only_and_ends_the_session(mai, client):
    client.post(LOGIN, {"username": "mai@example.com", "password": PASSWORD})
    session_key = client.session.session_key

    assert client.get("/accounts/logout/").status_code == 405
    assert client.session["_auth_user_id"] == str(mai.pk)

    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get("/accounts/").status_code == 302


def test_header_offers_log_in_and_sign_up_to_visitors_without_setting_a_cookie(client):
    product = ProductFactory()
    response = client.get(product.get_absolute_url())
    page = response.content.decode()
    assert f'href="/accounts/login/?next={product.get_absolute_url()}"' in page
    assert "/accounts/signup/" in page
    assert "csrfmiddlewaretoken" not in page and "/accounts/logout/" not in page
    assert not response.cookies


def test_header_shows_the_account_and_a_logout_button_when_signed_in(mai, client):
    client.force_login(mai)
    page = client.get("/").content.decode()
    assert '<a href="/accounts/" title="Your account">Mai</a>' in page
    assert 'action="/accounts/logout/"' in page and "csrfmiddlewaretoken" in page
    assert "/accounts/signup/" not in page


def test_login_page_has_phone_friendly_inputs(client):
    page = client.get(LOGIN).content.decode()
    assert 'type="email"' in page and 'autocomplete="username"' in page
    assert 'autocomplete="current-password"' in page


def test_login_page_is_translated_under_the_language_prefix(client):
    response = client.get("/vi/accounts/login/")
    assert response.status_code == 200 and response.context["LANGUAGE_CODE"] == "vi"
