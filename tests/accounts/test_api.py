"""The account API: who am I (session or Basic), and a token for the seller API."""
import base64

import pytest
from rest_framework.authtoken.models import Token

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _basic(email, password):
    return "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()


def test_me_with_basic_auth_or_session(mai, client):
    response = client.get("/api/accounts/me/", HTTP_AUTHORIZATION=_basic("mai@example.com", PASSWORD))
    assert response.status_code == 200 and response.json()["email"] == "mai@example.com"
    client.force_login(mai)
    assert client.get("/api/accounts/me/").json()["full_name"] == "Mai Nguyen"


def test_me_for_nobody_is_a_json_403_without_a_browser_prompt(client):
    response = client.get("/api/accounts/me/")
    assert response.status_code == 403 and "detail" in response.json()
    assert "WWW-Authenticate" not in response


def test_token_for_email_and_password_authenticates_api_calls(mai, client):
    response = client.post("/api/accounts/token/", {"email": "Mai@Example.com", "password": PASSWORD},
                           content_type="application/json")
    assert response.status_code == 200
    key = response.json()["token"]
    assert Token.objects.get(user=mai).key == key
    me = client.get("/api/accounts/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert me.status_code == 200 and me.json()["id"] == mai.pk


@pytest.mark.parametrize("body", [{}, {"email": "not-an-address", "password": "x"},
                                  {"email": "a" * 10_000 + "@example.com", "password": "x"}])
def test_bad_token_request_is_a_json_400(client, body):
    response = client.post("/api/accounts/token/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()


def test_wrong_password_gets_no_token(mai, client):
    response = client.post("/api/accounts/token/", {"email": "mai@example.com", "password": "nope"},
                           content_type="application/json")
    assert response.status_code in (401, 403) and "not right" in response.json()["detail"]
    assert not Token.objects.exists()
