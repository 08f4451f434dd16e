"""Accounts log in by e-mail."""
import pytest
from django.contrib.auth import get_user_model

from tests.conftest import login_officer

pytestmark = pytest.mark.django_db


def test_user_logs_in_with_email_and_password(client):
    get_user_model().objects.create_user(email="Mai@Example.com", password="pottery-kiln-2026")
    assert client.login(email="mai@example.com", password="pottery-kiln-2026")


def test_email_is_unique_regardless_of_case():
    from django.db import IntegrityError, transaction

    users = get_user_model().objects
    users.create_user(email="somchai@example.com", password="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        users.create_user(email="SOMCHAI@example.com", password="y")


def test_officer_reaches_admin(client):
    officer = get_user_model().objects.create_superuser(email="officer@example.com", password="x")
    login_officer(client, officer)
    assert client.get("/admin/catalog/product/").status_code == 200
    assert client.get("/admin/sellers/cooperative/").status_code == 200
