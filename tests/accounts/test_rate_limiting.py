"""Login rate limiting (django-axes, on in tests too): failures count per (e-mail, IP address), the
same through the site, the admin and the API; one person guessing locks out only that e-mail from
that address, never everybody behind the same IP."""
import base64

import pytest
from axes.models import AccessAttempt

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

IP_X, IP_Y = "203.0.113.7", "198.51.100.20"
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/?next=/admin/"
API = "/api/accounts/me/"
TOKEN = "/api/accounts/token/"


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def _web(client, email, password, ip):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def _admin(client, email, password, ip):
    return client.post(ADMIN_LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def _api(client, email, password, ip):
    token = base64.b64encode(f"{email}:{password}".encode()).decode()
    return client.get(API, HTTP_AUTHORIZATION=f"Basic {token}", REMOTE_ADDR=ip)


@pytest.fixture
def officer(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(email="officer@example.com", password=PASSWORD)


def test_web_failures_lock_out_that_email_from_that_address_only(mai, somchai, client):
    for _ in range(2):
        assert _web(client, "mai@example.com", "guess", IP_X).status_code == 200
    locked = _web(client, "MAI@example.com", "guess", IP_X)  # another case counts for the same address

    assert locked.status_code == 429
    assert "Too many failed log-in attempts" in locked.content.decode()
    assert locked["Retry-After"] == "900"
    # Even the right password is refused now, for Mai from X…
    assert _web(client, "mai@example.com", PASSWORD, IP_X).status_code == 429
    assert "_auth_user_id" not in client.session
    # …while Somchai, behind the same address, logs in,
    assert _web(client, "somchai@example.com", PASSWORD, IP_X).status_code == 302
    client.post("/accounts/logout/")
    # and Mai from another address too.
    assert _web(client, "mai@example.com", PASSWORD, IP_Y).status_code == 302


def test_lockout_page_is_translated_html(mai, client):
    for _ in range(3):
        response = client.post("/vi/accounts/login/", {"username": "mai@example.com", "password": "x"},
                               REMOTE_ADDR=IP_X)
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="vi"' in response.content.decode()


def test_a_successful_login_clears_the_count(mai, client):
    for _ in range(2):
        _web(client, "mai@example.com", "guess", IP_X)
    assert _web(client, "mai@example.com", PASSWORD, IP_X).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_admin_login_is_limited_the_same_way(officer, somchai, client):
    somchai.is_staff = True
    somchai.save()
    for _ in range(2):
        assert _admin(client, "officer@example.com", "guess", IP_X).status_code == 200
    assert _admin(client, "officer@example.com", "guess", IP_X).status_code == 429
    assert _admin(client, "officer@example.com", PASSWORD, IP_X).status_code == 429

    assert _admin(client, "somchai@example.com", PASSWORD, IP_X).status_code == 302
    client.logout()
    assert _admin(client, "officer@example.com", PASSWORD, IP_Y).status_code == 302


def test_api_basic_login_is_limited_with_a_json_429(mai, somchai, client):
    for _ in range(2):
        response = _api(client, "mai@example.com", "guess", IP_X)
        assert response.status_code in (401, 403) and "detail" in response.json()
    locked = _api(client, "mai@example.com", "guess", IP_X)

    assert locked.status_code == 429
    assert "Too many failed log-in attempts" in locked.json()["detail"]
    assert locked["Retry-After"] == "900"
    assert _api(client, "mai@example.com", PASSWORD, IP_X).status_code == 429

    assert _api(client, "somchai@example.com", PASSWORD, IP_X).status_code == 200
    assert _api(client, "mai@example.com", PASSWORD, IP_Y).status_code == 200


def test_api_token_request_is_limited_with_a_json_429(mai, somchai, client):
    def ask(email, password, ip):
        return client.post(TOKEN, {"email": email, "password": password}, content_type="application/json",
                           REMOTE_ADDR=ip)

    assert ask("mai@example.com", PASSWORD, IP_X).status_code == 200
    for _ in range(2):
        assert ask("mai@example.com", "guess", IP_X).status_code in (401, 403)
    locked = ask("mai@example.com", "guess", IP_X)
    assert locked.status_code == 429 and "Too many" in locked.json()["detail"]
    assert ask("mai@example.com", PASSWORD, IP_X).status_code == 429
    assert ask("somchai@example.com", PASSWORD, IP_X).status_code == 200
    assert ask("mai@example.com", PASSWORD, IP_Y).status_code == 200


def test_failures_through_one_door_count_at_the_others(mai, client):
    _web(client, "mai@example.com", "guess", IP_X)
    _admin(client, "mai@example.com", "guess", IP_X)
    _api(client, "mai@example.com", "guess", IP_X)
    assert _web(client, "mai@example.com", PASSWORD, IP_X).status_code == 429


def test_an_absurdly_long_address_is_recorded_without_breaking(client):
    response = _api(client, "a" * 10_000 + "@example.com", "guess", IP_X)
    assert response.status_code in (401, 403)
    assert len(AccessAttempt.objects.get().username) == 255


def test_cool_off_ends_the_lockout(mai, client, settings):
    from datetime import timedelta

    for _ in range(3):
        _web(client, "mai@example.com", "guess", IP_X)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    assert _web(client, "mai@example.com", PASSWORD, IP_X).status_code == 302


def test_test_client_login_goes_through_axes_too(mai, client):
    for _ in range(3):
        assert not client.login(email="mai@example.com", password="guess")
    assert not client.login(email="mai@example.com", password=PASSWORD)


def test_behind_a_trusted_proxy_the_forwarded_address_counts(mai, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(3):
        client.post(LOGIN, {"username": "mai@example.com", "password": "guess"}, REMOTE_ADDR=proxy,
                    HTTP_X_FORWARDED_FOR=f"1.2.3.4, {IP_X}")  # what the client wrote first is not trusted
    assert AccessAttempt.objects.get().ip_address == IP_X
    locked = client.post(LOGIN, {"username": "mai@example.com", "password": PASSWORD}, REMOTE_ADDR=proxy,
                         HTTP_X_FORWARDED_FOR=IP_X)
    assert locked.status_code == 429
    other_client = client.post(LOGIN, {"username": "mai@example.com", "password": PASSWORD}, REMOTE_ADDR=proxy,
                               HTTP_X_FORWARDED_FOR=f"{IP_X}, {IP_Y}")
    assert other_client.status_code == 302
    # A garbage header falls back to the proxy's own address instead of breaking the login.
    client.post("/accounts/logout/")
    response = client.post(LOGIN, {"username": "mai@example.com", "password": PASSWORD}, REMOTE_ADDR=proxy,
                           HTTP_X_FORWARDED_FOR="not-an-ip")
    assert response.status_code == 302
